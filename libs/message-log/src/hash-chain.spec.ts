import { GENESIS_HASH, documentDigest, entryDigest, entryHash, linkHash, type ChainFields } from './hash-chain';

const DOC = Buffer.from('<Signed xmlns="urn:t">Қазақстан &amp; "KYC"</Signed>', 'utf8');

const first: ChainFields = {
  seq: '1', messageId: 'msg-1', correlationId: null, direction: 'IN', channel: 'KAFKA', type: 'KYC_REQUEST',
  senderBin: '123456789021', outcome: 'ACCEPTED', recordedAt: '2026-12-01T22:45:10.123Z', documentSha256: documentDigest(DOC),
};
const second: ChainFields = {
  ...first, seq: '2', messageId: 'msg-2', correlationId: 'msg-1', direction: 'OUT', channel: 'SOAP', type: 'KYC_RESULT',
  senderBin: null, outcome: 'REFUSED:REPLAY', recordedAt: '2026-12-01T22:45:11.000Z',
};

describe('message log hash recipe v1', () => {
  // Golden values computed by an independent implementation of the documented recipe (Python:
  // hashlib + struct.pack('>I', len)), so the TypeScript code and the text in HASH_RECIPE_TEXT
  // cannot drift apart unnoticed.
  it('matches the independently computed vectors', () => {
    expect(first.documentSha256).toBe('833f8a5a50a3006b45626a12dd5d054c05b7feafbade3219c386c32281e73b69');
    expect(entryDigest(first)).toBe('3714bc4eeb654231766f9c8f3e5f761811ee1cd614f36e562f43d0213e9fafda');
    const h1 = entryHash(GENESIS_HASH, first);
    expect(h1).toBe('84783a5dfb3cad03bc25e435df4a24bf03c605c75adfaaa1a8e776567f21e4a2');
    expect(entryDigest(second)).toBe('2cc63a92b8c152501735bbda1701cd46efd28a440cbeb872bf575b8b2ca5992c');
    expect(entryHash(h1, second)).toBe('ee31bac761650c2b0ed2c6686c5d9fc40ccbee939881bb1fb0babb37108b9c44');
  });

  it('hash = link(prevHash, entryDigest)', () => {
    expect(entryHash(GENESIS_HASH, first)).toBe(linkHash(GENESIS_HASH, entryDigest(first)));
  });

  it('every field and the previous hash change the hash', () => {
    const base = entryHash(GENESIS_HASH, first);
    const variants: Partial<ChainFields>[] = [
      { seq: '2' }, { messageId: 'msg-1 ' }, { correlationId: 'x' }, { direction: 'OUT' }, { channel: 'SOAP' }, { type: 'KYC_RESULT' },
      { senderBin: '123456789022' }, { outcome: 'REFUSED:DIGEST_MISMATCH' }, { recordedAt: '2026-12-01T22:45:10.124Z' },
      { documentSha256: documentDigest(Buffer.concat([DOC, Buffer.from(' ')])) },
    ];
    const hashes = new Set(variants.map((v) => entryHash(GENESIS_HASH, { ...first, ...v })));
    expect(hashes.size).toBe(variants.length);
    expect(hashes.has(base)).toBe(false);
    expect(entryHash('1'.repeat(64), first)).not.toBe(base);
  });

  it('is unambiguous: null differs from empty, and bytes cannot move between fields', () => {
    expect(entryDigest({ ...first, correlationId: null })).not.toBe(entryDigest({ ...first, correlationId: '' }));
    expect(entryDigest({ ...first, senderBin: null })).not.toBe(entryDigest({ ...first, senderBin: '' }));
    expect(entryDigest({ ...first, type: 'ab', outcome: 'c' })).not.toBe(entryDigest({ ...first, type: 'a', outcome: 'bc' }));
    // a length prefix that happened to look like field content still cannot collide
    expect(entryDigest({ ...first, correlationId: null, type: 'T' })).not.toBe(entryDigest({ ...first, correlationId: '', type: 'T' }));
  });

  it('digests the document bytes as given, with no normalisation', () => {
    const crlf = Buffer.from(DOC.toString('utf8').replace('>', '>\r\n'), 'utf8');
    expect(documentDigest(crlf)).not.toBe(documentDigest(DOC));
    expect(documentDigest(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
