import { Validation } from '@hub/platform';
import { TaxListEntry, TaxListMembershipRecord } from './tax-records';
import { checkEventTime, checkId, checkNotFuture, checkOrder, isoDate, isoDateOrNull, runRules } from './tax.rules';

/** Pure: every rule a list-membership record must pass, "now" passed in. */
export function validateTaxListMembership(r: TaxListMembershipRecord, key: string | null, now: Date): Validation<TaxListEntry> {
  return runRules(() => {
    checkId(r.id, key);
    checkEventTime(r.eventTime, now);
    checkNotFuture('includedOn', r.includedOn, now);
    checkNotFuture('excludedOn', r.excludedOn, now);
    checkOrder('includedOn', r.includedOn, 'excludedOn', r.excludedOn);
    const basis = r.basis?.trim() ? r.basis.trim() : null;
    return {
      id: r.id, list: r.list, includedOn: isoDate(r.includedOn), excludedOn: isoDateOrNull(r.excludedOn), basis, eventTime: new Date(r.eventTime),
    };
  });
}
