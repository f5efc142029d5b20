import { RsaSha256Signer, XmlDocumentSigner, loadPkcs12File } from '@hub/eds';

export interface PortalLogin {
  status: number;
  /** `hub_session=<token>` on success */
  cookie: string | null;
  token: string | null;
  body: Record<string, unknown>;
}

/** Signs documents with a user's PKCS#12 key, as NCALayer or the portal page would. */
export class EdsUser {
  private readonly signer: XmlDocumentSigner;

  constructor(p12File: string, password: string) {
    const key = loadPkcs12File(p12File, password);
    this.signer = new XmlDocumentSigner(new RsaSha256Signer(key.privateKey, key.certificate.der));
  }

  sign(xml: string): Promise<string> {
    return this.signer.signXml(xml);
  }

  /** The e-Gov style round trip: challenge, sign, login. */
  async login(baseUrl: string, tamper?: (signed: string) => string): Promise<PortalLogin> {
    const challenge = await fetch(`${baseUrl}/api/v1/auth/challenge`, { method: 'POST' });
    if (challenge.status !== 200) throw new Error(`challenge: HTTP ${challenge.status} ${await challenge.text()}`);
    const { document } = (await challenge.json()) as { document: string };
    let signed = await this.sign(document);
    if (tamper) signed = tamper(signed);
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ signedDocument: signed, wantToken: true }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    const setCookie = response.headers.get('set-cookie');
    const cookie = response.status === 200 && setCookie ? setCookie.split(';')[0] : null;
    return { status: response.status, cookie, token: typeof body.token === 'string' ? body.token : null, body };
  }
}
