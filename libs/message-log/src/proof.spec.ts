import { GENESIS_HASH, documentDigest, entryDigest, entryHash, HASH_RECIPE_TEXT, HASH_RECIPE_VERSION, type ChainFields } from './hash-chain';
import { PROOF_FORMAT, checkProof, type MessageLogProof, type ProofEntry } from './proof';

/** A chain of `n` rows built with the recipe, as MessageLog.export lays it out. */
function chain(n: number, exportedId: string, at: number[]): { proof: MessageLogProof; docs: Map<string, Buffer> } {
  const rows: (ChainFields & { prevHash: string; hash: string; document: Buffer })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const document = Buffer.from(`<Doc n="${i}">signed ${i}</Doc>`);
    const fields: ChainFields = {
      seq: String(i), messageId: at.includes(i) ? exportedId : `other-${i}`, correlationId: i % 2 ? null : `c-${i}`,
      direction: i % 2 ? 'IN' : 'OUT', channel: i % 3 ? 'KAFKA' : 'SOAP', type: 'KYC_REQUEST', senderBin: i % 4 ? '123456789021' : null,
      outcome: 'ACCEPTED', recordedAt: new Date(Date.UTC(2026, 11, 1, 12, 0, i)).toISOString(), documentSha256: documentDigest(document),
    };
    const hash = entryHash(prev, fields);
    rows.push({ ...fields, prevHash: prev, hash, document });
    prev = hash;
  }
  const mine = rows.filter((r) => r.messageId === exportedId);
  const from = Number(mine[0].seq);
  const entries: ProofEntry[] = mine.map(({ document, ...r }) => ({ ...r, document: document.toString('base64') }));
  const links = rows.slice(from - 1).map((r) => ({ seq: r.seq, entryDigest: entryDigest(r), hash: r.hash }));
  const proof: MessageLogProof = {
    format: PROOF_FORMAT, recipeVersion: HASH_RECIPE_VERSION, recipe: HASH_RECIPE_TEXT, messageId: exportedId,
    exportedAt: new Date().toISOString(), entries, startPrevHash: mine[0].prevHash, links, head: { seq: rows[n - 1].seq, hash: rows[n - 1].hash },
  };
  return { proof, docs: new Map(mine.map((r) => [r.seq, r.document])) };
}

const clone = (p: MessageLogProof): MessageLogProof => JSON.parse(JSON.stringify(p)) as MessageLogProof;

describe('checkProof (no database)', () => {
  it('accepts a proof from the middle of the chain to the head, with the documents the party holds', () => {
    const { proof, docs } = chain(12, 'mine', [4, 7]);
    expect(checkProof(proof, [...docs.values()])).toEqual({ ok: true, head: proof.head, entries: 2, links: 9 });
    expect(checkProof(clone(proof)).ok).toBe(true);
  });

  it('accepts a proof of the very first row and of the head itself', () => {
    expect(checkProof(chain(3, 'mine', [1]).proof).ok).toBe(true);
    expect(checkProof(chain(3, 'mine', [3]).proof).ok).toBe(true);
  });

  it('refuses a changed document, naming its seq', () => {
    const { proof } = chain(6, 'mine', [2]);
    const p = clone(proof);
    p.entries[0].document = Buffer.from('<Doc n="2">signed 3</Doc>').toString('base64');
    expect(checkProof(p)).toMatchObject({ ok: false, brokenAt: '2', reason: expect.stringMatching(/documentSha256/) });
  });

  it('refuses a document and its digest changed together: the entry digest no longer matches', () => {
    const { proof } = chain(6, 'mine', [2]);
    const p = clone(proof);
    const forged = Buffer.from('<Doc n="2">forged</Doc>');
    p.entries[0].document = forged.toString('base64');
    p.entries[0].documentSha256 = documentDigest(forged);
    expect(checkProof(p)).toMatchObject({ ok: false, brokenAt: '2', reason: expect.stringMatching(/entry digest/) });
  });

  it('refuses a changed row field (outcome)', () => {
    const p = clone(chain(6, 'mine', [2]).proof);
    p.entries[0].outcome = 'REFUSED:REPLAY';
    expect(checkProof(p)).toMatchObject({ ok: false, brokenAt: '2' });
  });

  it('refuses a rewritten entry even when the attacker recomputes its own hashes: the links after it break', () => {
    const p = clone(chain(6, 'mine', [2]).proof);
    p.entries[0].outcome = 'REFUSED:REPLAY';
    const digest = entryDigest(p.entries[0]);
    p.entries[0].hash = entryHash(p.entries[0].prevHash, p.entries[0]);
    p.links[0] = { seq: '2', entryDigest: digest, hash: p.entries[0].hash };
    expect(checkProof(p)).toMatchObject({ ok: false, brokenAt: '3', reason: expect.stringMatching(/does not follow/) });
  });

  it('refuses a missing link, a swapped link, and links that stop short of the head', () => {
    const { proof } = chain(8, 'mine', [3]);
    const dropped = clone(proof);
    dropped.links.splice(2, 1);
    expect(checkProof(dropped)).toMatchObject({ ok: false, brokenAt: '5', reason: expect.stringMatching(/consecutive/) });
    const swapped = clone(proof);
    [swapped.links[2].entryDigest, swapped.links[3].entryDigest] = [swapped.links[3].entryDigest, swapped.links[2].entryDigest];
    expect(checkProof(swapped)).toMatchObject({ ok: false, brokenAt: '5' });
    const short = clone(proof);
    short.links.pop();
    expect(checkProof(short)).toMatchObject({ ok: false, reason: expect.stringMatching(/head/) });
  });

  it('refuses an --xml document that is not byte-identical to the logged one', () => {
    const { proof, docs } = chain(4, 'mine', [2]);
    expect(checkProof(proof, [Buffer.concat([docs.get('2')!, Buffer.from('\n')])])).toMatchObject({ ok: false, reason: expect.stringMatching(/byte-identical/) });
  });

  it('refuses an unknown format or recipe, a non-object, and an entry for another message', () => {
    const { proof } = chain(4, 'mine', [2]);
    expect(checkProof({ ...proof, format: 'x' }).ok).toBe(false);
    expect(checkProof({ ...proof, recipeVersion: 'hub.message-log.v0' }).ok).toBe(false);
    expect(checkProof(null).ok).toBe(false);
    expect(checkProof({ ...clone(proof), messageId: 'someone-else' })).toMatchObject({ ok: false, brokenAt: '2' });
  });

  it('refuses a first row that does not start from the genesis hash', () => {
    const p = clone(chain(3, 'mine', [1]).proof);
    p.startPrevHash = '1'.repeat(64);
    expect(checkProof(p)).toMatchObject({ ok: false, brokenAt: '1' });
  });
});
