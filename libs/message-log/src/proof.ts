import {
  CHANNELS,
  DIRECTIONS,
  GENESIS_HASH,
  HASH_RECIPE_VERSION,
  documentDigest,
  entryDigest,
  isHexHash,
  isRecordedAt,
  isSeq,
  linkHash,
  type ChainFields,
} from './hash-chain';

export const PROOF_FORMAT = 'hub.message-log.proof.v1';

/** One row of the log as stored, without its document. */
export interface MessageLogRow extends ChainFields {
  prevHash: string;
  hash: string;
}

/** A row of the exported message, with its document (base64 of the exact bytes). */
export interface ProofEntry extends MessageLogRow {
  document: string;
}

/** A row on the way from the exported message to the head, shown only by its digests. */
export interface ProofLink {
  seq: string;
  entryDigest: string;
  hash: string;
}

/**
 * What `messagelog:export` writes: everything a third party needs to check, without the hub, that
 * the message's rows are in the chain and that the chain runs unbroken from them to `head`.
 * A head hash compared with one the hub published (or that an earlier export showed) proves
 * nothing was rewritten since.
 */
export interface MessageLogProof {
  format: typeof PROOF_FORMAT;
  recipeVersion: typeof HASH_RECIPE_VERSION;
  recipe: string;
  messageId: string;
  exportedAt: string;
  /** every row with this message id, in seq order (a replayed request adds a row) */
  entries: ProofEntry[];
  /** the hash before the first entry: GENESIS_HASH when it is seq 1 */
  startPrevHash: string;
  /** consecutive rows from the first entry's seq to the head, inclusive */
  links: ProofLink[];
  head: { seq: string; hash: string };
}

export interface ProofCheck {
  ok: boolean;
  /** seq where the check failed, when it did at a row */
  brokenAt?: string;
  reason?: string;
  head?: { seq: string; hash: string };
  entries?: number;
  links?: number;
}

const failed = (reason: string, brokenAt?: string): ProofCheck => ({ ok: false, reason, ...(brokenAt ? { brokenAt } : {}) });

function fieldProblem(e: Partial<ProofEntry>): string | undefined {
  if (!isSeq(e.seq)) return 'seq is not a positive decimal integer';
  for (const k of ['messageId', 'type', 'outcome', 'document'] as const) if (typeof e[k] !== 'string') return `${k} is not a string`;
  for (const k of ['correlationId', 'senderBin'] as const) if (e[k] !== null && typeof e[k] !== 'string') return `${k} is neither a string nor null`;
  if (!DIRECTIONS.includes(e.direction!)) return 'direction is not IN or OUT';
  if (!CHANNELS.includes(e.channel!)) return 'channel is not KAFKA or SOAP';
  if (!isRecordedAt(e.recordedAt)) return 'recordedAt is not ISO-8601 UTC with milliseconds';
  for (const k of ['documentSha256', 'prevHash', 'hash'] as const) if (!isHexHash(e[k])) return `${k} is not a lowercase hex SHA-256`;
  return undefined;
}

/**
 * Checks an exported proof with the recipe alone (no database). `documents`, when given, are
 * the signed XML files the third party holds: each must be byte-identical to an entry's document.
 */
export function checkProof(input: unknown, documents: readonly Buffer[] = []): ProofCheck {
  if (typeof input !== 'object' || input === null) return failed('the proof is not a JSON object');
  const p = input as Partial<MessageLogProof>;
  if (p.format !== PROOF_FORMAT) return failed(`unknown proof format ${String(p.format)} (expected ${PROOF_FORMAT})`);
  if (p.recipeVersion !== HASH_RECIPE_VERSION) return failed(`unknown recipe ${String(p.recipeVersion)} (expected ${HASH_RECIPE_VERSION})`);
  if (!Array.isArray(p.entries) || p.entries.length === 0) return failed('the proof holds no entries');
  if (!Array.isArray(p.links) || p.links.length === 0) return failed('the proof holds no links');
  if (!p.head || !isSeq(p.head.seq) || !isHexHash(p.head.hash)) return failed('the proof has no valid head');
  if (!isHexHash(p.startPrevHash)) return failed('startPrevHash is not a lowercase hex SHA-256');

  // 1. The links: consecutive, each re-linked from the one before, ending at the head.
  const first = p.links[0];
  if (!isSeq(first?.seq)) return failed('links[0].seq is not a positive decimal integer');
  if (first.seq === '1' && p.startPrevHash !== GENESIS_HASH) return failed('seq 1 must follow the genesis hash', '1');
  const bySeq = new Map<string, { link: ProofLink; prevHash: string }>();
  let prev = p.startPrevHash;
  let expectedSeq = BigInt(first.seq);
  for (const link of p.links) {
    if (!link || link.seq !== expectedSeq.toString()) return failed(`links are not consecutive: expected seq ${expectedSeq}, found ${String(link?.seq)}`, expectedSeq.toString());
    if (!isHexHash(link.entryDigest) || !isHexHash(link.hash)) return failed(`link ${link.seq} has a malformed digest or hash`, link.seq);
    if (linkHash(prev, link.entryDigest) !== link.hash) return failed(`link ${link.seq}: hash does not follow from the previous hash and its entry digest`, link.seq);
    bySeq.set(link.seq, { link, prevHash: prev });
    prev = link.hash;
    expectedSeq += 1n;
  }
  const last = p.links[p.links.length - 1];
  if (last.seq !== p.head.seq || last.hash !== p.head.hash) return failed(`the links end at seq ${last.seq}, not at the head ${p.head.seq}`, last.seq);

  // 2. The entries: each document digested, each row's digest recomputed and found in the links.
  const documentsSeen = new Set<number>();
  for (const e of p.entries) {
    const problem = fieldProblem(e ?? {});
    if (problem) return failed(`entry ${String(e?.seq)}: ${problem}`, isSeq(e?.seq) ? e.seq : undefined);
    if (e.messageId !== p.messageId) return failed(`entry ${e.seq} is for message ${e.messageId}, not ${String(p.messageId)}`, e.seq);
    const bytes = Buffer.from(e.document, 'base64');
    if (bytes.toString('base64') !== e.document) return failed(`entry ${e.seq}: document is not canonical base64`, e.seq);
    if (documentDigest(bytes) !== e.documentSha256) return failed(`entry ${e.seq}: the document does not match documentSha256`, e.seq);
    const at = bySeq.get(e.seq);
    if (!at) return failed(`entry ${e.seq} is not within the links`, e.seq);
    if (e.prevHash !== at.prevHash) return failed(`entry ${e.seq}: prevHash is not the hash of seq ${BigInt(e.seq) - 1n}`, e.seq);
    if (entryDigest(e) !== at.link.entryDigest) return failed(`entry ${e.seq}: its fields do not give the entry digest in the chain`, e.seq);
    if (e.hash !== at.link.hash) return failed(`entry ${e.seq}: hash differs from the chain's`, e.seq);
    documents.forEach((d, i) => { if (d.equals(bytes)) documentsSeen.add(i); });
  }
  if (p.entries[0].seq !== first.seq) return failed('the links must start at the first entry', first.seq);
  for (let i = 0; i < documents.length; i++) if (!documentsSeen.has(i)) return failed(`document #${i + 1} given to check is not byte-identical to any entry's document`);

  return { ok: true, head: { seq: p.head.seq, hash: p.head.hash }, entries: p.entries.length, links: p.links.length };
}
