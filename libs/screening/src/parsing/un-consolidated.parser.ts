import type { Element } from '@xmldom/xmldom';
import { AliasStrength, WatchlistAlias, WatchlistBirthDate, WatchlistEntryRecord, WatchlistIdentifier, entryIdOf } from '../watchlist-entry';
import { birthDateFromText, epochDays, isoDay, yearRange } from './dates';
import { ListSnapshot, ParseProblem } from './list-snapshot';
import { ListParseError, ListParseFailure, childText, children, parseListXml, values } from './xml';

const NAME_PARTS = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'] as const;

/**
 * Alias QUALITY as OpenSanctions reads it (NDIP-NOTES §1): Good / a.k.a. a strong alias, Low a
 * weak one, f.k.a. a previous name; an empty QUALITY with an empty name is a placeholder (skipped
 * by the caller). A name without a quality is kept as a weak alias (matched only as a whole name)
 * rather than dropped; a quality this code does not know counts as strong: for sanctions a missed
 * hit costs more than a reviewed one.
 */
function aliasStrength(quality: string | null): AliasStrength {
  if (quality === null) return 'WEAK';
  const q = quality.toLowerCase().replace(/\s+/g, '');
  if (q === 'low') return 'WEAK';
  if (q === 'f.k.a.' || q === 'fka') return 'PREVIOUS';
  return 'STRONG';
}

function aliases(el: Element, tag: string): WatchlistAlias[] {
  const out: WatchlistAlias[] = [];
  for (const a of children(el, tag)) {
    const names = childText(a, 'ALIAS_NAME');
    if (names === null) continue; // `<QUALITY/><ALIAS_NAME/>` placeholder
    const strength = aliasStrength(childText(a, 'QUALITY'));
    // One ALIAS_NAME may hold several names separated by "; ".
    for (const name of names.split(/\s*;\s*/).map((n) => n.trim()).filter(Boolean)) {
      if (!out.some((o) => o.name === name && o.strength === strength)) out.push({ name, strength });
    }
  }
  return out;
}

/** DATE, YEAR or FROM_YEAR+TO_YEAR, with TYPE_OF_DATE EXACT / APPROXIMATELY / BETWEEN. */
function birthDates(el: Element): WatchlistBirthDate[] {
  const out: WatchlistBirthDate[] = [];
  for (const d of children(el, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    const type = (childText(d, 'TYPE_OF_DATE') ?? '').toUpperCase();
    const approximate = type === 'APPROXIMATELY';
    const from = Number(childText(d, 'FROM_YEAR') ?? NaN);
    const to = Number(childText(d, 'TO_YEAR') ?? NaN);
    let parsed: WatchlistBirthDate | null = null;
    if (Number.isInteger(from) || Number.isInteger(to)) {
      parsed = yearRange(Number.isInteger(from) ? from : to, Number.isInteger(to) ? to : from, approximate);
    } else {
      const date = childText(d, 'DATE');
      parsed = birthDateFromText(date === null ? null : (isoDay(date) ?? date), approximate) ?? birthDateFromText(childText(d, 'YEAR'), approximate);
    }
    if (parsed && !out.some((o) => JSON.stringify(o) === JSON.stringify(parsed))) out.push(parsed);
  }
  return out;
}

function documents(el: Element): WatchlistIdentifier[] {
  const out: WatchlistIdentifier[] = [];
  for (const d of children(el, 'INDIVIDUAL_DOCUMENT')) {
    const value = childText(d, 'NUMBER');
    if (value === null) continue;
    const raw = childText(d, 'TYPE_OF_DOCUMENT') ?? childText(d, 'TYPE_OF_DOCUMENT2') ?? 'DOCUMENT';
    const type = /passport/i.test(raw) ? 'PASSPORT' : /identi/i.test(raw) ? 'NATIONAL_ID' : raw;
    out.push({ type, value, country: childText(d, 'ISSUING_COUNTRY') ?? childText(d, 'COUNTRY_OF_ISSUE') });
  }
  return out;
}

const unique = (xs: Array<string | null>): string[] => [...new Set(xs.filter((x): x is string => x !== null))];

function entry(el: Element, kind: 'PERSON' | 'ORGANISATION', listVersion: string, eventTime: number, problems: ParseProblem[]): WatchlistEntryRecord | null {
  const dataId = childText(el, 'DATAID');
  if (dataId === null || !/^\d+$/.test(dataId)) {
    problems.push({ sourceId: dataId, code: 'ID_MISSING', reason: `${el.nodeName} without a numeric DATAID` });
    return null;
  }
  const parts = NAME_PARTS.map((p) => childText(el, p)).filter((p): p is string => p !== null);
  if (parts.length === 0) {
    problems.push({ sourceId: dataId, code: 'NAME_MISSING', reason: `${el.nodeName} ${dataId} has no name part` });
    return null;
  }
  // One part is the whole name; otherwise first = given, last = family, the middle is murky
  // (often a patronymic). Never reorder to a Western order (NDIP-NOTES §1, zavod apply_un_name_list).
  const split = kind === 'PERSON' && parts.length > 1;
  const version = childText(el, 'VERSIONNUM');
  const listedOn = isoDay(childText(el, 'LISTED_ON'));
  const prefix = kind === 'PERSON' ? 'INDIVIDUAL' : 'ENTITY';
  const countries = unique([
    ...children(el, `${prefix}_ADDRESS`).map((a) => childText(a, 'COUNTRY')),
    ...children(el, 'INDIVIDUAL_PLACE_OF_BIRTH').map((a) => childText(a, 'COUNTRY')),
  ]);
  return {
    list: 'UN_SC',
    entryId: entryIdOf('UN_SC', dataId),
    referenceNumber: childText(el, 'REFERENCE_NUMBER'),
    versionNum: version !== null && /^\d+$/.test(version) ? Number(version) : null,
    program: childText(el, 'UN_LIST_TYPE'),
    kind,
    wholeName: parts.join(' '),
    givenName: split ? parts[0] : null,
    middleNames: split ? parts.slice(1, -1) : [],
    familyName: split ? parts[parts.length - 1] : null,
    nameOriginalScript: childText(el, 'NAME_ORIGINAL_SCRIPT'),
    aliases: aliases(el, `${prefix}_ALIAS`),
    birthDates: kind === 'PERSON' ? birthDates(el) : [],
    nationalities: unique(values(el, 'NATIONALITY')),
    countries,
    identifiers: kind === 'PERSON' ? documents(el) : [],
    listedOn: listedOn === null ? null : epochDays(listedOn),
    remarks: childText(el, 'COMMENTS1'),
    listVersion,
    delisted: false,
    eventTime,
  };
}

/**
 * Pure: the UN Security Council consolidated list XML (NDIP-NOTES §1) to one record per
 * INDIVIDUAL and ENTITY. The root's dateGenerated is the list version and every record's event time.
 */
export function parseUnConsolidatedList(xml: string | Buffer): ListSnapshot {
  const root = parseListXml(xml);
  if ((root.localName ?? root.nodeName) !== 'CONSOLIDATED_LIST') {
    throw new ListParseError(ListParseFailure.UNEXPECTED_ROOT, `expected CONSOLIDATED_LIST, found ${root.nodeName}`);
  }
  const listVersion = (root.getAttribute('dateGenerated') ?? '').trim();
  const generatedAt = Date.parse(listVersion);
  if (!listVersion || Number.isNaN(generatedAt)) {
    throw new ListParseError(ListParseFailure.LIST_VERSION_MISSING, 'CONSOLIDATED_LIST has no valid dateGenerated attribute');
  }
  const problems: ParseProblem[] = [];
  const seen = new Set<string>();
  const entries: WatchlistEntryRecord[] = [];
  const groups: Array<[string, string, 'PERSON' | 'ORGANISATION']> = [['INDIVIDUALS', 'INDIVIDUAL', 'PERSON'], ['ENTITIES', 'ENTITY', 'ORGANISATION']];
  for (const [group, tag, kind] of groups) {
    for (const g of children(root, group)) {
      for (const el of children(g, tag)) {
        const e = entry(el, kind, listVersion, generatedAt, problems);
        if (!e) continue;
        if (seen.has(e.entryId)) {
          problems.push({ sourceId: e.entryId, code: 'DUPLICATE_ID', reason: `${e.entryId} appears twice; the first is kept` });
          continue;
        }
        seen.add(e.entryId);
        entries.push(e);
      }
    }
  }
  return { list: 'UN_SC', program: null, listVersion, generatedAt: new Date(generatedAt), entries, problems };
}
