import { auc } from '@hub/algorithms';
import { FINAL_INDEXES, FinalIndexName } from '@hub/scoring';
import { ReliabilityBin, brierScore, okedSection, reliabilityByDecile } from './calibration-metrics';

/** What the generator knows and the hub never sees: one line of `feeds:generate --outcomes`. */
export interface HiddenTruth {
  outcomes: { pseudoEnterprise: boolean; bankrupt: boolean; paymentDefault: boolean };
  risk: { fictitiousInvoicing: number; insolvency: number; paymentDefault: number };
  /** OKED division (two digits) and size class (0 micro .. 3 large), for the per-segment figures. */
  sector?: string;
  sizeClass?: number;
}

/**
 * The outcome each index predicts (issue 4): conscientiousness → later found a pseudo-enterprise,
 * financial stability → bankruptcy, payment discipline → payment default, reputation → any of them.
 */
export const INDEX_OUTCOMES: Readonly<Record<FinalIndexName, { outcome: string; happened: (t: HiddenTruth) => boolean; propensity: (t: HiddenTruth) => number }>> = {
  TAXPAYER_CONSCIENTIOUSNESS: { outcome: 'pseudo-enterprise', happened: (t) => t.outcomes.pseudoEnterprise, propensity: (t) => t.risk.fictitiousInvoicing },
  FINANCIAL_STABILITY: { outcome: 'bankruptcy', happened: (t) => t.outcomes.bankrupt, propensity: (t) => t.risk.insolvency },
  PAYMENT_DISCIPLINE: {
    outcome: 'payment default',
    happened: (t) => t.outcomes.paymentDefault,
    // The generator makes 70 % of insolvent entities default: the true default probability mixes both.
    propensity: (t) => 0.7 * t.risk.insolvency + (1 - t.risk.insolvency) * t.risk.paymentDefault,
  },
  BUSINESS_REPUTATION: {
    outcome: 'any adverse outcome',
    happened: (t) => t.outcomes.pseudoEnterprise || t.outcomes.bankrupt || t.outcomes.paymentDefault,
    propensity: (t) => 1 - (1 - t.risk.fictitiousInvoicing) * (1 - t.risk.insolvency) * (1 - t.risk.paymentDefault),
  },
};

export interface ScoredSubject { subjectId: string; values: Partial<Record<FinalIndexName, number>> }

export interface QualityRow {
  index: FinalIndexName;
  outcome: string;
  subjects: number;
  positives: number;
  auc: number;
  /**
   * Reference: the AUC of the hidden propensity itself — a model that knew every entity's true risk
   * but not its outcome. Signals that already reveal an outcome (a pseudo-enterprise list entry,
   * bankruptcy proceedings) let a real model go above it.
   */
  propensityAuc: number;
  /** Issue 13 item 3: the value read as a probability — Brier score and reliability by decile. */
  brier: number;
  propensityBrier: number;
  reliability: ReliabilityBin[];
  /** AUC within each OKED section and size class that has enough positives and negatives to rank. */
  segments: SegmentRow[];
}

export interface SegmentRow { segment: string; subjects: number; positives: number; auc: number }

/** Segments with fewer positives (or negatives) than this are not reported: an AUC there is noise. */
export const MIN_SEGMENT_POSITIVES = 20;
const SIZE_NAMES = ['micro', 'small', 'medium', 'large'];

function segmentRows(values: readonly number[], labels: readonly boolean[], keys: ReadonlyArray<readonly string[]>): SegmentRow[] {
  const groups = new Map<string, number[]>();
  keys.forEach((ks, i) => ks.forEach((k) => { if (!groups.has(k)) groups.set(k, []); groups.get(k)!.push(i); }));
  const out: SegmentRow[] = [];
  for (const [segment, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const positives = members.filter((i) => labels[i]).length;
    if (positives < MIN_SEGMENT_POSITIVES || members.length - positives < MIN_SEGMENT_POSITIVES) continue;
    out.push({ segment, subjects: members.length, positives, auc: auc(members.map((i) => values[i]), members.map((i) => labels[i])) });
  }
  return out;
}

/** Pure: each final index's AUC against its outcome, over the subjects present in both inputs. */
export function qualityReport(scored: readonly ScoredSubject[], truth: ReadonlyMap<string, HiddenTruth>): QualityRow[] {
  return FINAL_INDEXES.map(({ index }) => {
    const rule = INDEX_OUTCOMES[index];
    const values: number[] = [];
    const propensities: number[] = [];
    const labels: boolean[] = [];
    const keys: string[][] = [];
    for (const s of scored) {
      const t = truth.get(s.subjectId);
      const v = s.values[index];
      if (!t || v === undefined) continue;
      values.push(v);
      propensities.push(rule.propensity(t));
      labels.push(rule.happened(t));
      keys.push([
        ...(t.sector !== undefined ? [`sector ${okedSection(t.sector)}`] : []),
        ...(t.sizeClass !== undefined ? [`size ${SIZE_NAMES[t.sizeClass] ?? t.sizeClass}`] : []),
      ]);
    }
    return {
      index,
      outcome: rule.outcome,
      subjects: labels.length,
      positives: labels.filter(Boolean).length,
      auc: auc(values, labels),
      propensityAuc: auc(propensities, labels),
      brier: brierScore(values, labels),
      propensityBrier: brierScore(propensities, labels),
      reliability: reliabilityByDecile(values, labels),
      segments: segmentRows(values, labels, keys),
    };
  });
}

export function formatQuality(rows: readonly QualityRow[], target: number): string {
  const lines = rows.map((r) =>
    `${r.index.padEnd(28)} ${r.outcome.padEnd(20)} ${String(r.positives).padStart(6)}/${String(r.subjects).padEnd(7)} AUC ${r.auc.toFixed(3)} Brier ${r.brier.toFixed(4)}` +
    ` | hidden-propensity AUC ${r.propensityAuc.toFixed(3)} Brier ${r.propensityBrier.toFixed(4)} | ${(r.auc / r.propensityAuc).toFixed(2)} of ceiling | ${r.auc >= target ? 'meets' : 'BELOW'} target ${target.toFixed(2)}`);
  const detail = rows.map((r) => [
    `${r.index}: reliability by decile (mean predicted / observed): ${r.reliability.map((b) => `${(100 * b.meanPredicted).toFixed(1)}/${(100 * b.observedRate).toFixed(1)}%`).join('  ')}`,
    `${r.index}: AUC per segment (>= ${MIN_SEGMENT_POSITIVES} positives): ${r.segments.map((g) => `${g.segment} ${g.auc.toFixed(3)} (${g.positives})`).join('; ') || 'none large enough'}`,
  ].join('\n'));
  return `${'index'.padEnd(28)} ${'outcome'.padEnd(20)} positives/subjects\n${lines.join('\n')}\n${detail.join('\n')}\n`;
}
