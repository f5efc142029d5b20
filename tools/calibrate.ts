import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Algorithm, AlgorithmRegistry, LabelledRow, calibrate, nextVersion } from '@hub/algorithms';
import { projectRoot } from '@hub/platform';
import { NO_UTILITY_REPORT, UTILITY_SOURCE, algorithmsDir, inputOfDerived, missingEvidenceExplanation, withMissingUtilityEvidence } from '@hub/scoring';

const USAGE = 'usage: calibrate --sample DIR[,DIR...] --algorithm NAME[,NAME...] [--outcome pseudoEnterprise|bankrupt|paymentDefault|any] [--effective-from ISO] [--l2 cv|NUMBER] [--max-share 0.5] [--cohort-seed S] [--cohort-world base|heterogeneous|base,heterogeneous (a sample pooled from both worlds on that seed)] [--dry-run] [--force (write even if it ranks the held-out part no better)] [--extend (hold the weights of the version in force, fit only the features it lacks: for an index other final indexes read)] [--refit CODE[,CODE...] (hold every other weight of the version in force: for an index whose input changed scale)]';

interface SampleRow { sampleId: string; source: string; features: Record<string, number>; indexes: Record<string, { riskValue: number }> }
type Outcomes = { pseudoEnterprise: boolean; bankrupt: boolean; paymentDefault: boolean };
type OutcomeName = keyof Outcomes | 'any';

const SOURCE_WORDS: Record<string, string> = {
  TAX: 'the tax authority', JUSTICE: 'the justice registry', STATISTICS: 'the statistics bureau', COURT: 'the courts', UTILITY: 'utility providers',
};
const KIND_WORDS: Record<string, string> = {
  CONSCIENTIOUSNESS: 'taxpayer-conscientiousness', FINANCIAL_STABILITY: 'financial-stability', PAYMENT_DISCIPLINE: 'payment-discipline',
};

/** Plain words for features no algorithm of their source names yet (issue 13's new ones). */
const NEW_FEATURE_WORDS: Record<string, { explanation: string; sign: 1 | -1 }> = {
  REPEATED_ARREARS: { explanation: 'Fell behind on utility bills more than once', sign: 1 },
  INCOME_FALL_FROM_PEAK: { explanation: 'Income fell from its best recent year', sign: 1 },
  MARGIN_DECLINE: { explanation: 'Profit margin fell over recent years', sign: 1 },
  EQUITY_DECLINE: { explanation: 'Equity fell over recent years', sign: 1 },
  TAX_DEBT_TO_TURNOVER: { explanation: 'Tax debt is large relative to turnover', sign: 1 },
  DEREGISTERED: { explanation: 'Deregistered as a taxpayer', sign: 1 },
  MASS_FOUNDER: { explanation: 'Shares a founder with several other operating firms (one person or company founding many firms)', sign: 1 },
  MASS_DIRECTOR: { explanation: "Its head's name is registered as the head of several other operating firms", sign: 1 },
  FREQUENT_REREGISTRATION: { explanation: 'Re-registered several times within the last three years', sign: 1 },
};

/**
 * Features a preliminary calibration may not weigh, whatever the sample says (issue 13, "each is a
 * domain assumption to fix"): each reads the world in a way the issue found wrong, and a feature that
 * fixes it exists beside it (or, for a voluntary liquidation, the issue says it is no risk at all). A fit on a generator's world would otherwise put weight back on them
 * (the first pooled round gave TAX_DEBT 0.42 and DEBT_CASES_AS_DEFENDANT 0.28).
 */
const NOT_WEIGHED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  TAX: {
    TAX_DEBT: 'yes/no: a 20,000 KZT penalty counts like millions (MATERIAL_TAX_DEBT, TAX_DEBT_TO_TAXES_PAID grade it)',
    LIQUIDATION_AUDIT: 'reads an owner closing a solvent firm as distress (FORCED_LIQUIDATION, VOLUNTARY_LIQUIDATION)',
    VOLUNTARY_LIQUIDATION: 'an owner closing a solvent firm by choice is not a sign of risk: the feature exists to tell it from a forced one',
    LOW_TAX_BURDEN: 'one national threshold for every sector (LOW_TAX_BURDEN_IN_SECTOR)',
    TURNOVER_WITHOUT_STAFF: 'one national norm of income per employee for every sector (TURNOVER_PER_STAFF_IN_SECTOR)',
  },
  COURT: {
    DEBT_CASES_AS_DEFENDANT: 'an absolute count that grows with size while risk falls with it (DEBT_CASES_FOR_SIZE, DEBT_CASE_SHARE, DEBT_CASES_BEYOND_OTHERS)',
    DEBT_CASES_LOST: 'an absolute count that grows with size (DEBT_CASES_FOR_SIZE)',
    OTHER_CASES_AS_DEFENDANT: 'an absolute count that grows with size',
    CASES_AS_PLAINTIFF: 'an absolute count that grows with size',
  },
  JUSTICE: {
    IN_LIQUIDATION: 'the register cannot tell a voluntary liquidation from a forced one (the tax perimeter can: FORCED_LIQUIDATION)',
  },
};

const readJsonl = <T>(file: string): T[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);

/** The outcome an index predicts, from its kind (issue 4: reputation summarises them all). */
function outcomeOf(name: string): OutcomeName {
  if (name.endsWith('.conscientiousness')) return 'pseudoEnterprise';
  if (name.endsWith('.financial-stability')) return 'bankrupt';
  if (name.endsWith('.payment-discipline')) return 'paymentDefault';
  if (name === 'final.business-reputation') return 'any';
  throw new Error(`no default outcome for ${name}: pass --outcome`);
}
const happened = (o: Outcomes, name: OutcomeName): boolean => (name === 'any' ? o.pseudoEnterprise || o.bankrupt || o.paymentDefault : o[name]);

/** About 30 % of the sample, chosen by the sample id: the same rows are held out for every index. */
const isHoldout = (key: string): boolean => createHash('sha256').update(key).digest()[0] % 10 < 3;

/** One sample, or several pooled (e.g. one cohort seed in each world): sample ids are random, so they do not collide. */
function loadSample(dirs: readonly string[]): { bySource: Map<string, Map<string, SampleRow>>; outcomes: Map<string, Outcomes>; manifest: Record<string, unknown> } {
  const outcomes = new Map<string, Outcomes>();
  const bySource = new Map<string, Map<string, SampleRow>>();
  const names: unknown[] = [];
  for (const dir of dirs) {
    const outcomesFile = path.join(dir, 'outcomes.jsonl');
    if (!existsSync(outcomesFile)) throw new Error(`${outcomesFile} is missing: export the sample with --outcomes`);
    for (const o of readJsonl<Outcomes & { sampleId: string }>(outcomesFile)) outcomes.set(o.sampleId, o);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl') && f !== 'outcomes.jsonl')) {
      for (const row of readJsonl<SampleRow>(path.join(dir, file))) {
        if (!bySource.has(row.source)) bySource.set(row.source, new Map());
        bySource.get(row.source)!.set(row.sampleId, row);
      }
    }
    const manifestFile = path.join(dir, 'manifest.json');
    names.push(existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>).name ?? path.basename(dir) : path.basename(dir));
  }
  return { bySource, outcomes, manifest: { name: names.join('+') } };
}

/**
 * A final index's features are the preliminary risk values per source and kind (as the scoring
 * service assembles them); a preliminary index's are its source's features. Either is unknown where
 * a row lacks it (calibrate's unknownWhenAbsent): a perimeter leaves out what it cannot know, and a
 * final input is absent from a sample only where the register does not cover the subject (statistics)
 * or does not apply to it (justice, for an entrepreneur). Court and utility export an index for every
 * sampled subject (a clean one without cases or arrears), so theirs are never unknown. Scoring has no
 * utility index for a firm no monopoly reported on: its clean row is left out here too, the utility
 * inputs read 0 and the missing-evidence features (NO_UTILITY_REPORT, tax and court evidence "without
 * a utility report") say so, as assembleFeatures does in scoring.
 */
function rowsAndCandidates(name: string, previous: Algorithm, registry: AlgorithmRegistry, sample: ReturnType<typeof loadSample>, outcome: OutcomeName) {
  // Plain words and the direction they state (the sign of the weight they were written for).
  const known = new Map<string, { explanation: string; sign: 1 | -1 }>(previous.model.features.map((f) => [f.code, { explanation: f.explanation, sign: f.weight < 0 ? -1 : 1 }]));
  const rows: LabelledRow[] = [];
  const codes = new Set<string>();
  if (name.startsWith('final.')) {
    const utilityCodes = new Set<string>();
    for (const [sampleId, o] of sample.outcomes) {
      const features: Record<string, number> = {};
      for (const [source, rowsOfSource] of sample.bySource) {
        const row = rowsOfSource.get(sampleId);
        // The utility perimeter indexes only customers a monopoly reported on: the sample's clean row
        // for anyone else is, in scoring, no utility input at all (missing-evidence.ts).
        if (source === UTILITY_SOURCE && row && Object.values(row.features).every((v) => v === 0)) continue;
        for (const [kind, index] of Object.entries(row?.indexes ?? {})) {
          features[`${source}_${kind}`] = index.riskValue;
          if (source === UTILITY_SOURCE) utilityCodes.add(`${source}_${kind}`);
        }
      }
      rows.push({ key: sampleId, features: withMissingUtilityEvidence(features), outcome: happened(o, outcome) });
    }
    // Every row has a value for each of these, so none is fitted as "unknown": a utility input absent
    // is nothing reported (0), and the missing-evidence features are 0 where a utility report exists.
    const filled = [...utilityCodes, NO_UTILITY_REPORT, ...new Set(rows.flatMap((r) => Object.keys(r.features).filter((c) => inputOfDerived(c) !== null)))];
    for (const r of rows) {
      for (const code of filled) if (r.features[code] === undefined) (r.features as Record<string, number>)[code] = 0;
      for (const code of Object.keys(r.features)) codes.add(code);
    }
    // A preliminary risk may only raise a final risk: the explanations say so, and users read them.
    const inputWords = (code: string): string => {
      const [source, ...kind] = code.split('_');
      return known.get(code)?.explanation ?? `The ${KIND_WORDS[kind.join('_')] ?? kind.join(' ').toLowerCase()} preliminary index computed by ${SOURCE_WORDS[source] ?? source} shows a raised risk`;
    };
    const candidates = [...codes].sort().map((code) => {
      const input = inputOfDerived(code);
      const derived = code === NO_UTILITY_REPORT || input !== null ? missingEvidenceExplanation(code, input ? inputWords(input) : undefined) : null;
      return { code, sign: 1 as const, explanation: known.get(code)?.explanation ?? derived ?? inputWords(code) };
    });
    return { rows, candidates };
  }
  const source = name.split('.')[0].toUpperCase();
  const rowsOfSource = sample.bySource.get(source);
  if (!rowsOfSource) throw new Error(`the sample has no ${source.toLowerCase()}.jsonl`);
  // Plain words for a feature come from any algorithm of the same source that already uses it, in
  // force or a hand-set candidate (algorithms-candidates/).
  const candidatesDir = path.join(projectRoot(), 'algorithms-candidates');
  for (const words of [registry, ...(existsSync(candidatesDir) ? [new AlgorithmRegistry(candidatesDir)] : [])]) {
    for (const other of words.names().filter((n) => n.startsWith(`${name.split('.')[0]}.`))) {
      for (const version of words.all(other)) {
        for (const f of version.model.features) if (!known.has(f.code)) known.set(f.code, { explanation: f.explanation, sign: f.weight < 0 ? -1 : 1 });
      }
    }
  }
  for (const [sampleId, row] of rowsOfSource) {
    const o = sample.outcomes.get(sampleId);
    if (!o) continue;
    rows.push({ key: sampleId, features: row.features, outcome: happened(o, outcome) });
    for (const code of Object.keys(row.features)) codes.add(code);
  }
  for (const [code, words] of Object.entries(NEW_FEATURE_WORDS)) if (!known.has(code)) known.set(code, words);
  const notWeighed = NOT_WEIGHED[source] ?? {};
  for (const [code, why] of Object.entries(notWeighed)) {
    if (codes.delete(code)) process.stderr.write(`${name}: ${code} not weighed: ${why}\n`);
  }
  const unexplained = [...codes].filter((c) => !known.has(c));
  if (unexplained.length > 0) process.stderr.write(`${name}: left out ${unexplained.join(', ')} (no plain-word explanation in any ${source.toLowerCase()} algorithm)\n`);
  return { rows, candidates: [...codes].filter((c) => known.has(c)).sort().map((code) => ({ code, ...known.get(code)! })) };
}

/**
 * Calibration (BPR §20, §25): fits each named index's weights on a depersonalized sample with
 * outcomes and writes the next version into algorithms/, with its evaluation on the held-out part.
 * A running hub picks the new version up without a restart once its effectiveFrom has passed.
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      sample: { type: 'string' }, algorithm: { type: 'string' }, outcome: { type: 'string' }, 'effective-from': { type: 'string' },
      l2: { type: 'string', default: 'cv' }, 'max-share': { type: 'string', default: '0.5' }, 'cohort-seed': { type: 'string' }, 'cohort-world': { type: 'string', default: 'base' }, 'dry-run': { type: 'boolean', default: false }, force: { type: 'boolean', default: false }, extend: { type: 'boolean', default: false }, refit: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (!values.sample || !values.algorithm) throw new Error(USAGE);
  const fittedAt = new Date();
  const effectiveFrom = values['effective-from'] ? new Date(values['effective-from']) : fittedAt;
  // Issue 13: the strength is chosen by cross-validation unless a number is given.
  const l2: number | 'cv' = values.l2 === 'cv' ? 'cv' : Number(values.l2);
  const maxShare = Number(values['max-share']);
  if (Number.isNaN(effectiveFrom.getTime()) || !(l2 === 'cv' || l2 >= 0) || !(maxShare > 0 && maxShare <= 1)) throw new Error(USAGE);
  if (values.outcome && !['pseudoEnterprise', 'bankrupt', 'paymentDefault', 'any'].includes(values.outcome)) throw new Error(USAGE);

  const directory = algorithmsDir();
  const registry = new AlgorithmRegistry(directory);
  const sample = loadSample(values.sample.split(',').map((d) => d.trim()).filter(Boolean));
  for (const name of values.algorithm.split(',').map((s) => s.trim()).filter(Boolean)) {
    const previous = registry.inForce(name, fittedAt);
    const outcome = (values.outcome as OutcomeName | undefined) ?? outcomeOf(name);
    const { rows, candidates } = rowsAndCandidates(name, previous, registry, sample, outcome);
    const next = calibrate({
      previous, rows, candidates, l2, maxShare, fittedAt, effectiveFrom, isHoldout, unknownWhenAbsent: true, extend: values.extend,
      ...(values.refit ? { refitOnly: values.refit.split(',').map((c) => c.trim()).filter(Boolean) } : {}),
      version: nextVersion(registry.all(name).map((a) => a.version), fittedAt.getUTCFullYear()),
      provenance: {
        sample: sample.manifest.name, outcome,
        ...(values['cohort-seed'] ? { cohortSeed: Number(values['cohort-seed']), cohortWorld: values['cohort-world'] } : {}),
      },
    });
    const holdout = (next.evaluation as { holdout: { auc: number; previousAuc: number } }).holdout;
    const file = path.join(directory, name, `${next.version}.json`);
    // A refit that does not beat the version in force on the same held-out rows is not worth a rollout.
    const write = !values['dry-run'] && (values.force || holdout.auc > holdout.previousAuc);
    if (write) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
    }
    process.stdout.write(`${JSON.stringify({ algorithm: name, version: next.version, outcome, rows: rows.length, features: next.model.features.length, holdoutAuc: holdout.auc, previousVersion: previous.version, previousHoldoutAuc: holdout.previousAuc, written: write ? path.relative(process.cwd(), file) : null })}\n`);
  }
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`calibrate failed: ${(error as Error).message}\n`);
  process.exit(1);
}
