/**
 * Frequent re-registration (issue 13 item 2): a firm re-registered again and again (a new founder,
 * head or address on paper every few months) is a sign of a sham firm changing hands. The register
 * sends only the last re-registration date with each record, so the store keeps every date it has
 * seen (src_justice.reregistrations). Pure: the clock is passed in.
 */

/** Re-registrations count within this many years before `now`. */
export const REREGISTRATION_WINDOW_YEARS = 3;
/** Re-registrations in the window at which FREQUENT_REREGISTRATION is full. */
export const FREQUENT_REREGISTRATION_FULL_AT = 4;

const dayMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/**
 * Pure: distinct re-registration days (ISO dates) within the REREGISTRATION_WINDOW_YEARS calendar
 * years up to `now`; a date after `now` is not counted.
 */
export function reregistrationsWithin(dates: readonly string[], now: Date): number {
  const from = new Date(now.getTime());
  from.setUTCFullYear(from.getUTCFullYear() - REREGISTRATION_WINDOW_YEARS);
  return new Set(dates.filter((d) => dayMs(d) > from.getTime() && dayMs(d) <= now.getTime())).size;
}

/**
 * Pure: FREQUENT_REREGISTRATION from the re-registration dates seen: 0 for none or one in the window
 * (an ordinary change of director or address), on a log scale from two, full at
 * FREQUENT_REREGISTRATION_FULL_AT (2: 0.5, 3: 0.79).
 */
export function frequentReregistrationFeature(dates: readonly string[], now: Date): number {
  const n = reregistrationsWithin(dates, now);
  return Math.min(1, Math.log2(Math.max(1, n)) / Math.log2(FREQUENT_REREGISTRATION_FULL_AT));
}
