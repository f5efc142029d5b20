import { randomBytes, verify } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Extension } from '@peculiar/asn1-x509';
import { X509_OID } from '../nca-oids';
import { Certificate } from './certificate';
import { BasicOCSPResponse, OCSPRequest, OCSPResponse, OCSP_OID, OcspResponseStatus, Request, ResponseData, TBSRequest } from './ocsp-asn1';
import { certIdFor, issuerParts, keyHash, sameCertId, type OcspHash } from './ocsp-cert-id';
import type { RevocationChecker, RevocationStatus } from './revocation';

export interface OcspResponderConfig {
  /** the CA whose certificates this responder answers for */
  issuer: Certificate;
  url: string;
}

export interface OcspCheckerOptions {
  responders: OcspResponderConfig[];
  timeoutMs?: number;
  /**
   * CertID hash. SHA-1 is the RFC 5019 default most responders support; it only identifies the
   * certificate here, nothing is signed with it. The response itself must be signed with SHA-256+.
   */
  certIdHash?: OcspHash;
  /** how long a "good" answer is reused (never beyond the response's nextUpdate) */
  cacheMs?: number;
  /** accepted age of a response without nextUpdate */
  maxAgeMs?: number;
  /** tolerated clock skew between us and the responder */
  skewMs?: number;
}

const SIG_HASH = new Map<string, string>([
  [OCSP_OID.sha256WithRSA, 'sha256'],
  [OCSP_OID.sha384WithRSA, 'sha384'],
  [OCSP_OID.sha512WithRSA, 'sha512'],
]);

interface Cached {
  status: RevocationStatus;
  until: number;
}

/**
 * Revocation by OCSP. Any failure of a configured responder — unreachable, HTTP error, not
 * "successful", bad or missing signature, unauthorised signer, stale, nonce mismatch, "unknown" —
 * is "unavailable", which the verifier rejects. Signed answers are cached until nextUpdate (capped),
 * so high message rates do not mean one HTTP round trip per message.
 */
export class OcspRevocationChecker implements RevocationChecker {
  private readonly cache = new Map<string, Cached>();
  private readonly inflight = new Map<string, Promise<RevocationStatus>>();
  private readonly timeoutMs: number;
  private readonly hash: OcspHash;
  private readonly cacheMs: number;
  private readonly maxAgeMs: number;
  private readonly skewMs: number;

  constructor(private readonly options: OcspCheckerOptions) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.hash = options.certIdHash ?? 'sha1';
    this.cacheMs = options.cacheMs ?? 5 * 60_000;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.skewMs = options.skewMs ?? 60_000;
  }

  async check(cert: Certificate, issuer: Certificate, now: Date): Promise<RevocationStatus> {
    const responder = this.options.responders.find((r) => r.issuer.fingerprint === issuer.fingerprint);
    if (!responder) return { status: 'not-applicable' };
    const key = `${issuer.fingerprint}:${cert.serialHex}`;
    const hit = this.cache.get(key);
    if (hit && now.getTime() < hit.until) return hit.status;
    let p = this.inflight.get(key);
    if (!p) {
      p = this.query(cert, issuer, responder.url, now, key).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  private async query(cert: Certificate, issuer: Certificate, url: string, now: Date, key: string): Promise<RevocationStatus> {
    const certId = certIdFor(cert, issuer, this.hash);
    const nonce = randomBytes(16);
    const req = new OCSPRequest({
      tbsRequest: new TBSRequest({
        requestList: [new Request({ reqCert: certId })],
        requestExtensions: [new Extension({ extnID: OCSP_OID.nonce, critical: false, extnValue: new OctetString(AsnConvert.serialize(new OctetString(nonce))) })],
      }),
    });
    let body: Buffer;
    try {
      body = await post(url, Buffer.from(AsnConvert.serialize(req)), this.timeoutMs);
    } catch (e) {
      return { status: 'unavailable', detail: `OCSP ${url} unreachable: ${(e as Error).message}` };
    }
    let outcome: { status: RevocationStatus; until: number };
    try {
      outcome = this.evaluate(body, cert, issuer, certId, nonce, now);
    } catch (e) {
      return { status: 'unavailable', detail: `OCSP ${url} answer unusable: ${(e as Error).message}` };
    }
    if (outcome.status.status !== 'unavailable') {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, outcome);
    }
    return outcome.status;
  }

  private evaluate(
    body: Buffer,
    cert: Certificate,
    issuer: Certificate,
    certId: ReturnType<typeof certIdFor>,
    nonce: Buffer,
    now: Date,
  ): { status: RevocationStatus; until: number } {
    const res = AsnConvert.parse(body, OCSPResponse);
    if (res.responseStatus !== OcspResponseStatus.successful) throw new Error(`responseStatus ${res.responseStatus}`);
    if (!res.responseBytes || res.responseBytes.responseType !== OCSP_OID.basic) throw new Error('not a basic OCSP response');
    const basic = AsnConvert.parse(res.responseBytes.response.buffer, BasicOCSPResponse);
    const tbs = basic.tbsResponseDataRaw;
    if (!tbs) throw new Error('no tbsResponseData');
    const data: ResponseData = basic.tbsResponseData;
    const hash = SIG_HASH.get(basic.signatureAlgorithm.algorithm);
    if (!hash) throw new Error(`signature algorithm ${basic.signatureAlgorithm.algorithm} not allowed`);

    const signer = this.findSigner(basic, issuer, now);
    if (!verify(hash, Buffer.from(tbs), signer.publicKey, Buffer.from(basic.signature))) throw new Error('signature invalid');
    const rid = data.responderID;
    if (rid.byKey) {
      if (!Buffer.from(rid.byKey.buffer).equals(keyHash(signer))) throw new Error('responderID does not match the signer');
    } else if (rid.byName) {
      if (!Buffer.from(AsnConvert.serialize(rid.byName)).equals(issuerParts(signer).nameDer)) throw new Error('responderID does not match the signer');
    } else throw new Error('no responderID');

    const nonceExt = data.responseExtensions?.find((e) => e.extnID === OCSP_OID.nonce);
    if (nonceExt) {
      const got = AsnConvert.parse(nonceExt.extnValue.buffer, OctetString);
      if (!Buffer.from(got.buffer).equals(nonce)) throw new Error('nonce mismatch');
    }
    const single = data.responses.find((r) => sameCertId(r.certID, certId));
    if (!single) throw new Error('no answer for the certificate asked about');
    const t = now.getTime();
    if (single.thisUpdate.getTime() > t + this.skewMs) throw new Error('thisUpdate in the future');
    const until = single.nextUpdate ? single.nextUpdate.getTime() : single.thisUpdate.getTime() + this.maxAgeMs;
    if (t >= until + this.skewMs) throw new Error('response is stale');
    const cacheUntil = Math.min(until, t + this.cacheMs);
    const st = single.certStatus;
    if (st.revoked) return { status: { status: 'revoked', detail: `OCSP: revoked at ${st.revoked.revocationTime.toISOString()}` }, until: cacheUntil };
    if (st.good === null) return { status: { status: 'good' }, until: cacheUntil };
    throw new Error(`certificate status unknown to the responder (serial ${cert.serialHex})`);
  }

  /** The issuing CA itself, or a responder certificate it issued for OCSP signing (RFC 6960 4.2.2.2). */
  private findSigner(basic: BasicOCSPResponse, issuer: Certificate, now: Date): Certificate {
    const issuerKeyHash = keyHash(issuer);
    const rid = basic.tbsResponseData.responderID;
    if (rid.byKey && Buffer.from(rid.byKey.buffer).equals(issuerKeyHash)) return issuer;
    if (rid.byName && Buffer.from(AsnConvert.serialize(rid.byName)).equals(issuerParts(issuer).nameDer)) return issuer;
    for (const asn of basic.certs ?? []) {
      const c = new Certificate(Buffer.from(AsnConvert.serialize(asn)));
      if (!c.isIssuedBy(issuer)) continue;
      if (!c.extendedKeyUsage.includes(X509_OID.ocspSigning)) continue;
      if (now < c.notBefore || now > c.notAfter) continue;
      return c;
    }
    throw new Error('response not signed by the CA or an authorised responder');
  }
}

function post(url: string, body: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      u,
      { method: 'POST', headers: { 'content-type': 'application/ocsp-request', 'content-length': body.length }, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > 1024 * 1024) req.destroy(new Error('response too large'));
          else chunks.push(c);
        });
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
          else resolve(Buffer.concat(chunks));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

