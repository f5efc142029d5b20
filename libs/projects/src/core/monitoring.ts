// Pure: the monitoring dashboard (NDIP §55) and the region ranking (NDIP §56). Date arithmetic only.
// The SQL in projects.repository.ts implements the same rules set-based; projects.repository.int-spec.ts
// checks the two agree.
import { IsoDate, daysBetween } from './calendar';

export type TaskColor = 'RED' | 'YELLOW' | 'GREEN';

/**
 * NDIP §55: overdue -> red; "deadline of less than 10 days" -> yellow; "due in more than 10 days"
 * -> green. Readings: a task is overdue from the day after its due date (the due day itself is
 * still in time, days left 0 -> yellow); exactly 10 days left, which the text leaves out, is green
 * ("green otherwise" in the issue). A completed task has no color: it is no longer tracked.
 */
export function taskColor(dueOn: IsoDate, completedOn: IsoDate | null, today: IsoDate): TaskColor | null {
  if (completedOn !== null) return null;
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'RED';
  if (left < YELLOW_DAYS) return 'YELLOW';
  return 'GREEN';
}
export const YELLOW_DAYS = 10;

/** Days of delinquency: for an open task, days past due today; for a completed one, days late at completion. */
export function delinquencyDays(dueOn: IsoDate, completedOn: IsoDate | null, today: IsoDate): number {
  return Math.max(0, daysBetween(dueOn, completedOn ?? today));
}

/**
 * NDIP §56: "from 1 to 5 days" 0.5, "from 5 to 15 days" 1, "more than 15 days" 1.5. The bands
 * share 5; reading: 5 days is in the first band (both ends of "from 1 to 5" inclusive, so the
 * second band is 6..15), 15 days is in the second, 16 and more in the third. 0 days: no points.
 */
export function delinquencyPoints(days: number): number {
  if (days <= 0) return 0;
  if (days <= 5) return 0.5;
  if (days <= 15) return 1;
  return 1.5;
}

export interface RegionTasks { regionKato: string; projects: number; points: number }

export interface RegionRank extends RegionTasks { rank: number; paragraph: 'NDIP §56' }

/**
 * NDIP §56: fewer delinquency points rank higher; "if the number of points is equal, priority is
 * given to the region with the largest number of projects". Equal points and projects: by KATO, so
 * the order is stable (the text does not say; such regions still get distinct ranks).
 */
export function rankRegions(regions: readonly RegionTasks[]): RegionRank[] {
  return [...regions]
    .sort((a, b) => a.points - b.points || b.projects - a.projects || a.regionKato.localeCompare(b.regionKato))
    .map((r, i) => ({ ...r, rank: i + 1, paragraph: 'NDIP §56' }));
}
