import type { SearchHit, SubjectRow } from '../register.repository';
import { isCyrillic } from './search-key';

/** BPR §32 search grounds, as a result states which one matched. */
export type MatchField = 'id' | 'nameKk' | 'nameRu' | 'nameEn' | 'entrepreneurName';
export type MatchHow = 'EXACT_ID' | 'EXACT_NAME' | 'SIMILAR_NAME';

export interface SearchResult {
  id: string;
  idKind: 'BIN' | 'IIN';
  /** LLP, JSC, ... for legal entities; INDIVIDUAL_ENTREPRENEUR for an entrepreneur. */
  legalForm: string | null;
  status: string | null;
  names: { kk: string | null; ru: string | null; en: string | null; entrepreneur: string | null };
  /** 0..1, 1 for an exact id or an exact name. */
  score: number;
  /** Why it matched: which ground, the text that matched, how, and whether across scripts. */
  match: { field: MatchField; text: string; how: MatchHow; transliterated: boolean };
}

/** One page of results, best first; `hasMore` says whether the next page holds any. */
export interface SearchPage { query: string; legalForm: string | null; page: number; pageSize: number; hasMore: boolean; results: SearchResult[] }

export const PAGE_SIZE = 20;
/** Word similarity of the query's skeleton to a name's, below which a name does not match. */
export const MATCH_THRESHOLD = 0.5;

const ID_QUERY = /^\s*(\d[\d\s]{10,}\d)\s*$/;

/** Pure: a 12-digit query (spaces allowed) is an id lookup; anything else a name search. */
export function idQuery(q: string): string | null {
  const m = ID_QUERY.exec(q);
  if (!m) return null;
  const digits = m[1].replace(/\s/g, '');
  return digits.length === 12 ? digits : null;
}

const names = (s: SubjectRow): SearchResult['names'] => ({ kk: s.nameKk, ru: s.nameRu, en: s.nameEn, entrepreneur: s.personName });

export function idResult(s: SubjectRow): SearchResult {
  return {
    id: s.subjectId, idKind: s.idKind, legalForm: s.legalForm, status: s.status, names: names(s), score: 1,
    match: { field: 'id', text: s.subjectId, how: 'EXACT_ID', transliterated: false },
  };
}

/** Pure: a name hit explained by its best-matching name. */
export function nameResult(q: string, hit: SearchHit): SearchResult {
  const candidates: Array<[MatchField, number, string | null]> = [
    ['nameRu', hit.fieldScores.ru, hit.nameRu], ['nameKk', hit.fieldScores.kk, hit.nameKk], ['nameEn', hit.fieldScores.en, hit.nameEn],
    ['entrepreneurName', hit.fieldScores.person, hit.personName],
  ];
  const [field, score, text] = candidates.filter(([, , t]) => t).reduce((best, c) => (c[1] > best[1] ? c : best));
  const exact = score >= 0.999;
  return {
    id: hit.subjectId, idKind: hit.idKind, legalForm: hit.legalForm, status: hit.status, names: names(hit), score: Math.round(hit.score * 1000) / 1000,
    match: { field, text: text ?? '', how: exact ? 'EXACT_NAME' : 'SIMILAR_NAME', transliterated: isCyrillic(q) !== isCyrillic(text ?? '') },
  };
}
