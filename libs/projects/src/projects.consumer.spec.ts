import { renderCanonical } from '@hub/eds';
import { FeedRecord } from '@hub/platform';
import { ProjectFact } from './core/lifecycle';
import { InboundEnvelopeVerifier, SignedEnvelope } from './envelope.ports';
import { factXml, parseXmlRoot } from './project-document';
import { EnvelopeRefusal, mapInOrder, readEnvelopes } from './projects.consumer';

const NDIP = '050940000417';
const fact: ProjectFact = { type: 'RoadmapSubmitted', factId: 'f-1', projectId: 'P-1', occurredOn: '2026-05-04' };

/** Fake of the EDS verifier: "verifies" by parsing, or refuses as told; records the broker time it got. */
class FakeVerifier implements InboundEnvelopeVerifier {
  receivedAt: Date[] = [];
  constructor(private readonly refuse: { code: string; reason: string } | null = null) {}
  async verify(envelope: SignedEnvelope, receivedAt: Date) {
    this.receivedAt.push(receivedAt);
    return this.refuse ? { ok: false as const, ...this.refuse } : { ok: true as const, root: parseXmlRoot(envelope.document), signerBin: envelope.senderBin };
  }
}

const envelope = (f: ProjectFact, over: Partial<SignedEnvelope> = {}): SignedEnvelope => ({
  messageId: f.factId, correlationId: null, type: 'ProjectEvent', issuedAt: Date.parse('2026-05-04T08:00:00Z'), senderBin: NDIP,
  document: renderCanonical(factXml(f, { senderBin: NDIP, issuedAt: new Date('2026-05-04T08:00:00Z') })), ...over,
});
const record = (value: SignedEnvelope, key: string | null = 'P-1'): FeedRecord<SignedEnvelope> => ({
  topic: 'ndip.projects.events.v1', partition: 2, offset: '17', key, timestamp: String(Date.parse('2026-05-04T08:00:01Z')), value, raw: Buffer.alloc(0), headers: {},
});

describe('reading signed project events (NDIP §24)', () => {
  it('takes a verified fact, with the broker time as the verification time, and logs it', async () => {
    const v = new FakeVerifier();
    const r = await readEnvelopes([record(envelope(fact))], v);
    expect(r.facts).toEqual([{ fact, source: 'ndip.projects.events.v1:2:17' }]);
    expect(r.rejected).toEqual([]);
    expect(v.receivedAt).toEqual([new Date('2026-05-04T08:00:01Z')]);
    expect(r.log).toEqual([expect.objectContaining({ direction: 'IN', channel: 'KAFKA', messageId: 'f-1', outcome: 'ACCEPTED', senderBin: NDIP })]);
  });

  it.each<[string, FeedRecord<SignedEnvelope>, InboundEnvelopeVerifier, string]>([
    ['a verification failure (tampered document)', record(envelope(fact)), new FakeVerifier({ code: 'DIGEST_MISMATCH', reason: 'digest of the signed element differs' }), 'DIGEST_MISMATCH'],
    ['another document type', record(envelope(fact, { type: 'KycRequest' })), new FakeVerifier(), 'ENVELOPE_TYPE'],
    ['a sender that is not a BIN', record(envelope(fact, { senderBin: 'ndip' })), new FakeVerifier(), 'ENVELOPE_FIELD'],
    ['a signed fact id other than the message id', record(envelope(fact, { messageId: 'other' })), new FakeVerifier(), EnvelopeRefusal.FACT_MISMATCH],
    ['a record key other than the signed project', record(envelope(fact), 'P-2'), new FakeVerifier(), EnvelopeRefusal.FACT_MISMATCH],
  ])('refuses %s with its code, logged', async (_label, rec, verifier, code) => {
    const r = await readEnvelopes([rec], verifier);
    expect(r.facts).toEqual([]);
    expect(r.rejected.map((x) => x.code)).toEqual([code]);
    expect(r.rejected[0].reason.length).toBeGreaterThan(5);
    expect(r.log.map((l) => l.outcome)).toEqual([`REFUSED:${code}`]);
  });
});

describe('mapInOrder: a batch verified a few at a time', () => {
  it.each([
    ['fewer items than the limit', 3, 4],
    ['more items than the limit', 11, 4],
    ['one at a time', 5, 1],
    ['nothing', 0, 4],
  ])('%s: results in item order, never more than the limit in flight', async (_what, n, limit) => {
    let inFlight = 0;
    let most = 0;
    // later items finish first, so an order kept by completion would show
    const out = await mapInOrder(Array.from({ length: n }, (_, i) => i), limit, async (x) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, (n - x) * 2));
      inFlight--;
      return x * 10;
    });
    expect(out).toEqual(Array.from({ length: n }, (_, i) => i * 10));
    expect(most).toBe(Math.min(limit, n));
  });
});
