import { BprRiskCategoryValues, BprRiskKindValues, BprSourceValues } from '@hub/contracts';
import { NationalIdError, parseNationalId } from '@hub/identity';
import { Validation } from '@hub/platform';
import { factorBand, factorDirection } from '@hub/algorithms';
import { BprPreliminaryIndex, PreliminaryFactor, PreliminaryIndex } from './preliminary-index';

export enum ScoringRejection {
  ID_FORMAT = 'ID_FORMAT',
  ID_CHECK_DIGIT = 'ID_CHECK_DIGIT',
  ID_STRUCTURE = 'ID_STRUCTURE',
  KEY_MISMATCH = 'KEY_MISMATCH',
  /** A symbol the hub does not know: the writer's schema is newer than this code. */
  ENUM_UNKNOWN = 'ENUM_UNKNOWN',
  RISK_VALUE_RANGE = 'RISK_VALUE_RANGE',
  ALGORITHM_FORMAT = 'ALGORITHM_FORMAT',
  VERSION_FORMAT = 'VERSION_FORMAT',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  DATE_ORDER = 'DATE_ORDER',
  FACTOR_INVALID = 'FACTOR_INVALID',
}

export const CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
/** The same formats the algorithm files use (libs/algorithms). */
const ALGORITHM_NAME = /^[a-z0-9]+(\.[a-z0-9-]+)+$/;
const VERSION = /^\d{4}\.\d+$/;
const FACTOR_CODE = /^[A-Z0-9_]+$/;
const ID_ERRORS: Record<NationalIdError, ScoringRejection> = {
  [NationalIdError.FORMAT]: ScoringRejection.ID_FORMAT,
  [NationalIdError.CHECK_DIGIT]: ScoringRejection.ID_CHECK_DIGIT,
  [NationalIdError.STRUCTURE]: ScoringRejection.ID_STRUCTURE,
};

const reject = (code: ScoringRejection, reason: string): Validation<never> => ({ ok: false, code, reason });
// Every index carries two window dates, and a bulk load's indexes share a handful of days: Date and
// toISOString per record were 5.8 % of the hub's CPU in a load's profile. Bounded: a day is 10 bytes.
const ISO_DATES = new Map<number, string>();
function isoDate(epochDays: number): string {
  let iso = ISO_DATES.get(epochDays);
  if (iso === undefined) {
    if (ISO_DATES.size >= 20_000) ISO_DATES.clear();
    iso = new Date(epochDays * DAY_MS).toISOString().slice(0, 10);
    ISO_DATES.set(epochDays, iso);
  }
  return iso;
}

/** Pure: every rule a preliminary index must pass before it may feed a final index, with "now" passed in. */
export function validatePreliminaryIndex(record: BprPreliminaryIndex, key: string | null, now: Date): Validation<PreliminaryIndex> {
  const id = parseNationalId(record.subjectId);
  if (!id.ok) return reject(ID_ERRORS[id.error], `subjectId ${id.message}`);
  if (key !== null && key !== record.subjectId) return reject(ScoringRejection.KEY_MISMATCH, 'record key must be the subject BIN/IIN in the value');
  if (!(BprSourceValues as readonly string[]).includes(record.source)) return reject(ScoringRejection.ENUM_UNKNOWN, 'source has a symbol this hub does not know');
  if (!(BprRiskKindValues as readonly string[]).includes(record.indexKind)) return reject(ScoringRejection.ENUM_UNKNOWN, 'indexKind has a symbol this hub does not know');
  if (!(BprRiskCategoryValues as readonly string[]).includes(record.category)) return reject(ScoringRejection.ENUM_UNKNOWN, 'category has a symbol this hub does not know');
  if (!Number.isFinite(record.riskValue) || record.riskValue < 0 || record.riskValue > 1) {
    return reject(ScoringRejection.RISK_VALUE_RANGE, 'riskValue must be a number in [0, 1]');
  }
  if (!ALGORITHM_NAME.test(record.algorithm)) return reject(ScoringRejection.ALGORITHM_FORMAT, 'algorithm must be a dotted lowercase name, e.g. tax.conscientiousness');
  if (!VERSION.test(record.algorithmVersion)) return reject(ScoringRejection.VERSION_FORMAT, 'algorithmVersion must be YEAR.N, e.g. 2026.1');
  if (record.computedAt > now.getTime() + CLOCK_SKEW_MS) return reject(ScoringRejection.DATE_IN_FUTURE, 'computedAt is in the future');
  if (record.windowTo > Math.floor(now.getTime() / DAY_MS)) return reject(ScoringRejection.DATE_IN_FUTURE, 'windowTo is in the future');
  if (record.windowFrom > record.windowTo) return reject(ScoringRejection.DATE_ORDER, 'windowFrom is after windowTo');
  const factors: PreliminaryFactor[] = [];
  for (const f of record.factors) {
    // First-version records carry a contribution and no band; a confidential factor carries a band and no contribution.
    const contribution = f.contribution ?? null;
    const band = f.band ?? (contribution !== null && Number.isFinite(contribution) ? factorBand(contribution) : null);
    const direction = f.direction ?? (contribution !== null && Number.isFinite(contribution) ? factorDirection(contribution) : null);
    if (!FACTOR_CODE.test(f.code) || (contribution !== null && !Number.isFinite(contribution)) || band === null || direction === null || f.explanation.trim().length === 0) {
      return reject(ScoringRejection.FACTOR_INVALID, 'each factor needs an UPPER_CASE code, a finite contribution or a band with a direction, and an explanation');
    }
    factors.push({ code: f.code, contribution, explanation: f.explanation, band, direction });
  }
  return {
    ok: true,
    value: {
      subjectId: record.subjectId,
      source: record.source,
      indexKind: record.indexKind,
      riskValue: record.riskValue,
      category: record.category,
      algorithm: record.algorithm,
      algorithmVersion: record.algorithmVersion,
      windowFrom: isoDate(record.windowFrom),
      windowTo: isoDate(record.windowTo),
      computedAt: new Date(record.computedAt),
      factors,
    },
  };
}
