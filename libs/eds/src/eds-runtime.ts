import { readFileSync } from 'node:fs';
import { X509Crl } from '@peculiar/x509';
import { XmlDocumentSigner } from './document-signer';
import { XmlDocumentVerifier } from './document-verifier';
import { extractIdentity, type SignerIdentity } from './identity';
import { loadPkcs12 } from './pkcs12';
import { Certificate } from './pki/certificate';
import { CrlRevocationChecker, fileCrlSource, httpCrlSource, type CrlSource } from './pki/crl-checker';
import { OcspRevocationChecker } from './pki/ocsp-checker';
import { RevocationPolicy, type RevocationChecker } from './pki/revocation';
import { TrustStore } from './pki/trust-store';
import type { ReplayStore } from './replay-store';
import { RsaSha256Signer } from './rsa-sha256';
import type { Signer } from './signer';
import { SoapMessageSigner } from './soap-signer';
import { SoapMessageVerifier, type SoapVerifierOptions } from './soap-verifier';

/** Where the hub's key, its trust anchors and its revocation sources live (validated config). */
export interface EdsRuntimeSettings {
  keyFile: string;
  keyPassword: string;
  trustAnchors: string[];
  intermediates: string[];
  /** CRL files or http(s) URLs; each is bound to the CA whose subject is the CRL's issuer */
  crls: string[];
  ocspResponders: Array<{ issuerFile: string; url: string }>;
}

const readCert = (path: string): Certificate => {
  const data = readFileSync(path);
  return data.toString('latin1').includes('-----BEGIN') ? Certificate.fromPem(data.toString('utf8')) : new Certificate(data);
};

/**
 * Everything a deployable needs to sign and verify with real keys, built once at start-up: the
 * hub's signer (from its NCA-style PKCS#12), the pinned trust store and the revocation policy
 * (OCSP first where configured, else CRL; a configured source that fails is final — fail closed).
 */
export class EdsRuntime {
  private constructor(
    readonly documentSigner: XmlDocumentSigner,
    readonly soapSigner: SoapMessageSigner,
    /** who the hub is, as its own certificate says (its BIN is the sender of everything it signs) */
    readonly identity: SignerIdentity,
    readonly certificate: Certificate,
    readonly trust: TrustStore,
    readonly revocation: RevocationChecker,
    private readonly now: () => Date,
  ) {}

  /** The private-key operation already runs off the event loop (RsaSha256Signer signs on libuv's thread pool). */
  static async create(settings: EdsRuntimeSettings, now: () => Date = () => new Date()): Promise<EdsRuntime> {
    const key = loadPkcs12(readFileSync(settings.keyFile), settings.keyPassword);
    const signer: Signer = new RsaSha256Signer(key.privateKey, key.certificate.der);
    const anchors = settings.trustAnchors.map(readCert);
    const intermediates = settings.intermediates.map(readCert);
    const trust = new TrustStore({ anchors: anchors.map((c) => c.der), intermediates: intermediates.map((c) => c.der) });
    const cas = [...anchors, ...intermediates];
    const checkers: RevocationChecker[] = [];
    if (settings.ocspResponders.length) {
      checkers.push(new OcspRevocationChecker({ responders: settings.ocspResponders.map((r) => ({ issuer: readCert(r.issuerFile), url: r.url })) }));
    }
    if (settings.crls.length) {
      const sources: Array<{ issuer: Certificate; source: CrlSource }> = [];
      for (const location of settings.crls) {
        const source = /^https?:\/\//.test(location) ? httpCrlSource(location) : fileCrlSource(location);
        const crl = new X509Crl(await source.load());
        const issuer = cas.find((c) => c.peculiar.subject === crl.issuer);
        if (!issuer) throw new Error(`CRL ${location} is issued by "${crl.issuer}", which is not a configured trust anchor or intermediate`);
        sources.push({ issuer, source });
      }
      checkers.push(new CrlRevocationChecker(sources));
    }
    const runtime = new EdsRuntime(
      new XmlDocumentSigner(signer),
      new SoapMessageSigner(signer),
      extractIdentity(key.certificate),
      key.certificate,
      trust,
      new RevocationPolicy(checkers),
      now,
    );
    // The hub's own certificate must pass the same checks its partners will run on it.
    trust.validate(key.certificate, now(), key.chain);
    return runtime;
  }

  documentVerifier(): XmlDocumentVerifier {
    return new XmlDocumentVerifier({ trust: this.trust, revocation: this.revocation, now: this.now });
  }

  soapVerifier(options: Omit<SoapVerifierOptions, 'trust' | 'revocation' | 'now'> & { replayStore: ReplayStore }): SoapMessageVerifier {
    return new SoapMessageVerifier({ ...options, trust: this.trust, revocation: this.revocation, now: this.now });
  }
}
