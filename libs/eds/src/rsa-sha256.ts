import { X509Certificate, createHash, createPrivateKey, sign, verify, type KeyObject } from 'node:crypto';
import { ALG } from './algorithms';
import type { Signer, Verifier } from './signer';

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

/** In-process RSA-SHA256 (PKCS#1 v1.5), the algorithm NCA's RSA keys use for XMLDSig. */
export class RsaSha256Signer implements Signer {
  readonly signatureMethod = ALG.rsaSha256;
  readonly digestMethod = ALG.sha256;
  private readonly key: KeyObject;

  constructor(privateKey: KeyObject | string, readonly certificate: Buffer) {
    this.key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
    if (this.key.asymmetricKeyType !== 'rsa') throw new Error('RsaSha256Signer needs an RSA private key');
  }

  digest(data: Buffer): Buffer {
    return sha256(data);
  }

  /**
   * The private-key operation runs on libuv's thread pool (crypto.sign with a callback): at about
   * a millisecond per signature it would otherwise stall every other exchange on the event loop,
   * and on a 2-core host the second core signs while the loop parses and verifies.
   */
  sign(data: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => sign('sha256', data, this.key, (error, signature) => (error ? reject(error) : resolve(signature))));
  }
}

export class RsaSha256Verifier implements Verifier {
  readonly signatureMethod = ALG.rsaSha256;
  readonly digestMethod = ALG.sha256;
  // Public keys of recently seen certificates; parsing the certificate again per message is waste.
  private readonly keys = new Map<string, KeyObject>();

  digest(data: Buffer): Buffer {
    return sha256(data);
  }

  /** On the thread pool, like RsaSha256Signer.sign: a batch verified with Promise.all uses every core. */
  verify(data: Buffer, signature: Buffer, certificate: Buffer): Promise<boolean> {
    const id = certificate.toString('base64');
    let key = this.keys.get(id);
    if (!key) {
      key = new X509Certificate(certificate).publicKey;
      if (this.keys.size > 1000) this.keys.clear();
      this.keys.set(id, key);
    }
    if (key.asymmetricKeyType !== 'rsa') return Promise.resolve(false);
    const publicKey = key;
    return new Promise((resolve, reject) => verify('sha256', data, publicKey, signature, (error, ok) => (error ? reject(error) : resolve(ok))));
  }
}
