import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { EdsError, EdsFailure } from './eds-error';
import { Certificate } from './pki/certificate';

export interface LoadedKey {
  privateKey: KeyObject;
  certificate: Certificate;
  /** other certificates in the container (NCA files sometimes carry the CA chain) */
  chain: Certificate[];
}

/**
 * Opens an NCA-style PKCS#12 file. Errors never include the password, and forge's own error text
 * is dropped because it can echo decrypted material.
 */
export function loadPkcs12(p12: Buffer, password: string): LoadedKey {
  let bags: forge.pkcs12.Bag[];
  let certBags: forge.pkcs12.Bag[];
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
    const pfx = forge.pkcs12.pkcs12FromAsn1(asn1, true, password);
    bags = [
      ...(pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
      ...(pfx.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
    ];
    certBags = pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  } catch {
    throw new EdsError(EdsFailure.KEY_LOAD_FAILED, 'cannot open PKCS#12 (wrong password or corrupt file)');
  }
  const keyBag = bags.find((b) => b.key);
  if (!keyBag?.key) throw new EdsError(EdsFailure.KEY_LOAD_FAILED, 'PKCS#12 holds no private key');
  if (bags.length !== 1) throw new EdsError(EdsFailure.KEY_LOAD_FAILED, 'PKCS#12 holds more than one private key');
  const keyDer = forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key))).getBytes();
  const privateKey = createPrivateKey({ key: Buffer.from(keyDer, 'binary'), format: 'der', type: 'pkcs8' });

  const certs = certBags
    .filter((b) => b.asn1 ?? b.cert)
    .map((b) => {
      const asn1 = b.cert ? forge.pki.certificateToAsn1(b.cert) : (b.asn1);
      return new Certificate(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
    });
  // The signing certificate is the one whose public key belongs to the private key.
  const pub = createPublicKeyDer(privateKey);
  const own = certs.find((c) => c.publicKey.export({ type: 'spki', format: 'der' }).equals(pub));
  if (!own) throw new EdsError(EdsFailure.KEY_LOAD_FAILED, 'PKCS#12 holds no certificate for its private key');
  return { privateKey, certificate: own, chain: certs.filter((c) => c !== own) };
}

function createPublicKeyDer(key: KeyObject): Buffer {
  return createPublicKey(key).export({ type: 'spki', format: 'der' });
}

export interface SecretSource {
  /** environment variable holding the password itself */
  env?: string;
  /** environment variable holding the path of a file whose content is the password */
  fileEnv?: string;
  /** path of a file whose content is the password (e.g. a mounted secret) */
  file?: string;
}

/**
 * Reads a PKCS#12 password from the environment or a secret file. A trailing newline of the file
 * is dropped (editors and `echo` add one). The value is returned, never logged.
 */
export function readPassword(source: SecretSource, env: NodeJS.ProcessEnv = process.env): string {
  if (source.env && env[source.env] !== undefined) return env[source.env] as string;
  const file = (source.fileEnv && env[source.fileEnv]) || source.file;
  if (file) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch {
      throw new EdsError(EdsFailure.KEY_LOAD_FAILED, `cannot read password file ${file}`);
    }
  }
  throw new EdsError(EdsFailure.KEY_LOAD_FAILED, 'no PKCS#12 password configured (env or secret file)');
}

export function loadPkcs12File(path: string, password: SecretSource | string): LoadedKey {
  const pw = typeof password === 'string' ? password : readPassword(password);
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    throw new EdsError(EdsFailure.KEY_LOAD_FAILED, `cannot read ${path}`);
  }
  return loadPkcs12(data, pw);
}
