/** A logged-in person, as the EDS certificate said at login (BPR §36: who checked). */
export interface PortalSession {
  subjectType: 'individual' | 'organisation';
  iin: string;
  /** set for an organisation certificate */
  bin: string | null;
  roles: string[];
  commonName: string | null;
  organisation: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export const SESSION_COOKIE = 'hub_session';

/** The subject a session speaks for: its BIN for a head/authorised person, its IIN for an individual. */
export function ownSubject(s: PortalSession, speaksFor: readonly string[]): string | null {
  if (s.subjectType === 'individual') return s.iin;
  return s.bin && s.roles.some((r) => speaksFor.includes(r)) ? s.bin : null;
}

/** The role a check is recorded with: the first person role of an organisation certificate. */
export const checkerRole = (s: PortalSession): string | null => (s.subjectType === 'organisation' ? (s.roles[0] ?? null) : null);
