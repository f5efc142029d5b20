import type { OutgoingPublicFact } from '@hub/contracts';
import { StatisticalEntry } from './statistical-entity';

/** Pure: the statistics facts let out on bpr.facts.v1 (everything §24.4 lists is public). */
export function statisticsFacts(items: ReadonlyArray<{ entry: StatisticalEntry }>): Array<OutgoingPublicFact<'STATISTICS'>> {
  return items.map(({ entry: { id, eventTime, ...facts } }) => ({ subjectId: id, kind: 'STATISTICS', itemKey: '', eventTime, facts }));
}
