import type { AlgorithmRegistry } from '@hub/algorithms';
import { BprRiskKind, BprSource, Features, IndexWindow, PreliminaryIndexer, SubjectFeatures, algorithmName, preliminaryIndexes } from './preliminary-index';

/** One member of a depersonalized sample (BPR §21): the subject and the random id the tax authority gave it. */
export interface SampleMember { subjectId: string; sampleId: string }

/** A preliminary index as a sample carries it: no subject id, no factors. */
export interface SampleIndex { riskValue: number; category: string; algorithm: string; algorithmVersion: string }

/** One source's data on one sampled subject, keyed by the sample id only. */
export interface SampleRow {
  sampleId: string;
  source: BprSource;
  window: IndexWindow;
  features: Features;
  indexes: Partial<Record<BprRiskKind, SampleIndex>>;
}

const DAY_MS = 86_400_000;

/**
 * Three decimals are all a model can use, and no more: a feature derived from a published figure
 * (e.g. the tax-burden coefficient) at full precision could be matched back to that entity's entry.
 */
const round3 = (x: number): number => Math.round(x * 1e3) / 1e3;

/**
 * Some windows start at a subject's own date (the justice registry's at the registration date): the
 * exact day is a quasi-identifier, the month is shared by thousands of entities. The end is `now`.
 */
const monthStart = (epochDay: number): number => {
  const d = new Date(epochDay * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
};

/**
 * Pure: one sampled subject's row. Why features and indexes rather than raw records: raw dates,
 * amounts, KATO codes, case numbers and names are quasi-identifiers that would let a reader find the
 * entity again; the bounded features a source computes inside its perimeter are numbers only, and
 * they are exactly what the NCE needs to fit an algorithm. The subject id is dropped here.
 */
export function sampleRow(
  registry: AlgorithmRegistry, source: BprSource, kinds: readonly BprRiskKind[], subject: SubjectFeatures, sampleId: string, now: Date,
): SampleRow {
  const indexes: Partial<Record<BprRiskKind, SampleIndex>> = {};
  for (const i of preliminaryIndexes(registry, source, kinds, subject, now)) {
    indexes[i.indexKind] = { riskValue: i.riskValue, category: i.category, algorithm: i.algorithm, algorithmVersion: i.algorithmVersion };
  }
  const features: Record<string, number> = {};
  for (const [code, value] of Object.entries(subject.features)) features[code] = round3(value);
  return { sampleId, source, window: { from: monthStart(subject.window.from), to: subject.window.to }, features, indexes };
}

/**
 * One source's export of a sample, batch by batch: a row per member the source holds data on.
 * Rows come in sample-id order (random), never in subject-id order: a BIN begins with the
 * registration month, so BIN order would leak who is who to anyone who knows the population.
 */
export async function* sampleExport(
  indexer: PreliminaryIndexer, registry: AlgorithmRegistry, members: readonly SampleMember[], now: Date, batchSize = 1000,
): AsyncGenerator<SampleRow[]> {
  const ordered = [...members].sort((a, b) => (a.sampleId < b.sampleId ? -1 : a.sampleId > b.sampleId ? 1 : 0));
  for (let start = 0; start < ordered.length; start += batchSize) {
    const batch = ordered.slice(start, start + batchSize);
    const sampleIds = new Map(batch.map((m) => [m.subjectId, m.sampleId]));
    const subjects = await indexer.features(batch.map((m) => m.subjectId), now);
    const rows = subjects.flatMap((s) => {
      const sampleId = sampleIds.get(s.subjectId.trim());
      return sampleId === undefined ? [] : [sampleRow(registry, indexer.source, indexer.kinds, s, sampleId, now)];
    });
    yield rows.sort((a, b) => (a.sampleId < b.sampleId ? -1 : 1));
  }
}

/** The algorithm in force for each index a source informs, as a sample's manifest records it. */
export function algorithmsInForce(registry: AlgorithmRegistry, indexer: Pick<PreliminaryIndexer, 'source' | 'kinds'>, now: Date): Partial<Record<BprRiskKind, string>> {
  const out: Partial<Record<BprRiskKind, string>> = {};
  for (const kind of indexer.kinds) {
    const a = registry.inForce(algorithmName(indexer.source, kind), now);
    out[kind] = `${a.name}@${a.version}`;
  }
  return out;
}
