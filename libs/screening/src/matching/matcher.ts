import type { WatchlistBirthDate } from '../watchlist-entry';
import { countriesCompatible, resolveCountries } from './countries';
import { FeatureName, ScreeningConfig } from './screening-config';
import { ScreeningFeature, ScreeningHit, ScreeningResult, ScreeningSubject } from './screening-types';
import { jaroWinkler, levenshteinPlausible, levenshteinSimilarity } from './similarity';
import { skeleton } from './transliteration';
import { IndexedEntry, IndexedName, WatchlistIndex, indexedName, normaliseIdentifier } from './watchlist-index';

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

interface Alignment { score: number; detail: string }

/**
 * Pairs each query token with its best listed token (each used once, best pairs first, only
 * plausible misspellings) and multiplies the pair similarities, as nomenklatura's Jaro-Winkler
 * name feature does (NDIP-NOTES §3). Unpaired tokens on either side lower the score by the
 * config's factors; word order does not matter.
 */
export function alignTokens(query: readonly string[], listed: readonly string[], similarity: (a: string, b: string) => number, config: ScreeningConfig): Alignment {
  const { maxTokenEdits, maxTokenEditRatio, extraQueryTokenFactor, extraResultTokenFactor } = config.names;
  const pairs: Array<[number, number, number]> = [];
  for (let i = 0; i < query.length; i++) {
    for (let j = 0; j < listed.length; j++) {
      const a = query[i];
      const b = listed[j];
      if (a !== b && !levenshteinPlausible(a, b, maxTokenEdits, maxTokenEditRatio)) continue;
      pairs.push([i, j, a === b ? 1 : similarity(a, b)]);
    }
  }
  pairs.sort((x, y) => y[2] - x[2]);
  const usedQ = new Set<number>();
  const usedL = new Set<number>();
  let score = 1;
  const parts: string[] = [];
  for (const [i, j, s] of pairs) {
    if (usedQ.has(i) || usedL.has(j)) continue;
    usedQ.add(i);
    usedL.add(j);
    score *= s;
    parts.push(s === 1 ? query[i] : `${query[i]}~${listed[j]} ${s.toFixed(2)}`);
  }
  if (usedQ.size === 0) return { score: 0, detail: 'no name part in common' };
  const extraQ = query.length - usedQ.size;
  const extraL = listed.length - usedL.size;
  score *= extraQueryTokenFactor ** extraQ * extraResultTokenFactor ** extraL;
  const notes = [extraQ > 0 ? `${extraQ} queried part(s) not on the list` : '', extraL > 0 ? `${extraL} listed part(s) not queried` : ''].filter(Boolean);
  return { score, detail: [parts.join(', '), ...notes].join('; ') };
}

interface NameMatch { feature: FeatureName; score: number; weighted: number; detail: string; name: IndexedName }

function organisationTokens(tokens: readonly string[], types: ReadonlySet<string>): string[] {
  const kept = tokens.filter((t) => !types.has(t));
  return kept.length > 0 ? kept : [...tokens];
}

/** The best-weighted name feature between one query name and one listed name, or null. */
function compareNames(query: IndexedName, listed: IndexedName, kind: ScreeningSubject['kind'], config: ScreeningConfig, orgTypes: ReadonlySet<string>): NameMatch | null {
  const w = config.weights;
  const make = (feature: FeatureName, score: number, detail: string): NameMatch => ({ feature, score, weighted: score * w[feature], detail, name: listed });
  const strengthNote = listed.strength === 'PRIMARY' ? '' : ` (${listed.strength.toLowerCase().replace('_', ' ')} name)`;
  const sameSkeleton = query.sorted === listed.sorted;
  // Weak aliases are compared only as whole names, never fuzzily (OpenSanctions weakAlias).
  if (listed.strength === 'WEAK') return sameSkeleton ? make('weak_alias_match', 1, `"${query.text}" = weak alias "${listed.text}"`) : null;
  if (query.light === listed.light) return make('name_literal_match', 1, `"${listed.text}"${strengthNote}`);
  if (sameSkeleton) {
    const reordered = query.tokens.join(' ') !== listed.tokens.join(' ');
    return make('name_transliteration_match', 1, `"${query.text}" ~ "${listed.text}"${strengthNote}: same name after transliteration${reordered ? ', parts reordered' : ''}`);
  }
  if (kind === 'ORGANISATION') {
    const q = organisationTokens(query.tokens, orgTypes);
    const l = organisationTokens(listed.tokens, orgTypes);
    // Every word of an organisation's name distinguishes it: a listed word the query lacks costs more than a person's omitted patronymic.
    const orgConfig = { ...config, names: { ...config.names, extraResultTokenFactor: config.names.organisationExtraTokenFactor } };
    const aligned = alignTokens(q, l, levenshteinSimilarity, orgConfig);
    return aligned.score > 0 ? make('name_fingerprint_levenshtein', aligned.score, `"${query.text}" ~ "${listed.text}"${strengthNote}: ${aligned.detail} (legal form ignored)`) : null;
  }
  const aligned = aligned2(query.tokens, listed.tokens, config);
  return aligned.score > 0 ? make('name_jaro_winkler', aligned.score, `"${query.text}" ~ "${listed.text}"${strengthNote}: ${aligned.detail}`) : null;
}

/** Token alignment, or the names written together when they are split differently (Abd al-Rahman / Abdulrahman). */
function aligned2(q: readonly string[], l: readonly string[], config: ScreeningConfig): Alignment {
  const aligned = alignTokens(q, l, jaroWinkler, config);
  if (q.length === l.length) return aligned;
  const joined = levenshteinSimilarity(q.join(''), l.join(''));
  return joined > aligned.score && joined >= 0.85 ? { score: joined, detail: `${q.join('')}~${l.join('')} ${joined.toFixed(2)} (parts split differently)` } : aligned;
}

interface QueryDate { year: number; month: number | null; day: number | null; text: string }

export function parseQueryDate(text: string | undefined): QueryDate | null {
  if (!text) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  return { year: Number(m[1]), month: m[2] ? Number(m[2]) : null, day: m[3] ? Number(m[3]) : null, text: text.trim() };
}

function describe(d: WatchlistBirthDate): string {
  const base = d.precision === 'YEAR_RANGE' ? `${d.fromYear}-${d.toYear}` : (d.date ?? '?');
  return d.approximate ? `approximately ${base}` : base;
}

/**
 * Dates compared as prefixes at the precision both sides have (NDIP-NOTES §3): a year-only or
 * year-range DOB on the list is checked at year level only; no penalty when either side has none.
 * An APPROXIMATELY year allows one year either side.
 */
function dobFeature(query: QueryDate | null, dates: readonly WatchlistBirthDate[], config: ScreeningConfig): ScreeningFeature | null {
  if (!query || dates.length === 0) return null;
  const w = config.weights;
  let dayDisjoint: { score: number; d: WatchlistBirthDate } | null = null;
  for (const d of dates) {
    let yearOk: boolean;
    let month: number | null = null;
    let day: number | null = null;
    if (d.precision === 'YEAR_RANGE') {
      yearOk = query.year >= (d.fromYear ?? 0) - (d.approximate ? 1 : 0) && query.year <= (d.toYear ?? 9999) + (d.approximate ? 1 : 0);
    } else {
      const [y, mo, da] = (d.date ?? '').split('-').map(Number);
      yearOk = Math.abs(query.year - y) <= (d.approximate ? 1 : 0);
      month = mo ?? null;
      day = da ?? null;
    }
    if (!yearOk) continue;
    const monthOk = month === null || query.month === null || month === query.month;
    const dayOk = day === null || query.day === null || day === query.day;
    if (monthOk && dayOk) return { name: 'dob_match', score: 1, weight: w.dob_match, detail: `${query.text} matches the listed date of birth ${describe(d)}` };
    // A day/month swap (03-04 vs 04-03) counts half (NDIP-NOTES §3).
    const swapped = month !== null && day !== null && query.month === day && query.day === month;
    const score = swapped ? 0.5 : 1;
    if (!dayDisjoint || score < dayDisjoint.score) dayDisjoint = { score, d };
  }
  if (dayDisjoint) {
    return { name: 'dob_day_disjoint', score: dayDisjoint.score, weight: w.dob_day_disjoint, detail: `${query.text}: same year as ${describe(dayDisjoint.d)} but another day${dayDisjoint.score < 1 ? ' (day and month swapped)' : ''}` };
  }
  return { name: 'dob_year_disjoint', score: 1, weight: w.dob_year_disjoint, detail: `${query.text}: no listed date of birth in that year (${dates.map(describe).join(', ')})` };
}

function countryFeature(country: string | undefined, entry: IndexedEntry, config: ScreeningConfig): ScreeningFeature | null {
  if (!country || entry.countryCodes === null || entry.countryCodes.length === 0) return null;
  const query = resolveCountries(country);
  if (query.length === 0) return null;
  if (query.some((q) => entry.countryCodes!.some((c) => countriesCompatible(q, c)))) return null;
  const listed = [...entry.entry.nationalities, ...entry.entry.countries].join(', ');
  return { name: 'country_mismatch', score: 1, weight: config.weights.country_mismatch, detail: `${country} is none of the listed countries (${listed})` };
}

/** Pure: scores one listed entry against a subject; null when no main feature holds. */
export function scoreEntry(subject: ScreeningSubject, queryNames: readonly IndexedName[], entry: IndexedEntry, config: ScreeningConfig, orgTypes: ReadonlySet<string>): ScreeningHit | null {
  const w = config.weights;
  let best: NameMatch | null = null;
  for (const q of queryNames) {
    for (const l of entry.names) {
      const m = compareNames(q, l, subject.kind, config, orgTypes);
      if (m && (!best || m.weighted > best.weighted)) best = m;
    }
  }
  const features: ScreeningFeature[] = [];
  let main = 0;
  let matchedName = entry.entry.wholeName;
  if (best && best.weighted > 0) {
    features.push({ name: best.feature, score: round(best.score), weight: w[best.feature], detail: best.detail });
    main = best.weighted;
    matchedName = best.name.text;
  }
  const ids = (subject.identifiers ?? []).map(normaliseIdentifier).filter((id) => entry.identifiers.has(id));
  if (ids.length > 0) {
    features.push({ name: 'identifier_match', score: 1, weight: w.identifier_match, detail: `identifier ${ids.join(', ')} is on the list entry` });
    main = Math.max(main, w.identifier_match);
  }
  // Qualifiers adjust a match; they never make one (logic-v1: not added when the best is 0).
  if (main <= 0) return null;
  const qualifiers = [
    subject.kind === 'PERSON' ? dobFeature(parseQueryDate(subject.birthDate), entry.entry.birthDates, config) : null,
    countryFeature(subject.country, entry, config),
  ].filter((f): f is ScreeningFeature => f !== null);
  features.push(...qualifiers);
  const score = Math.min(1, Math.max(0, main + qualifiers.reduce((s, f) => s + f.score * f.weight, 0)));
  return {
    list: entry.entry.list, entryId: entry.entry.entryId, referenceNumber: entry.entry.referenceNumber, matchedName, kind: entry.entry.kind,
    score: round(score), features,
  };
}

/** The organisation-type words of a config, in skeleton spelling. */
export const organisationTypeSet = (config: ScreeningConfig): Set<string> => new Set(config.names.organisationTypes.map(skeleton));

/**
 * Pure: screens a subject against the index with one config version. Only entries of the
 * subject's kind are scored; hits at or above the threshold, best first.
 */
export function screenSubject(index: WatchlistIndex, subject: ScreeningSubject, config: ScreeningConfig, orgTypes: ReadonlySet<string> = organisationTypeSet(config)): ScreeningResult {
  const queryNames = [subject.name, ...(subject.aliases ?? [])].filter((n) => n.trim().length > 0).map((n) => indexedName(n, 'PRIMARY')).filter((n) => n.tokens.length > 0);
  const retrievalNames = queryNames.map((n) => (subject.kind === 'ORGANISATION' ? organisationTokens(n.tokens, orgTypes) : n.tokens));
  const hits: ScreeningHit[] = [];
  for (const entry of index.candidates(retrievalNames, subject.identifiers ?? [], config.candidates, subject.kind)) {
    if (entry.entry.kind !== subject.kind) continue;
    const hit = scoreEntry(subject, queryNames, entry, config, orgTypes);
    if (hit && hit.score >= config.threshold) hits.push(hit);
  }
  hits.sort((a, b) => b.score - a.score || a.entryId.localeCompare(b.entryId));
  return { configVersion: config.version, listVersions: index.listVersions(), hits };
}
