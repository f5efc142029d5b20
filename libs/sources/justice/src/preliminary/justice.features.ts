import type { Features, IndexWindow } from '@hub/perimeter';
import type { EntityStatus } from '../legal-entity';
import { massAddressFeature } from '../registration-address.rules';
import { massDirectorFeature, massFounderFeature } from '../registration-people.rules';
import { frequentReregistrationFeature } from '../reregistration.rules';

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

export interface RegistrationFacts {
  status: EntityStatus;
  initialRegistrationDate: string;
  lastReregistrationDate: string | null;
  /** Other live firms the justice store holds at the same normalised registration address (registration-address.rules). */
  otherLiveFirmsAtAddress: number;
  /** Other live firms sharing at least one founder (IIN or BIN) with this one (registration-people.rules). */
  otherLiveFirmsSharingFounder: number;
  /** Other live firms in the region whose head has the same normalised full name (namesakes included). */
  otherLiveFirmsWithHeadName: number;
  /** Every re-registration date the store has seen for the firm (src_justice.reregistrations). */
  reregistrationDates: readonly string[];
}

const dayMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const MONTH_MS = YEAR_MS / 12;

/** The registration record covers the entity's whole life: from first registration to today. */
export const justiceWindow = (facts: RegistrationFacts, now: Date): IndexWindow =>
  ({ from: Math.floor(Math.min(dayMs(facts.initialRegistrationDate), now.getTime()) / DAY_MS), to: Math.floor(now.getTime() / DAY_MS) });

/** Pure: features of one legal entity's registration at `now`. */
export function justiceFeatures(facts: RegistrationFacts, now: Date): Features {
  const age = now.getTime() - dayMs(facts.initialRegistrationDate);
  const sinceRereg = facts.lastReregistrationDate === null ? null : now.getTime() - dayMs(facts.lastReregistrationDate);
  return {
    // Counted in whole months: a value exact to the day would give the registration date away in a sample.
    YOUNG_COMPANY: Math.min(1, Math.max(0, 1 - Math.floor(age / MONTH_MS) / 60)),
    RECENT_REREGISTRATION: sinceRereg !== null && sinceRereg <= YEAR_MS ? 1 : 0,
    // Re-registered soon after being founded: the register shows only the last change, so a short gap hints at churn.
    QUICK_REREGISTRATION: sinceRereg !== null && facts.lastReregistrationDate !== null
      && dayMs(facts.lastReregistrationDate) - dayMs(facts.initialRegistrationDate) <= 2 * YEAR_MS ? 1 : 0,
    IN_LIQUIDATION: facts.status === 'IN_LIQUIDATION' || facts.status === 'LIQUIDATED' ? 1 : 0,
    REORGANIZED: facts.status === 'REORGANIZED' ? 1 : 0,
    SUSPENDED: facts.status === 'SUSPENDED' ? 1 : 0,
    // Issue 13 item 2: a building where many live firms are registered is a classic sign of sham registration.
    MASS_REGISTRATION_ADDRESS: massAddressFeature(facts.otherLiveFirmsAtAddress),
    // Issue 13 item 2: nominees sign as founder or head for many firms; a name is a weaker key than an IIN (namesakes).
    MASS_FOUNDER: massFounderFeature(facts.otherLiveFirmsSharingFounder),
    MASS_DIRECTOR: massDirectorFeature(facts.otherLiveFirmsWithHeadName),
    // The history the store kept, and the last date in case a record's date came before the history did.
    FREQUENT_REREGISTRATION: frequentReregistrationFeature(
      facts.lastReregistrationDate === null ? facts.reregistrationDates : [...facts.reregistrationDates, facts.lastReregistrationDate], now),
  };
}
