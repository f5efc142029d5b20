import type { Document, Element } from '@xmldom/xmldom';
import { ALG } from './algorithms';
import { EdsFailure, fail } from './eds-error';
import type { SignerIdentity } from './identity';
import type { Certificate } from './pki/certificate';
import { SignatureChecks, type VerifierOptions } from './signature-checks';
import type { ExpectedSigner } from './signer-policy';
import { canonicalize } from './xml/c14n';
import { x509DataCertificates } from './xml/key-info';
import { parseUntrustedXml } from './xml/safe-parse';
import { readSignature } from './xml/signature-reader';

export interface VerifiedDocument {
  /** The document element exactly as it was digested: the enveloped Signature is removed. */
  element: Element;
  document: Document;
  signer: SignerIdentity;
  certificate: Certificate;
}

/**
 * Verifies an enveloped XMLDSig over a whole document (Reference URI=""), as NCA tools and the hub
 * produce them, enforcing the full checklist (EDS-NOTES.md) and failing closed with an EdsError.
 */
export class XmlDocumentVerifier {
  private readonly checks: SignatureChecks;

  constructor(options: VerifierOptions) {
    this.checks = new SignatureChecks(options);
  }

  async verify(xml: string | Buffer, expected: ExpectedSigner): Promise<VerifiedDocument> {
    const now = this.checks.now();
    const parsed = parseUntrustedXml(xml, this.checks.maxBytes);
    if (parsed.signatures.length !== 1) fail(EdsFailure.SIGNATURE_COUNT, `expected one Signature, found ${parsed.signatures.length}`);
    if (parsed.signedInfoCount !== 1) fail(EdsFailure.SIGNEDINFO_COUNT, `expected one SignedInfo, found ${parsed.signedInfoCount}`);
    const sig = parsed.signatures[0];
    const root = parsed.root;
    if (sig.parentNode !== root) fail(EdsFailure.REFERENCE_MISMATCH, 'the enveloped Signature must be a child of the document element');

    const info = readSignature(sig);
    const verifier = this.checks.verifierFor(info);
    if (info.references.length !== 1) fail(EdsFailure.REFERENCE_MISMATCH, 'a document signature must have exactly one Reference');
    const ref = info.references[0];
    if (ref.uri !== '') fail(EdsFailure.REFERENCE_MISMATCH, `a document signature must cover the whole document (URI=""), not ${JSON.stringify(ref.uri)}`);
    const [first, c14n, ...more] = ref.transforms;
    if (first?.algorithm !== ALG.envelopedSignature) fail(EdsFailure.REFERENCE_MISMATCH, 'a document signature must use the enveloped-signature transform first');
    if (more.length || c14n?.algorithm === ALG.envelopedSignature) fail(EdsFailure.SIGNATURE_STRUCTURE, 'unexpected transforms');

    const certificates = x509DataCertificates(info.keyInfo);
    // SignedInfo first, while the Signature is still in the tree (inclusive c14n needs ancestors).
    const signedInfoOctets = canonicalize(info.signedInfo, info.canonicalization.algorithm, info.canonicalization.prefixList);
    root.removeChild(sig);
    // Without an explicit c14n transform the node set is serialised with inclusive c14n 1.0.
    const referenceOctets = canonicalize(root, c14n?.algorithm ?? ALG.c14n, c14n?.prefixList ?? []);

    const signer = await this.checks.check({
      info,
      verifier,
      signedInfoOctets,
      referenceOctets,
      certificates,
      purpose: 'document',
      expected,
      now,
    });
    return { element: root, document: parsed.doc, signer: signer.identity, certificate: signer.certificate };
  }
}
