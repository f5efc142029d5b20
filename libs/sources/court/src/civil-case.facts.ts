import { COURT_EXCERPT_CHARS, OutgoingPublicFact } from '@hub/contracts';
import { CivilCase } from './civil-case';

/** Pure: a judicial act let out on bpr.facts.v1 (§24.8 civil cases are public), its text cut to an excerpt. */
export function civilCaseFacts(items: ReadonlyArray<{ civilCase: CivilCase }>): Array<OutgoingPublicFact<'COURT_CASE'>> {
  return items.map(({ civilCase: { partyId, eventTime, actText, ...rest } }) => ({
    subjectId: partyId, kind: 'COURT_CASE', itemKey: rest.caseNumber, eventTime,
    facts: { ...rest, actTextExcerpt: actText.length > COURT_EXCERPT_CHARS ? `${actText.slice(0, COURT_EXCERPT_CHARS)}…` : actText, actTextLength: actText.length },
  }));
}
