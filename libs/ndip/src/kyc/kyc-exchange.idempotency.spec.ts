import { createHash, randomUUID } from 'node:crypto';
import {
  CrlRevocationChecker, DevPki, RsaSha256Signer, TrustStore, XmlDocumentSigner, XmlDocumentVerifier, el, type IssuedCert,
} from '@hub/eds';
import { EnvelopeVerifier } from '../envelope/envelope-verifier';
import type { ReplayGuard } from '../envelope/replay-guard';
import type { SignedEnvelope } from '../envelope/signed-envelope';
import type { SignedMessageLog } from '../envelope/signed-message-log';
import { AssessKyc } from './assess-kyc.usecase';
import type { KycAnswerStore, StoredAnswer } from './kyc-answer.repository';
import { KycExchange } from './kyc-exchange.service';
import { KYC_NS } from './kyc-xml';

/** The replay store's contract (PgReplayStore's SQL, in memory): a live pair passes again only with the same fingerprint. */
class FakeReplayStore implements ReplayGuard {
  readonly rows = new Map<string, { expires: number; sha: Buffer | null }>();
  async remember(sender: string, messageId: string, expiresAt: Date, now: Date, fingerprint?: Buffer): Promise<boolean> {
    const key = `${sender}/${messageId}`;
    const row = this.rows.get(key);
    if (!row || row.expires <= now.getTime()) {
      this.rows.set(key, { expires: expiresAt.getTime(), sha: fingerprint ?? null });
      return true;
    }
    return !!fingerprint && !!row.sha && row.sha.equals(fingerprint);
  }
}

class FakeAnswers implements KycAnswerStore {
  readonly rows = new Map<string, StoredAnswer>();
  async find(sender: string, id: string) {
    return this.rows.get(`${sender}/${id}`) ?? null;
  }
  async findMany(keys: ReadonlyArray<{ senderBin: string; messageId: string }>) {
    const out = new Map<string, StoredAnswer>();
    for (const k of keys) {
      const a = this.rows.get(`${k.senderBin}/${k.messageId}`);
      if (a) out.set(`${k.senderBin}/${k.messageId}`, a);
    }
    return out;
  }
  async saveFirst(sender: string, id: string, _channel: string, answer: StoredAnswer) {
    const key = `${sender}/${id}`;
    if (!this.rows.has(key)) this.rows.set(key, answer);
    return this.rows.get(key)!;
  }
}

/**
 * Issue 10's crash window, decided: the very same signed request (sender, message id and document
 * SHA-256) gets the stored answer again, byte for byte, whatever its Kafka position — also when the
 * hub crashed after remembering it and before storing its answer; the same id with another
 * document is a REPLAY; and past the request's time window the stored answer is not sent again.
 */
describe('KycExchange: the same request again, a replay, and the crash window', () => {
  const NDIP_BIN = '123456789021';
  const HUB_BIN = '210240099990';
  const WINDOW_MS = 300_000;
  let pki: DevPki;
  let ndip: XmlDocumentSigner;
  let hubSigner: XmlDocumentSigner;
  let now: Date;
  let replay: FakeReplayStore;
  let answers: FakeAnswers;
  let log: Array<{ direction: string; outcome: string; messageId: string }>;
  let exchange: KycExchange;

  const signerOf = (c: IssuedCert) => new XmlDocumentSigner(new RsaSha256Signer(c.privateKey, c.certificate.der));

  beforeAll(async () => {
    pki = await DevPki.create({ bin: NDIP_BIN });
    ndip = signerOf(pki.organisation);
    hubSigner = signerOf(await pki.issueLeaf({ kind: 'organisation', bin: HUB_BIN }));
  });

  beforeEach(() => {
    now = new Date();
    replay = new FakeReplayStore();
    answers = new FakeAnswers();
    log = [];
    const clock = () => now;
    const documents = new XmlDocumentVerifier({
      trust: new TrustStore({ anchors: [pki.root.certificate.der], intermediates: [pki.intermediate.certificate.der] }),
      revocation: new CrlRevocationChecker([
        { issuer: pki.intermediate.certificate, source: { name: 'intermediate.crl', load: () => pki.intermediateCrl() } },
        { issuer: pki.root.certificate, source: { name: 'root.crl', load: () => pki.rootCrl() } },
      ]),
      now: clock,
    });
    const messageLog: SignedMessageLog = {
      append: async (e) => { log.push({ direction: e.direction, outcome: e.outcome, messageId: e.messageId }); return { seq: String(log.length), hash: 'h' }; },
    };
    exchange = new KycExchange({
      verifier: new EnvelopeVerifier(documents, replay, { allowedSenders: new Set([NDIP_BIN]), windowMs: WINDOW_MS }, clock),
      assess: new AssessKyc({ read: async () => null }, { screen: async () => ({ configVersion: 'test', listVersions: {}, hits: [] }) }),
      signer: hubSigner, hubBin: HUB_BIN, answers, log: messageLog, clock, windowMs: WINDOW_MS, onRefusal: () => undefined,
    });
  });

  async function request(messageId: string = randomUUID(), bin = '980140099996'): Promise<SignedEnvelope> {
    const issuedAt = new Date(now.getTime() - 1000);
    const doc = el('kyc:KycRequest', { 'xmlns:kyc': KYC_NS, messageId, senderBin: NDIP_BIN, issuedAt: issuedAt.toISOString() }, [
      el('kyc:Subject', {}, [el('kyc:Bin', {}, [bin])]),
    ]);
    return { messageId, correlationId: null, type: 'KycRequest', issuedAt: issuedAt.getTime(), senderBin: NDIP_BIN, document: await ndip.sign(doc) };
  }

  it('answers the same signed request at a new position with the stored answer, byte for byte, processed once', async () => {
    const r = await request();
    const first = await exchange.handleEnvelope(r, 'KAFKA', 't:0:10');
    expect(first).toMatchObject({ type: 'KycResult', verdict: 'NOT_FOUND', refusal: null });
    const again = await exchange.handleEnvelope({ ...r }, 'KAFKA', 't:3:77');
    expect(again.document).toBe(first.document);
    expect(again.messageId).toBe(first.messageId);
    // assessed and signed once; the copy that came in and the answer that left again are logged
    expect(log.map((l) => `${l.direction} ${l.outcome}`)).toEqual(['IN ACCEPTED', 'OUT ANSWERED:NOT_FOUND', 'IN DUPLICATE', 'OUT RESENT:NOT_FOUND']);
    expect(log[3].messageId).toBe(first.messageId);
  });

  it('refuses another document under a message id already answered as REPLAY, signed', async () => {
    const r = await request();
    await exchange.handleEnvelope(r, 'KAFKA', 't:0:1');
    const other = await request(r.messageId, '990240099991');
    const a = await exchange.handleEnvelope(other, 'KAFKA', 't:0:2');
    expect(a).toMatchObject({ type: 'KycRefusal', refusal: { code: 'REPLAY' } });
    expect(a.document).toContain('<ds:SignatureValue>');
  });

  it('answers a redelivery after a crash between the replay check and the stored answer, not REPLAY', async () => {
    const r = await request();
    // the first attempt remembered the pair, then the process died before its answer was stored
    await expect(replay.remember(r.senderBin, r.messageId, new Date(now.getTime() + WINDOW_MS), now, createHash('sha256').update(r.document).digest())).resolves.toBe(true);
    expect(await answers.find(r.senderBin, r.messageId)).toBeNull();
    const a = await exchange.handleEnvelope(r, 'KAFKA', 't:0:1');
    expect(a).toMatchObject({ type: 'KycResult', verdict: 'NOT_FOUND' });
    expect((await answers.find(r.senderBin, r.messageId))?.document).toBe(a.document);
  });

  it('does not send a stored answer again once the request is past its window: it is refused as stale', async () => {
    const r = await request();
    const first = await exchange.handleEnvelope(r, 'KAFKA', 't:0:1');
    now = new Date(now.getTime() + WINDOW_MS + 5000);
    const late = await exchange.handleEnvelope(r, 'KAFKA', 't:0:9');
    expect(late.document).not.toBe(first.document);
    expect(late).toMatchObject({ type: 'KycRefusal', refusal: { code: 'STALE_MESSAGE' } });
  });

  it('two copies of one request in flight at once get one answer: the first stored', async () => {
    const r = await request();
    const [a, b] = await Promise.all([exchange.handleEnvelope(r, 'KAFKA', 't:0:1'), exchange.handleEnvelope({ ...r }, 'KAFKA', 't:1:1')]);
    expect(a.document).toBe(b.document);
    expect(answers.rows.size).toBe(1);
  });
});
