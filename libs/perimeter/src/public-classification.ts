import { type PublicFact, type PublicFactKind, publicFactDoc } from '@hub/contracts';
import { parseNationalId } from '@hub/identity';
import { latestByKey } from '@hub/platform';

/**
 * What a perimeter may learn of a subject from another domain: its public facts on bpr.facts.v1
 * (ARCHITECTURE: a topic or a projection, never the other's tables), e.g. the OKED section for the
 * tax perimeter's sector peers or the size class for the court perimeter's per-size counts (issue 13).
 */
export interface PublicClassification<V> { id: string; kind: PublicFactKind; value: V; eventTime: Date }

/**
 * Pure: from a batch of bpr.facts.v1 records, the value `read` finds in each fact of the given
 * kinds, latest per subject and kind. A record it cannot use is skipped, not refused: refusing a
 * public fact is the register's word (a malformed one is dead-lettered by the register, once).
 */
export function publicClassifications<V>(
  facts: readonly PublicFact[], kinds: ReadonlySet<PublicFactKind>, read: (doc: Readonly<Record<string, unknown>>) => V | null,
): Array<PublicClassification<V>> {
  const out: Array<PublicClassification<V>> = [];
  for (const fact of facts) {
    if (!kinds.has(fact.kind) || !parseNationalId(fact.subjectId).ok) continue;
    const doc = publicFactDoc(fact);
    const value = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? read(doc as Record<string, unknown>) : null;
    if (value !== null) out.push({ id: fact.subjectId, kind: fact.kind, value, eventTime: new Date(fact.eventTime) });
  }
  return latestByKey(out, (c) => `${c.id}|${c.kind}`, (c) => c.eventTime);
}

/**
 * Statistics over a perimeter's current population (a sector's ratios, a size class's case counts),
 * recomputed from its store when older than `maxAgeMs`, or sooner (at most every `retryMs`) when
 * a batch needs a group that had none: the classifications arrive after the feeds. The clock is
 * the caller's `now`.
 */
export class PopulationStatistics<V> {
  private cached: { at: number; byGroup: Map<string, V> } | null = null;

  constructor(private readonly load: (now: Date) => Promise<Map<string, V>>, private readonly maxAgeMs = 5 * 60_000, private readonly retryMs = 10_000) {}

  async at(now: Date, needed: Iterable<string>): Promise<Map<string, V>> {
    const age = this.cached ? now.getTime() - this.cached.at : Infinity;
    const missing = [...needed].some((group) => !this.cached?.byGroup.has(group));
    if (!this.cached || age > this.maxAgeMs || age < 0 || (missing && age > this.retryMs)) this.cached = { at: now.getTime(), byGroup: await this.load(now) };
    return this.cached.byGroup;
  }
}
