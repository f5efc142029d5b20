import { sizeBand } from '@hub/identity';
import type { Features, IndexWindow } from '@hub/perimeter';

export { sizeBand };

const DAY_MS = 86_400_000;

export interface StatisticsFacts { okedSecondaryCount: number; sizeClassCode: string; recordedAt: Date }

/** The register is a snapshot: its window runs from the day the bureau recorded it to today. */
export const statisticsWindow = (facts: StatisticsFacts, now: Date): IndexWindow =>
  ({ from: Math.floor(Math.min(facts.recordedAt.getTime(), now.getTime()) / DAY_MS), to: Math.floor(now.getTime() / DAY_MS) });

/** Pure: features of one entity's statistical-register entry. */
export function statisticsFeatures(facts: StatisticsFacts): Features {
  const band = sizeBand(facts.sizeClassCode);
  return {
    MANY_SECONDARY_ACTIVITIES: Math.min(10, facts.okedSecondaryCount),
    MICRO_SIZE: band === 'MICRO' ? 1 : 0,
    MEDIUM_OR_LARGE_SIZE: band === 'MEDIUM' || band === 'LARGE' ? 1 : 0,
  };
}
