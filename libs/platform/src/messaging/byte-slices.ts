/**
 * A produce request whose record batch for one partition passes the broker's message.max.bytes
 * (1 MB by default) is refused as a whole ("The request included a message larger than the max
 * message size the server will accept") and, being retriable to kafkajs, retried until the call
 * gives up: a large enough publish never lands. Publishers send in slices under this many bytes.
 */
export const PRODUCE_SLICE_BYTES = 512 * 1024;

/**
 * Pure: consecutive [from, to) ranges of items whose sizes add up to at most `maxBytes` each (an
 * item larger than the limit goes alone), in order, so a publisher sends them one request at a time.
 */
export function byteSlices(sizes: readonly number[], maxBytes: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  let bytes = 0;
  for (const [i, size] of sizes.entries()) {
    if (i > from && bytes + size > maxBytes) {
      out.push([from, i]);
      from = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (from < sizes.length) out.push([from, sizes.length]);
  return out;
}

/** Bytes a record takes in a produce request, near enough to keep a slice under the broker's limit. */
export const recordBytes = (m: { key?: string | Buffer | null; value: Buffer | string | null; headers?: Record<string, unknown> }): number => {
  let n = 64 + (m.key ? Buffer.byteLength(m.key) : 0) + (m.value ? Buffer.byteLength(m.value) : 0);
  for (const [k, v] of Object.entries(m.headers ?? {})) n += Buffer.byteLength(k) + (typeof v === 'string' || Buffer.isBuffer(v) ? Buffer.byteLength(v) : 0);
  return n;
};
