import type { OutgoingPublicFact } from '@hub/contracts';
import { LegalEntity } from './legal-entity';

/** Pure: the registration facts the justice perimeter lets out on bpr.facts.v1 (all of §24.3 is public but IINs, see RegistrationFacts). */
export function registrationFacts(items: ReadonlyArray<{ entity: LegalEntity }>): Array<OutgoingPublicFact<'REGISTRATION'>> {
  return items.map(({ entity: { bin, eventTime, ...facts } }) => ({ subjectId: bin, kind: 'REGISTRATION', itemKey: '', eventTime, facts }));
}
