import type { PublicFact, PublicFactKind } from '@hub/contracts';
import { okedSection, parseNationalId } from '@hub/identity';
import { latestByKey } from '@hub/platform';

/** A subject's OKED section as one public projection states it. */
export interface PeerSector { id: string; kind: PublicFactKind; okedSection: string; eventTime: Date }

/** The public facts that carry the entity's primary activity (BPR §24.3 registration, §24.4 statistics). */
const SECTOR_KINDS: ReadonlySet<PublicFactKind> = new Set(['REGISTRATION', 'STATISTICS']);

/**
 * Pure: the sectors a batch of bpr.facts.v1 records states, latest per subject and kind. Anything
 * else is skipped, not refused: refusing a public fact is the register's word, and this projection
 * only takes what it can use (a malformed record is dead-lettered by the register, once).
 */
export function peerSectors(facts: readonly PublicFact[]): PeerSector[] {
  const out: PeerSector[] = [];
  for (const fact of facts) {
    if (!SECTOR_KINDS.has(fact.kind) || !parseNationalId(fact.subjectId).ok) continue;
    let doc: unknown;
    try {
      doc = JSON.parse(fact.facts);
    } catch {
      continue;
    }
    const oked = (doc as { okedPrimary?: unknown } | null)?.okedPrimary;
    const section = typeof oked === 'string' ? okedSection(oked) : null;
    if (section !== null) out.push({ id: fact.subjectId, kind: fact.kind, okedSection: section, eventTime: new Date(fact.eventTime) });
  }
  return latestByKey(out, (s) => `${s.id}|${s.kind}`, (s) => s.eventTime);
}
