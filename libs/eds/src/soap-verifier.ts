import type { Element } from '@xmldom/xmldom';
import { ALG, NS } from './algorithms';
import { EdsFailure, fail } from './eds-error';
import type { SignerIdentity } from './identity';
import type { Certificate } from './pki/certificate';
import type { ReplayStore } from './replay-store';
import { readRequestInfo, type RequestInfo } from './shep-message';
import { SignatureChecks, type VerifierOptions } from './signature-checks';
import type { ExpectedSigner } from './signer-policy';
import { canonicalize } from './xml/c14n';
import { wsSecurityCertificates } from './xml/key-info';
import { elementChildren, is, parseUntrustedXml } from './xml/safe-parse';
import { readSignature } from './xml/signature-reader';

export interface SoapVerifierOptions extends VerifierOptions {
  replayStore: ReplayStore;
  /** how old a messageDate may be (default 5 minutes) */
  maxAgeMs?: number;
  /** how far in the future a messageDate may be, for clock skew (default 1 minute) */
  maxFutureMs?: number;
  /**
   * Maps the claimed sender to the certificate it must be signed with. Default: senderId is the
   * BIN of the sending organisation. Override when the gateway login differs from the BIN.
   */
  expectedSigner?: (info: RequestInfo) => ExpectedSigner;
}

export interface VerifiedMessage {
  /** the SOAP Body, exactly the element that was digested */
  body: Element;
  /** the single element inside the Body (e.g. SendMessage) */
  payload: Element;
  requestInfo: RequestInfo;
  signer: SignerIdentity;
  certificate: Certificate;
}

/**
 * Verifies a SOAP 1.1 gateway message signed with WS-Security over its Body, with the checklist
 * of EDS-NOTES.md plus the replay window, and returns only the verified Body.
 */
export class SoapMessageVerifier {
  private readonly checks: SignatureChecks;
  private readonly maxAgeMs: number;
  private readonly maxFutureMs: number;
  private readonly expectedSigner: (info: RequestInfo) => ExpectedSigner;

  constructor(private readonly options: SoapVerifierOptions) {
    this.checks = new SignatureChecks(options);
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
    this.maxFutureMs = options.maxFutureMs ?? 60_000;
    this.expectedSigner = options.expectedSigner ?? ((i) => ({ subjectType: 'organisation', bin: i.senderId }));
  }

  async verify(xml: string | Buffer): Promise<VerifiedMessage> {
    const now = this.checks.now();
    const parsed = parseUntrustedXml(xml, this.checks.maxBytes);
    const env = parsed.root;
    if (!is(env, NS.soap11, 'Envelope')) fail(EdsFailure.MALFORMED_XML, 'not a SOAP 1.1 Envelope');
    const parts = elementChildren(env, 'Envelope');
    const [header, body] = parts;
    if (parts.length !== 2 || !is(header, NS.soap11, 'Header') || !is(body, NS.soap11, 'Body'))
      fail(EdsFailure.REFERENCE_MISMATCH, 'Envelope must hold exactly one Header and one Body');
    const securities = elementChildren(header, 'Header').filter((h) => is(h, NS.wsse, 'Security'));
    if (securities.length !== 1) fail(EdsFailure.SIGNATURE_COUNT, `expected one wsse:Security header, found ${securities.length}`);
    const security = securities[0];
    if (parsed.signatures.length !== 1) fail(EdsFailure.SIGNATURE_COUNT, `expected one Signature, found ${parsed.signatures.length}`);
    if (parsed.signedInfoCount !== 1) fail(EdsFailure.SIGNEDINFO_COUNT, `expected one SignedInfo, found ${parsed.signedInfoCount}`);
    const sig = parsed.signatures[0];
    if (sig.parentNode !== security) fail(EdsFailure.REFERENCE_MISMATCH, 'the Signature must sit in the wsse:Security header');

    const info = readSignature(sig);
    const verifier = this.checks.verifierFor(info);
    if (info.references.length !== 1) fail(EdsFailure.REFERENCE_MISMATCH, 'the signature must have exactly one Reference, to the Body');
    const ref = info.references[0];
    const bodyId = body.getAttributeNS(NS.wsu, 'Id');
    // The reference must resolve, by a unique id, to THE Body: a copy in the header or a second
    // element with the same id is signature wrapping.
    if (!bodyId || ref.uri !== `#${bodyId}`) fail(EdsFailure.REFERENCE_MISMATCH, `Reference ${ref.uri} does not point at the SOAP Body`);
    const targets = parsed.ids.get(bodyId) ?? [];
    if (targets.length !== 1 || targets[0] !== body) fail(EdsFailure.REFERENCE_MISMATCH, `id ${bodyId} is not unique to the SOAP Body`);
    if (ref.transforms.length > 1 || ref.transforms.some((t) => t.algorithm === ALG.envelopedSignature))
      fail(EdsFailure.SIGNATURE_STRUCTURE, 'the Body reference takes one canonicalization transform only');
    const c14n = ref.transforms[0];

    const certificates = wsSecurityCertificates(info.keyInfo, security, parsed);
    const signedInfoOctets = canonicalize(info.signedInfo, info.canonicalization.algorithm, info.canonicalization.prefixList);
    const referenceOctets = canonicalize(body, c14n?.algorithm ?? ALG.c14n, c14n?.prefixList ?? []);

    const payloads = elementChildren(body, 'Body');
    if (payloads.length !== 1) fail(EdsFailure.MESSAGE_INFO_MISSING, 'the Body must hold exactly one element');
    const requestInfo = readRequestInfo(body);

    const signer = await this.checks.check({
      info,
      verifier,
      signedInfoOctets,
      referenceOctets,
      certificates,
      purpose: 'message',
      expected: this.expectedSigner(requestInfo),
      now,
    });

    const age = now.getTime() - requestInfo.messageDate.getTime();
    if (age > this.maxAgeMs || -age > this.maxFutureMs)
      fail(EdsFailure.REPLAY, `messageDate ${requestInfo.messageDate.toISOString()} is outside the accepted window`);
    // Remembered only after everything else passed, so forged messages cannot burn real ids.
    const expires = new Date(requestInfo.messageDate.getTime() + this.maxAgeMs + this.maxFutureMs);
    // Unique per sender: the id is the sender's own (ShEP requestInfo), and senderId is now proven
    // by the certificate's identity check above.
    if (!(await this.options.replayStore.remember(requestInfo.senderId, requestInfo.messageId, expires, now)))
      fail(EdsFailure.REPLAY, `messageId ${requestInfo.messageId} from ${requestInfo.senderId} was already received`);

    return { body, payload: payloads[0], requestInfo, signer: signer.identity, certificate: signer.certificate };
  }
}
