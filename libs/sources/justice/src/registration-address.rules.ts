import type { EntityStatus } from './legal-entity';

/**
 * Mass registration address (issue 13 item 2): many firms registered at one address is a classic
 * sign of sham registration. The justice register (BPR §24.3) carries the address as the clerk wrote
 * it, so the count needs a key that reads "ALMATY, Abay Ave 101, office 12", "Almaty, Abay Ave 101"
 * and "Almaty Abay Ave, 101" as one building. Pure: no I/O, no clock.
 */

/** Statuses of a firm that still sits at its address: liquidated, reorganized and closing ones do not count. */
export const LIVE_STATUSES: readonly EntityStatus[] = ['REGISTERED', 'ACTIVE', 'SUSPENDED'];
export const isLive = (status: EntityStatus): boolean => LIVE_STATUSES.includes(status);

/**
 * The office, flat or room inside a building: a business centre rents hundreds of offices, and the
 * mass address is the building. Latin and Cyrillic spellings, with or without a dot or a number sign.
 */
const PREMISES = /(?:^|[\s,;])(?:office|ofis|apt|apartment|room|suite|unit|офис|оф|квартира|кв|кабинет|каб|помещение|пом|н\.п)(?=[\s.№\d]|$)\.?\s*№?\s*[\p{L}\p{N}/-]*/giu;

/** Words that only say what kind of place a name is (city, street, avenue, house): clerks add or omit them. */
const PLACE_WORDS = new Set([
  'г', 'город', 'city', 'ул', 'улица', 'street', 'st', 'str', 'ave', 'av', 'avenue', 'пр', 'пр-т', 'проспект', 'prospekt', 'даңғылы', 'көшесі',
  'д', 'дом', 'house', 'bld', 'building', 'здание', 'мкр', 'микрорайон', 'microdistrict', 'республика', 'республики', 'рк', 'kazakhstan', 'казахстан', 'republic', 'of',
]);

/** Six-digit postcodes (KazPost): present or not, the building is the same. */
const POSTCODE = /^\d{6}$/;

/**
 * Pure: one key per building from a registration address as written — lower case, without the
 * office/flat part, punctuation, postcode and place-kind words, in the order written. Null when
 * nothing is left (an empty address counts no neighbours). Transliteration (Абая / Abay) is not
 * unified: the register writes an address in one script.
 */
export function registrationAddressKey(address: string): string | null {
  const tokens = address.toLowerCase().replace(PREMISES, ' ').replace(/[^\p{L}\p{N}-]+/gu, ' ').split(' ')
    .filter((t) => t !== '' && t !== '-' && !PLACE_WORDS.has(t) && !POSTCODE.test(t));
  return tokens.length > 0 ? tokens.join(' ') : null;
}

/**
 * Other live firms at the address at which the feature is full: above this, one more or one fewer
 * changes nothing (the store need not recompute the address-mates of a big mass address).
 */
export const MASS_ADDRESS_FULL_AT = 9;

/**
 * Pure: the MASS_REGISTRATION_ADDRESS feature from the number of OTHER live firms registered at the
 * same address: 0 alone or with one neighbour (a shared house is ordinary), rising on a log scale,
 * 1 from MASS_ADDRESS_FULL_AT others on (2 others: 0.32, 4: 0.63).
 */
export function massAddressFeature(otherLiveFirms: number): number {
  return Math.min(1, Math.log2(Math.max(1, otherLiveFirms)) / Math.log2(MASS_ADDRESS_FULL_AT));
}
