import { readFile } from 'node:fs/promises';
import { X509Crl } from '@peculiar/x509';
import { normaliseSerial, type Certificate } from './certificate';
import type { RevocationChecker, RevocationStatus } from './revocation';

/** Where a CRL comes from (a file the ops team refreshes, or an HTTP distribution point). */
export interface CrlSource {
  readonly name: string;
  load(): Promise<Buffer>;
}

export function fileCrlSource(path: string): CrlSource {
  return { name: path, load: () => readFile(path) };
}

export function httpCrlSource(url: string, timeoutMs = 5000): CrlSource {
  return {
    name: url,
    load: async () => {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return Buffer.from(await res.arrayBuffer());
    },
  };
}

interface LoadedCrl {
  issuerFingerprint: string;
  thisUpdate: Date;
  nextUpdate: Date;
  revoked: Map<string, Date>;
}

/**
 * Revocation by CRL. A CRL counts only after its signature verified with the issuer's key and while
 * it is fresh (thisUpdate <= now < nextUpdate); a stale CRL is reloaded once, then the answer is
 * "unavailable". Verified CRLs are kept until nextUpdate, so the per-message cost is a map lookup.
 */
export class CrlRevocationChecker implements RevocationChecker {
  private readonly loaded = new Map<string, LoadedCrl>(); // by issuer fingerprint
  private inflight = new Map<string, Promise<LoadedCrl | string>>();

  /** `sources` by issuer: each source must hold the CRL of the CA certificate at the same index */
  constructor(private readonly sources: Array<{ issuer: Certificate; source: CrlSource }>) {}

  async check(cert: Certificate, issuer: Certificate, now: Date): Promise<RevocationStatus> {
    const entry = this.sources.find((s) => s.issuer.fingerprint === issuer.fingerprint);
    if (!entry) return { status: 'not-applicable' };
    let crl = this.loaded.get(issuer.fingerprint);
    if (!crl || !fresh(crl, now)) {
      const r = await this.reload(entry.issuer, entry.source, now);
      if (typeof r === 'string') return { status: 'unavailable', detail: r };
      crl = r;
    }
    const when = crl.revoked.get(cert.serialHex);
    if (when) return { status: 'revoked', detail: `serial ${cert.serialHex} on CRL since ${when.toISOString()}` };
    return { status: 'good' };
  }

  private reload(issuer: Certificate, source: CrlSource, now: Date): Promise<LoadedCrl | string> {
    const key = issuer.fingerprint;
    let p = this.inflight.get(key);
    if (!p) {
      p = this.load(issuer, source, now).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  private async load(issuer: Certificate, source: CrlSource, now: Date): Promise<LoadedCrl | string> {
    let crl: X509Crl;
    try {
      crl = new X509Crl(await source.load());
    } catch (e) {
      return `CRL ${source.name} unavailable: ${(e as Error).message}`;
    }
    try {
      if (crl.issuer !== issuer.peculiar.subject) return `CRL ${source.name} is not from "${issuer.subject}"`;
      if (!(await crl.verify({ publicKey: issuer.peculiar }))) return `CRL ${source.name} signature invalid`;
    } catch (e) {
      return `CRL ${source.name} cannot be verified: ${(e as Error).message}`;
    }
    const nextUpdate = crl.nextUpdate;
    if (!nextUpdate) return `CRL ${source.name} has no nextUpdate`;
    const loaded: LoadedCrl = {
      issuerFingerprint: issuer.fingerprint,
      thisUpdate: crl.thisUpdate,
      nextUpdate,
      revoked: new Map(crl.entries.map((e) => [normaliseSerial(e.serialNumber), e.revocationDate])),
    };
    if (!fresh(loaded, now)) return `CRL ${source.name} is not current (thisUpdate ${loaded.thisUpdate.toISOString()}, nextUpdate ${nextUpdate.toISOString()})`;
    this.loaded.set(issuer.fingerprint, loaded);
    return loaded;
  }
}

function fresh(crl: LoadedCrl, now: Date): boolean {
  return crl.thisUpdate <= now && now < crl.nextUpdate;
}
