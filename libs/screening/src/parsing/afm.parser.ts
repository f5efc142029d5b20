import { createHash } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { WatchlistAlias, WatchlistEntryRecord, entryIdOf } from '../watchlist-entry';
import { birthDateFromText, dottedDay, epochDays } from './dates';
import { ListSnapshot, ParseProblem } from './list-snapshot';
import { childText, descendants, parseListXml } from './xml';

/**
 * The financial monitoring agency's lists (NDIP-NOTES §2): category 1 is the list of persons and
 * organisations linked to the financing of terrorism and extremism, category 2 the participants
 * in terrorist activities (persons, published inside `<org>` tags).
 */
export type AfmCategory = 1 | 2;

export interface AfmParseOptions {
  category: AfmCategory;
  /** The format carries no generation time: the time the snapshot was fetched is its version. */
  snapshotTime: Date;
}

const PROGRAM: Record<AfmCategory, string> = {
  1: 'AFM category 1: financing of terrorism and extremism',
  2: 'AFM category 2: participants in terrorist activities',
};

const splitNames = (v: string | null): string[] => (v ?? '').split(/\s*;\s*/).map((s) => s.trim()).filter(Boolean);
const digest = (...parts: string[]): string => createHash('sha256').update(parts.join('|').toLowerCase()).digest('hex').slice(0, 16);

/** Listing date: added_to_list, or else "включен от dd.mm.yyyy" in the correction text (crawler, NDIP-NOTES §2). */
function listedOn(el: Element): number | null {
  const added = dottedDay(childText(el, 'added_to_list'));
  if (added) return epochDays(added);
  const m = /включ[её]н\w*\s+от\s+(\d{1,2}\.\d{1,2}\.\d{4})/i.exec(childText(el, 'correction') ?? '');
  const fromCorrection = m ? dottedDay(m[1]) : null;
  return fromCorrection ? epochDays(fromCorrection) : null;
}

/**
 * The entry id: the IIN when the list gives a 12-digit one, else a digest of the name (and date
 * of birth), prefixed with the category so the same person on both lists stays two entries.
 */
function sourceId(category: AfmCategory, iin: string | null, ...nameParts: string[]): string {
  return iin && /^\d{12}$/.test(iin) ? `${category}-${iin}` : `${category}-${digest(...nameParts)}`;
}

/** Pure: one AFM list file (category 1 or 2) to one record per person or organisation. */
export function parseAfmList(xml: string | Buffer, options: AfmParseOptions): ListSnapshot {
  const root = parseListXml(xml);
  const listVersion = options.snapshotTime.toISOString();
  const eventTime = options.snapshotTime.getTime();
  const problems: ParseProblem[] = [];
  const entries: WatchlistEntryRecord[] = [];
  const seen = new Set<string>();
  const base = { list: 'KZ_AFM' as const, referenceNumber: null, versionNum: null, program: PROGRAM[options.category], nameOriginalScript: null, nationalities: [], countries: [], listVersion, delisted: false, eventTime };
  const add = (record: WatchlistEntryRecord) => {
    if (seen.has(record.entryId)) {
      problems.push({ sourceId: record.entryId, code: 'DUPLICATE_ID', reason: `${record.entryId} appears twice; the first is kept` });
      return;
    }
    seen.add(record.entryId);
    entries.push(record);
  };

  if (options.category === 1) {
    for (const p of descendants(root, 'person')) {
      const [lname, fname, mname] = [childText(p, 'lname'), childText(p, 'fname'), childText(p, 'mname')];
      const parts = [lname, fname, mname].filter((x): x is string => x !== null);
      if (parts.length === 0) {
        problems.push({ sourceId: childText(p, 'iin'), code: 'NAME_MISSING', reason: 'person without lname, fname or mname' });
        continue;
      }
      const iin = childText(p, 'iin');
      const birth = birthDateFromText(dottedDay(childText(p, 'birthdate')));
      add({
        ...base,
        entryId: entryIdOf('KZ_AFM', sourceId(1, iin, ...parts, birth?.date ?? '')),
        kind: 'PERSON',
        // Russian order: family name, given name, patronymic.
        wholeName: parts.join(' '),
        givenName: fname,
        middleNames: mname ? [mname] : [],
        familyName: lname,
        aliases: [],
        birthDates: birth ? [birth] : [],
        identifiers: iin ? [{ type: 'IIN', value: iin, country: 'KZ' }] : [],
        listedOn: listedOn(p),
        remarks: childText(p, 'note'),
      });
    }
  }
  for (const o of descendants(root, 'org')) {
    const names = splitNames(childText(o, 'org_name'));
    const english = splitNames(childText(o, 'org_name_en'));
    const all = [...names, ...english];
    if (all.length === 0) {
      problems.push({ sourceId: childText(o, 'org_iin'), code: 'NAME_MISSING', reason: 'org without org_name' });
      continue;
    }
    const aliases: WatchlistAlias[] = all.slice(1).filter((n, i, a) => a.indexOf(n) === i && n !== all[0]).map((name) => ({ name, strength: 'STRONG' }));
    if (options.category === 2) {
      // Category 2 lists persons inside <org>: org_name is the whole name, org_iin the IIN.
      const iin = childText(o, 'org_iin');
      add({
        ...base, entryId: entryIdOf('KZ_AFM', sourceId(2, iin, all[0])), kind: 'PERSON', wholeName: all[0], givenName: null, middleNames: [], familyName: null,
        aliases, birthDates: [], identifiers: iin ? [{ type: 'IIN', value: iin, country: 'KZ' }] : [], listedOn: listedOn(o), remarks: childText(o, 'note'),
      });
    } else {
      add({
        ...base, entryId: entryIdOf('KZ_AFM', sourceId(1, null, all[0])), kind: 'ORGANISATION', wholeName: all[0], givenName: null, middleNames: [], familyName: null,
        aliases, birthDates: [], identifiers: [], listedOn: listedOn(o), remarks: childText(o, 'note'),
      });
    }
  }
  return { list: 'KZ_AFM', program: PROGRAM[options.category], listVersion, generatedAt: options.snapshotTime, entries, problems };
}
