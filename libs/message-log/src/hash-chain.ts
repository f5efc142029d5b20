import { createHash, type Hash } from 'node:crypto';

/**
 * The message log's hash recipe, version 1. Pure: no database, no Nest. The same functions build
 * the chain (MessageLog.append), check it (MessageLog.verify) and check an exported proof without
 * the hub (proof.ts, tools/messagelog-check-proof.ts).
 *
 * Modelled on X-Road's message log: every signed message in or out is one row, and each row's
 * hash covers the previous row's hash, so changing, inserting or removing a row changes every
 * hash after it.
 *
 *   F(x)           one field: for a string, byte 0x01, then the length of its UTF-8 bytes as a
 *                  4-byte big-endian unsigned integer, then those bytes; for null, the single
 *                  byte 0x00. Length-prefixed, so no choice of field values can make two
 *                  different rows encode to the same bytes.
 *   documentSha256 = hex(SHA-256(the signed document's bytes exactly as sent or received))
 *   entryDigest    = hex(SHA-256(F("hub.message-log.entry.v1") F(seq) F(messageId)
 *                      F(correlationId) F(direction) F(channel) F(type) F(senderBin)
 *                      F(outcome) F(recordedAt) F(documentSha256)))
 *   hash           = hex(SHA-256(F("hub.message-log.link.v1") F(prevHash) F(entryDigest)))
 *   prevHash       = the previous row's hash; for seq 1, 64 zeros (GENESIS_HASH).
 *
 * Conventions: hex is lowercase; seq is the decimal integer without leading zeros (1, 2, ...,
 * gapless); recordedAt is ISO-8601 UTC with milliseconds (2026-12-01T22:45:10.123Z); direction is
 * IN or OUT; channel is KAFKA or SOAP; correlationId and senderBin may be null.
 *
 * Splitting entryDigest from the link lets a proof show the rows after an exported message by
 * their (seq, entryDigest, hash) alone: a third party re-links them up to the head without seeing
 * other parties' messages.
 */
export const HASH_RECIPE_VERSION = 'hub.message-log.v1';
export const ENTRY_TAG = 'hub.message-log.entry.v1';
export const LINK_TAG = 'hub.message-log.link.v1';
export const GENESIS_HASH = '0'.repeat(64);

/** The recipe in words, carried in every export so the proof explains itself. */
export const HASH_RECIPE_TEXT = [
  `recipe ${HASH_RECIPE_VERSION}; SHA-256 throughout, hex lowercase.`,
  'F(x): for a string, byte 0x01, then the byte length of its UTF-8 encoding as a 4-byte big-endian unsigned integer, then the UTF-8 bytes; for null, the single byte 0x00.',
  'documentSha256 = hex(SHA-256(document bytes exactly as sent/received)); in this export the bytes are base64 in entries[].document.',
  `entryDigest = hex(SHA-256(F("${ENTRY_TAG}") F(seq) F(messageId) F(correlationId) F(direction) F(channel) F(type) F(senderBin) F(outcome) F(recordedAt) F(documentSha256))).`,
  `hash = hex(SHA-256(F("${LINK_TAG}") F(prevHash) F(entryDigest))).`,
  `prevHash of seq 1 is ${GENESIS_HASH.length} zeros; otherwise the hash of seq-1. seq is decimal without leading zeros; recordedAt is ISO-8601 UTC with milliseconds (YYYY-MM-DDTHH:mm:ss.sssZ).`,
  `Check: recompute each entry's documentSha256, entryDigest and hash; start from startPrevHash and, for each link in order, hex(SHA-256(F("${LINK_TAG}") F(previous hash) F(link.entryDigest))) must equal link.hash, seqs consecutive, each entry's entryDigest and hash equal to its link's, the last link equal to head.`,
].join('\n');

export type Direction = 'IN' | 'OUT';
export type Channel = 'KAFKA' | 'SOAP';
export const DIRECTIONS: readonly Direction[] = ['IN', 'OUT'];
export const CHANNELS: readonly Channel[] = ['KAFKA', 'SOAP'];

/** The fields of one row that its entry digest covers. */
export interface ChainFields {
  seq: string;
  messageId: string;
  correlationId: string | null;
  direction: Direction;
  channel: Channel;
  type: string;
  senderBin: string | null;
  outcome: string;
  /** ISO-8601 UTC with milliseconds */
  recordedAt: string;
  documentSha256: string;
}

const PRESENT = Buffer.from([1]);
const ABSENT = Buffer.from([0]);

function field(hash: Hash, value: string | null): void {
  if (value === null) {
    hash.update(ABSENT);
    return;
  }
  const bytes = Buffer.from(value, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  hash.update(PRESENT).update(length).update(bytes);
}

export function sha256Hex(bytes: Buffer | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function documentDigest(document: Buffer | Uint8Array): string {
  return sha256Hex(document);
}

export function entryDigest(e: ChainFields): string {
  const h = createHash('sha256');
  for (const v of [ENTRY_TAG, e.seq, e.messageId, e.correlationId, e.direction, e.channel, e.type, e.senderBin, e.outcome, e.recordedAt, e.documentSha256]) field(h, v);
  return h.digest('hex');
}

export function linkHash(prevHash: string, digest: string): string {
  const h = createHash('sha256');
  for (const v of [LINK_TAG, prevHash, digest]) field(h, v);
  return h.digest('hex');
}

export function entryHash(prevHash: string, e: ChainFields): string {
  return linkHash(prevHash, entryDigest(e));
}

export const isHexHash = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);
export const isSeq = (s: unknown): s is string => typeof s === 'string' && /^[1-9][0-9]{0,18}$/.test(s);
export const isRecordedAt = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(s) && new Date(s).toISOString() === s;
