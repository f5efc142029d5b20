import type { Founder } from './legal-entity';

/**
 * Mass founder and mass director (issue 13 item 2): a sham firm is often founded or headed on paper
 * by a nominee who signs for many firms, so the same person recurs across the register (BPR §24.3:
 * founders with IIN or BIN, the head by full name). Pure: no I/O, no clock.
 */

/**
 * Pure: one key per founder the register identifies — a natural person by IIN, a legal entity by BIN
 * — sorted and unique. A founder without either (a foreign person or company) gives no key: a name
 * alone would tie unrelated people together.
 */
export function founderKeys(founders: readonly Founder[]): string[] {
  const keys = new Set<string>();
  for (const f of founders) {
    if (f.kind === 'NATURAL_PERSON' && f.iin) keys.add(`iin:${f.iin}`);
    else if (f.kind === 'LEGAL_ENTITY' && f.bin) keys.add(`bin:${f.bin}`);
  }
  return [...keys].sort();
}

/**
 * The keys as the store holds them: one text, space-separated (IINs and BINs hold no space), read
 * back with string_to_array for the GIN index (an array per row cannot travel in the batch upsert's
 * column arrays). '' for a firm without identified founders.
 */
export const founderKeyList = (founders: readonly Founder[]): string => founderKeys(founders).join(' ');

/**
 * Pure: the head's full name as a key — lower case, one space between words, no surrounding
 * punctuation. Cyrillic and Latin spellings are not unified (the register writes a name in one
 * script). Null without a name (or only a dash for one).
 */
export function headNameKey(fullName: string | null): string | null {
  if (fullName === null) return null;
  // Words keep inner hyphens and apostrophes (double-barrelled surnames); a lone dash ("no head") is no word.
  const words = fullName.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.length > 0 ? words.join(' ') : null;
}

/**
 * Pure: the key MASS_DIRECTOR counts by — the head's name key within the region of registration
 * (the KATO code's first two digits: oblast or city of republican significance). A name is a weaker
 * key than an IIN, and the register gives no head IIN: across the country a common full name belongs
 * to many people, and their number grows with the register while a nominee's firms do not. A nominee
 * is hired where the organiser works, so counting namesakes within the region keeps most of his firms
 * and far fewer strangers. Null without a name.
 */
export function headKey(fullName: string | null, katoCode: string): string | null {
  const name = headNameKey(fullName);
  return name === null ? null : `${katoCode.slice(0, 2)} ${name}`;
}

/**
 * Other live firms sharing a founder at which MASS_FOUNDER is full. An IIN or BIN names one person or
 * firm, so a handful of firms is already telling; one other firm (an owner with a second business)
 * counts nothing.
 */
export const MASS_FOUNDER_FULL_AT = 8;

/**
 * Other live firms whose head has the same name (in the same region) at which MASS_DIRECTOR is full.
 * A name is a weaker key than an IIN: namesakes (common surnames, given names and patronymics) share
 * it without being one person, and the register gives no head IIN. So the feature rises more slowly
 * and saturates later than MASS_FOUNDER; a few namesakes weigh little.
 */
export const MASS_DIRECTOR_FULL_AT = 16;

const logScale = (others: number, fullAt: number): number => Math.min(1, Math.log2(Math.max(1, others)) / Math.log2(fullAt));

/** Pure: MASS_FOUNDER from the number of OTHER live firms sharing at least one founder key: 0 for 0-1, full from MASS_FOUNDER_FULL_AT. */
export const massFounderFeature = (otherLiveFirms: number): number => logScale(otherLiveFirms, MASS_FOUNDER_FULL_AT);

/** Pure: MASS_DIRECTOR from the number of OTHER live firms whose head has the same headKey: 0 for 0-1, full from MASS_DIRECTOR_FULL_AT. */
export const massDirectorFeature = (otherLiveFirms: number): number => logScale(otherLiveFirms, MASS_DIRECTOR_FULL_AT);
