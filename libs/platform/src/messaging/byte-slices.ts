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
