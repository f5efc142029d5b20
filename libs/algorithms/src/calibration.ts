import { Algorithm, RiskCategory, algorithmSchema, categorize, score } from './algorithm';
import { auc } from './evaluation';
import { RegularisationChoice, chooseRegularisation, fitCapped, fitMonotone } from './regularisation';

/** One depersonalized subject: its features (absent = 0) and whether the outcome happened. */
export interface LabelledRow { key: string; features: Readonly<Record<string, number>>; outcome: boolean }

export interface CalibrationInput {
  previous: Algorithm;
  rows: readonly LabelledRow[];
  /**
   * Candidate features with their plain-word explanation; those without signal in the sample are
   * left out. `sign` is the direction the explanation states (1: raises the risk): a feature whose
   * fitted weight points the other way is dropped and the rest refitted, so the words stay true.
   */
  candidates: ReadonlyArray<{ code: string; explanation: string; sign?: 1 | -1 }>;
  version: string;
  effectiveFrom: Date;
  fittedAt: Date;
  /** Held out of the fit and used to compare the new version with the previous one. */
  isHoldout: (key: string) => boolean;
  /** A fixed strength, or 'cv' (the default): chosen by 5-fold cross-validation on the training part. */
  l2?: number | 'cv';
  /** Cap on the share of the score one input may carry (issue 13), kept unless the folds say otherwise; 1 = no cap. */
  maxShare?: number;
  /** Share of the sample above each cut-off: 5 % HIGH and 15 % MEDIUM by default. */
  highShare?: number;
  mediumShare?: number;
  provenance: Record<string, unknown>;
  /**
   * Issue 13: a feature some rows lack is unknown there (a register that does not cover the
   * subject), not 0: it is fitted and scored at its mean over the training rows that have it, and
   * the mean is recorded as the feature's `unknown`. A feature every row has keeps absent = 0.
   */
  unknownWhenAbsent?: boolean;
  /**
   * Adds features to an index without refitting the ones it has: the previous version's weights are
   * held (their features enter as an offset) and only the new features and the intercept are fitted.
   * For an index other final indexes read (e.g. the utility payment index, an input of financial
   * stability and conscientiousness too): its scale stays the one their weights were fitted on.
   * The strength is `l2` when a number, else 1; no cap (the held weights are not refitted).
   */
  extend?: boolean;
  /**
   * The opposite case: refits only these features' weights and the intercept, every other weight of
   * the previous version held. For a final index whose input changed scale (a new version of a
   * preliminary index it reads) while what it learned from its other inputs still holds.
   */
  refitOnly?: readonly string[];
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))];
const round = (x: number, places = 4): number => Math.round(x * 10 ** places) / 10 ** places;

function categoryRates(algorithm: Algorithm, rows: readonly LabelledRow[]): Record<RiskCategory, { share: number; outcomeRate: number }> {
  const counts = { LOW: [0, 0], MEDIUM: [0, 0], HIGH: [0, 0] } as Record<RiskCategory, [number, number]>;
  for (const r of rows) {
    const c = categorize(score(algorithm, r.features).riskValue, algorithm.categories);
    counts[c][0]++;
    if (r.outcome) counts[c][1]++;
  }
  const out = {} as Record<RiskCategory, { share: number; outcomeRate: number }>;
  for (const c of ['LOW', 'MEDIUM', 'HIGH'] as const) out[c] = { share: round(counts[c][0] / Math.max(1, rows.length)), outcomeRate: round(counts[c][1] / Math.max(1, counts[c][0])) };
  return out;
}

/**
 * Pure (BPR §20, §25): fits the index's weights on the training part of a depersonalized sample and
 * returns the next version, whose `evaluation` says how it was obtained and how it and the previous
 * version rank the held-out part. Cut-offs put fixed shares of the sample in MEDIUM and HIGH, so
 * a category keeps its meaning while the value becomes a calibrated probability.
 */
/** Mean of each candidate over the training rows that have it, for candidates some rows lack. */
function unknownValues(train: readonly LabelledRow[], codes: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const code of codes) {
    const known = train.filter((r) => r.features[code] !== undefined);
    if (known.length > 0 && known.length < train.length) out.set(code, round(known.reduce((s, r) => s + r.features[code], 0) / known.length, 6));
  }
  return out;
}

const withUnknowns = (rows: readonly LabelledRow[], unknown: ReadonlyMap<string, number>): LabelledRow[] =>
  unknown.size === 0 ? [...rows] : rows.map((r) => ({ ...r, features: { ...Object.fromEntries(unknown), ...r.features } }));

export function calibrate(input: CalibrationInput): Algorithm {
  const rawTrain = input.rows.filter((r) => !input.isHoldout(r.key));
  const held = input.extend || input.refitOnly
    ? new Map(input.previous.model.features.filter((f) => !input.refitOnly?.includes(f.code)).map((f) => [f.code, f.weight] as const))
    : null;
  // A held feature is unknown where it was before, with the value it had (none: 0).
  const unknown = input.unknownWhenAbsent ? unknownValues(rawTrain, input.candidates.map((c) => c.code).filter((c) => !held?.has(c))) : new Map<string, number>();
  for (const f of input.previous.model.features) if (held?.has(f.code) && f.unknown !== undefined) unknown.set(f.code, f.unknown);
  const train = withUnknowns(rawTrain, unknown);
  // Held-out rows as the perimeter has them: each version scores an absent feature its own way.
  const holdout = input.rows.filter((r) => input.isHoldout(r.key));
  if (!train.some((r) => r.outcome) || !holdout.some((r) => r.outcome)) throw new Error('the sample needs positive outcomes in both the training and the held-out part');
  // A feature that is zero for every training row carries no signal and cannot be fitted.
  const codes0All = input.candidates.filter((c) => train.some((r) => (r.features[c.code] ?? 0) !== 0));
  if (codes0All.length === 0) throw new Error('no candidate feature varies in the sample');
  const maxShare = input.maxShare ?? 0.5;
  // Refitting only some inputs: nothing new joins, the rest stay as they were.
  const codes0 = input.refitOnly ? codes0All.filter((c) => input.refitOnly!.includes(c.code) || held!.has(c.code)) : codes0All;
  // Issue 13 item 3: the strength comes from held-out folds, not from habit; so does the cap's fate.
  const choice: RegularisationChoice | null = !held && (input.l2 === undefined || input.l2 === 'cv')
    ? chooseRegularisation(train, codes0, { maxShare })
    : null;
  const l2 = choice ? choice.l2 : typeof input.l2 === 'number' ? input.l2 : 1;
  const useCap = !held && (choice ? choice.cap.kept === 'capped' : maxShare < 1);
  // The held intercept enters the offset too, so Newton starts next to the answer (from 0 it may not settle).
  const HELD_INTERCEPT = '__HELD_INTERCEPT__';
  const heldFit = held ? fitMonotone(train.map((r) => ({ ...r, features: { ...r.features, [HELD_INTERCEPT]: 1 } })), codes0, l2,
    new Map([...held, [HELD_INTERCEPT, input.previous.model.intercept]])) : null;
  if (heldFit) heldFit.fit = { ...heldFit.fit, intercept: heldFit.fit.intercept + input.previous.model.intercept };
  const capped = held && heldFit
    ? { fit: heldFit, fixed: held, capped: null }
    : useCap ? fitCapped(train, codes0, l2, maxShare) : { fit: fitMonotone(train, codes0, l2), fixed: new Map<string, number>(), capped: null };
  const { fit, dropped } = capped.fit;
  if (capped.fit.codes.length + capped.fixed.size === 0) throw new Error('no candidate feature varies in the sample with the direction its explanation states');
  // The capped input keeps its place in the explanation order, with its held weight.
  const weightOf = new Map([...capped.fit.codes.map((c, i) => [c.code, fit.weights[i]] as const), ...capped.fixed]);
  // Held features keep their place and words even where this sample shows no signal for them.
  const codes = [...codes0, ...input.candidates.filter((c) => held?.has(c.code) && !codes0.includes(c))].filter((c) => weightOf.has(c.code));

  const features = codes.map((c) => ({
    code: c.code, weight: round(weightOf.get(c.code) ?? 0), explanation: c.explanation, ...(unknown.has(c.code) ? { unknown: unknown.get(c.code) } : {}),
  })).filter((f) => f.weight !== 0);
  const draft: Algorithm = {
    ...input.previous,
    version: input.version,
    effectiveFrom: input.effectiveFrom.toISOString(),
    model: { type: 'logistic', intercept: round(fit.intercept), features },
    categories: { medium: 0, high: 1 },
    evaluation: undefined,
  };
  const trainValues = train.map((r) => score(draft, r.features).riskValue).sort((a, b) => a - b);
  const high = round(quantile(trainValues, 1 - (input.highShare ?? 0.05)), 6);
  const medium = Math.min(round(quantile(trainValues, 1 - (input.highShare ?? 0.05) - (input.mediumShare ?? 0.15)), 6), high - 1e-6);
  const calibrated: Algorithm = { ...draft, categories: { medium, high } };

  const holdoutAuc = (a: Algorithm) => round(auc(holdout.map((r) => score(a, r.features).riskValue), holdout.map((r) => r.outcome)));
  calibrated.evaluation = {
    method: `L2-regularised logistic regression (Newton/IRLS, l2=${l2}${choice ? ' chosen by 5-fold cross-validation' : ''}; weights keep the sign their explanation states; ${held ? `the weights of ${input.previous.version} held, only ${input.refitOnly ? input.refitOnly.join(', ') : 'the new features'} and the intercept fitted` : useCap ? `no input carries more than ${maxShare} of the score` : 'no cap'}) on a depersonalized sample (BPR §20-21); cut-offs at the ${100 - 100 * ((input.highShare ?? 0.05) + (input.mediumShare ?? 0.15))}th and ${100 - 100 * (input.highShare ?? 0.05)}th percentiles of the training values`,
    calibration: {
      ...input.provenance,
      fittedAt: input.fittedAt.toISOString(),
      trainRows: train.length, trainPositives: train.filter((r) => r.outcome).length,
      holdoutRows: holdout.length, holdoutPositives: holdout.filter((r) => r.outcome).length,
      iterations: fit.iterations,
      droppedAgainstTheirExplanation: dropped,
      ...(choice ? { regularisation: { l2, cv: choice.cv.map((c) => ({ l2: c.l2, logLoss: round(c.logLoss, 5), auc: round(c.auc) })), cap: { ...choice.cap, cappedLogLoss: choice.cap.cappedLogLoss === null ? null : round(choice.cap.cappedLogLoss, 5), uncappedLogLoss: round(choice.cap.uncappedLogLoss, 5) } } } : {}),
      ...(capped.capped ? { cappedInput: capped.capped } : {}),
    },
    holdout: {
      auc: holdoutAuc(calibrated),
      previousVersion: input.previous.version,
      previousAuc: holdoutAuc(input.previous),
      categories: categoryRates(calibrated, holdout),
    },
  };
  return algorithmSchema.parse(calibrated);
}

/** The next version in a year: 2026.1, 2026.2 → 2026.3; a new year starts at .1. */
export function nextVersion(existing: readonly string[], year: number): string {
  const n = existing.filter((v) => v.startsWith(`${year}.`)).map((v) => Number(v.split('.')[1]));
  return `${year}.${n.length === 0 ? 1 : Math.max(...n) + 1}`;
}
