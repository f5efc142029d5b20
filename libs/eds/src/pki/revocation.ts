import type { Certificate } from './certificate';

export type RevocationStatus =
  | { status: 'good' }
  | { status: 'revoked'; detail: string }
  /** a configured source did not give a usable answer (unreachable, stale, bad signature, unknown) */
  | { status: 'unavailable'; detail: string }
  /** this checker has no source configured for the certificate's issuer */
  | { status: 'not-applicable' };

export interface RevocationChecker {
  check(cert: Certificate, issuer: Certificate, now: Date): Promise<RevocationStatus>;
}

/**
 * Asks checkers in order; the first one configured for the issuer decides. A configured source that
 * fails is final (fail closed, e.g. OCSP unreachable = reject); we never fall back to a weaker one.
 */
export class RevocationPolicy implements RevocationChecker {
  constructor(private readonly checkers: RevocationChecker[]) {}

  async check(cert: Certificate, issuer: Certificate, now: Date): Promise<RevocationStatus> {
    for (const c of this.checkers) {
      const r = await c.check(cert, issuer, now);
      if (r.status !== 'not-applicable') return r;
    }
    return { status: 'unavailable', detail: `no revocation source configured for issuer "${issuer.subject}"` };
  }
}
