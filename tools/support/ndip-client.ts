import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Element } from '@xmldom/xmldom';
import { Consumer, Kafka } from 'kafkajs';
import {
  CrlRevocationChecker, RevocationPolicy, RsaSha256Signer, SoapMessageSigner, TrustStore, XmlDocumentSigner, XmlDocumentVerifier,
  buildSendMessage, el, fileCrlSource, loadPkcs12, type XmlElement, Certificate,
} from '@hub/eds';
import { KYC_NS } from '@hub/ndip';
import { AvroPublisher, AvroRegistry, Topics, physicalName } from '@hub/platform';

export interface ForeignPartyInput {
  kind: 'PERSON' | 'ORGANISATION';
  name: string;
  country?: string;
  registrationNumber?: string;
  birthDate?: string;
}
export type KycSubjectInput = { id: string } | { foreign: ForeignPartyInput; beneficialOwners?: ForeignPartyInput[] };

export interface ReadAnswer {
  type: 'KycResult' | 'KycRefusal';
  messageId: string;
  correlationId: string;
  verdict: string | null;
  refusalCode: string | null;
  reasons: Array<{ code: string; severity: string; text: string }>;
  hits: Array<{ party: string; list: string; entryId: string; score: number; features: string[] }>;
  indexes: Array<{ name: string; category: string; value: number }>;
  signerBin: string | undefined;
  document: string;
}

export interface TrustFiles { anchors: string[]; intermediates: string[]; crls: string[] }

const k = (name: string, attrs: Record<string, string> = {}, children: Array<XmlElement | string> = []) => el(`kyc:${name}`, attrs, children);

function partyChildren(p: ForeignPartyInput): XmlElement[] {
  const out = [k('Name', {}, [p.name])];
  if (p.country) out.push(k('Country', {}, [p.country]));
  if (p.registrationNumber) out.push(k('RegistrationNumber', {}, [p.registrationNumber]));
  if (p.birthDate) out.push(k('BirthDate', {}, [p.birthDate]));
  return out;
}

/** The KycRequest document an NDIP service sends (NDIP §40.3: a company card for a potential investor was created). */
export function kycRequestXml(subject: KycSubjectInput, h: { messageId: string; senderBin: string; issuedAt: Date }): XmlElement {
  const inner = 'id' in subject
    ? k(subject.id[4] >= '4' ? 'Bin' : 'Iin', {}, [subject.id])
    : k('Foreign', { kind: subject.foreign.kind }, [
        ...partyChildren(subject.foreign),
        ...(subject.beneficialOwners ?? []).map((o) => k('BeneficialOwner', { kind: o.kind }, partyChildren(o))),
      ]);
  return k('KycRequest', { 'xmlns:kyc': KYC_NS, messageId: h.messageId, senderBin: h.senderBin, issuedAt: h.issuedAt.toISOString() }, [k('Subject', {}, [inner])]);
}

const attr = (e: Element, name: string) => e.getAttribute(name) ?? '';
function kids(e: Element, name: string): Element[] {
  const out: Element[] = [];
  for (let c = e.firstChild; c; c = c.nextSibling) if (c.nodeType === 1 && (c as Element).localName === name) out.push(c as Element);
  return out;
}

/**
 * An NDIP service as the hub sees it: signs KYC requests with its NCA-style key, sends them over
 * Kafka or the ShEP SOAP door, and verifies every answer with the full checklist before reading it.
 */
export class NdipClient {
  readonly signerBin: string;
  private readonly documentSigner: XmlDocumentSigner;
  private readonly soapSigner: SoapMessageSigner;
  private readonly verifier: XmlDocumentVerifier;

  constructor(keyFile: string, password: string, trust: TrustFiles, private readonly hubBin: string) {
    const key = loadPkcs12(readFileSync(keyFile), password);
    const signer = new RsaSha256Signer(key.privateKey, key.certificate.der);
    this.documentSigner = new XmlDocumentSigner(signer);
    this.soapSigner = new SoapMessageSigner(signer);
    this.signerBin = /BIN(\d{12})/.exec(key.certificate.subject)?.[1] ?? '';
    const cas = [...trust.anchors, ...trust.intermediates].map((f) => Certificate.fromPem(readFileSync(f, 'utf8')));
    // CRLs are listed in the order of the CAs (anchors, then intermediates), as the dev PKI writes them.
    const crlSources = trust.crls.map((f, i) => ({ issuer: cas[i], source: fileCrlSource(f) }));
    this.verifier = new XmlDocumentVerifier({
      trust: new TrustStore({ anchors: trust.anchors.map((f) => readFileSync(f, 'utf8')), intermediates: trust.intermediates.map((f) => readFileSync(f, 'utf8')) }),
      revocation: new RevocationPolicy([new CrlRevocationChecker(crlSources)]),
    });
  }

  async signedRequest(subject: KycSubjectInput, o: { messageId?: string; senderBin?: string; issuedAt?: Date } = {}) {
    const h = { messageId: o.messageId ?? randomUUID(), senderBin: o.senderBin ?? this.signerBin, issuedAt: o.issuedAt ?? new Date() };
    const document = await this.documentSigner.sign(kycRequestXml(subject, h));
    return { messageId: h.messageId, correlationId: null, type: 'KycRequest', issuedAt: h.issuedAt.getTime(), senderBin: h.senderBin, document };
  }

  async soapRequest(subject: KycSubjectInput, serviceId: string, o: { messageId?: string; senderBin?: string; messageDate?: Date } = {}): Promise<{ messageId: string; xml: string }> {
    const messageId = o.messageId ?? randomUUID();
    const senderBin = o.senderBin ?? this.signerBin;
    const messageDate = o.messageDate ?? new Date();
    const request = kycRequestXml(subject, { messageId, senderBin, issuedAt: messageDate });
    const payload = buildSendMessage({ messageId, serviceId, messageDate, senderId: senderBin }, [el('shep:data', {}, [request])]);
    return { messageId, xml: await this.soapSigner.sign(payload) };
  }

  /** Verifies an answer document (chain, revocation, nonRepudiation, the hub's BIN) and reads it. */
  async readAnswer(document: string): Promise<ReadAnswer> {
    const v = await this.verifier.verify(document, { subjectType: 'organisation', bin: this.hubBin });
    const root = v.element;
    const reasons = kids(root, 'Reasons').flatMap((r) => kids(r, 'Reason')).map((r) => ({ code: attr(r, 'code'), severity: attr(r, 'severity'), text: r.textContent ?? '' }));
    const hits = kids(root, 'Screening').flatMap((s) => kids(s, 'Party')).flatMap((p) => kids(p, 'Hit').map((h) => ({
      party: `${attr(p, 'role')}:${attr(p, 'name')}`, list: attr(h, 'list'), entryId: attr(h, 'entryId'), score: Number(attr(h, 'score')), features: kids(h, 'Feature').map((f) => attr(f, 'name')),
    })));
    const indexes = kids(root, 'Indexes').flatMap((i) => kids(i, 'Index')).map((i) => ({ name: attr(i, 'name'), category: attr(i, 'category'), value: Number(attr(i, 'value')) }));
    return {
      type: root.localName as ReadAnswer['type'],
      messageId: attr(root, 'messageId'),
      correlationId: attr(root, 'correlationId'),
      verdict: kids(root, 'Verdict')[0]?.textContent ?? null,
      refusalCode: root.localName === 'KycRefusal' ? attr(root, 'code') : null,
      reasons, hits, indexes,
      signerBin: v.signer.bin,
      document,
    };
  }

  /** Verifies any document signed by `bin` with the full checklist (the bench's crypto floor). */
  async verifyRequest(document: string, bin: string): Promise<void> {
    await this.verified(document, bin);
  }

  /** The root element of a document signed by organisation `bin`, after the full checklist passed. */
  async verified(document: string, bin: string): Promise<Element> {
    return (await this.verifier.verify(document, { subjectType: 'organisation', bin })).element;
  }

  /** Reads the signed KycResult/KycRefusal out of a SendMessage response or fault. */
  static soapAnswerDocument(soapXml: string): string {
    const m = /<shep:(?:data|refusal)>([\s\S]*?)<\/shep:(?:data|refusal)>/.exec(soapXml);
    if (!m) throw new Error(`no answer document in SOAP response: ${soapXml.slice(0, 300)}`);
    return m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#xD;/g, '\r').replace(/&amp;/g, '&');
  }

  static soapErrorCode(soapXml: string): string | null {
    return /<shep:errorCode>([^<]+)<\/shep:errorCode>/.exec(soapXml)?.[1] ?? null;
  }
}

/** Collects answers from ndip.kyc.results.v1 by correlation id (the request's message id). */
export class KycResultListener {
  private readonly answers = new Map<string, { document: string; type: string; receivedAt: number; producedAt: number }>();
  private readonly counts = new Map<string, number>();
  private readonly documents = new Map<string, Set<string>>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private consumer?: Consumer;

  constructor(private readonly kafka: Kafka, private readonly registry: AvroRegistry, private readonly prefix: string) {}

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: `ndip-client-${randomUUID()}` });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: physicalName(this.prefix, Topics.kycResults.name), fromBeginning: false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString();
        if (!key || !message.value) return;
        const envelope = (await this.registry.decode(message.value)) as { type: string; document: string };
        this.answers.set(key, { document: envelope.document, type: envelope.type, receivedAt: Date.now(), producedAt: Number(message.timestamp) });
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        const seen = this.documents.get(key) ?? new Set<string>();
        this.documents.set(key, seen.add(envelope.document));
        const waiting = this.waiters.get(key);
        this.waiters.delete(key);
        for (const wake of waiting ?? []) wake();
      },
    });
    await joined;
  }

  has(correlationId: string): boolean {
    return this.answers.has(correlationId);
  }

  /** How many answers with this correlation id arrived so far. */
  arrivals(correlationId: string): number {
    return this.counts.get(correlationId) ?? 0;
  }

  /** How many different signed documents arrived with this correlation id (a resent answer is the same document). */
  distinctAnswers(correlationId: string): number {
    return this.documents.get(correlationId)?.size ?? 0;
  }

  /**
   * Resolves with the answer as soon as it arrives (no polling: a bench waiting on thousands of
   * answers must not spend its CPU on timers), or undefined after `timeoutMs`.
   */
  async next(correlationId: string, timeoutMs: number): Promise<{ document: string; type: string; receivedAt: number; producedAt: number } | undefined> {
    const have = this.answers.get(correlationId);
    if (have) return have;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<boolean>((resolve) => {
      const list = this.waiters.get(correlationId) ?? [];
      list.push(() => resolve(true));
      this.waiters.set(correlationId, list);
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ok = await arrived;
    clearTimeout(timer);
    if (!ok) this.waiters.delete(correlationId);
    return this.answers.get(correlationId);
  }

  get(correlationId: string): { document: string; type: string; receivedAt: number; producedAt: number } | undefined {
    return this.answers.get(correlationId);
  }

  get size(): number {
    return this.answers.size;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

export async function publishRequests(publisher: AvroPublisher, envelopes: Array<Awaited<ReturnType<NdipClient['signedRequest']>>>): Promise<void> {
  await publisher.publish(Topics.kycRequests, envelopes.map((e) => ({ key: e.messageId, value: e })));
}

