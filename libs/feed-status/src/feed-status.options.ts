import type { HubConfig } from '@hub/platform';
import { FEED_SOURCES, FeedSource } from './freshness.rules';

export const FEED_STATUS_OPTIONS = Symbol('FEED_STATUS_OPTIONS');

export interface FeedStatusOptions {
  /** How long an interval-cadence source may stay silent before it is late. */
  expectedIntervalMs: Record<Exclude<FeedSource, 'utility'>, number>;
  /** How often the broker's end offsets are polled for new records; 0 disables polling. */
  activityPollMs: number;
}

const HOUR = 3_600_000;

/** FEED_EXPECTED_INTERVAL_HOURS="tax=24,court=48" overrides per source; FEED_ACTIVITY_POLL_MS the polling period. */
export function feedStatusOptions(config: Pick<HubConfig, 'FEED_EXPECTED_INTERVAL_HOURS' | 'FEED_ACTIVITY_POLL_MS'>): FeedStatusOptions {
  const expectedIntervalMs = { justice: 24 * HOUR, tax: 24 * HOUR, statistics: 7 * 24 * HOUR, court: 24 * HOUR };
  for (const pair of config.FEED_EXPECTED_INTERVAL_HOURS.split(',').filter(Boolean)) {
    const [name, hours] = pair.split('=').map((s) => s.trim());
    if (!FEED_SOURCES.includes(name as FeedSource) || name === 'utility' || !(Number(hours) > 0)) {
      throw new Error(`FEED_EXPECTED_INTERVAL_HOURS: "${pair}" is not <justice|tax|statistics|court>=<hours>`);
    }
    expectedIntervalMs[name as keyof typeof expectedIntervalMs] = Number(hours) * HOUR;
  }
  return { expectedIntervalMs, activityPollMs: config.FEED_ACTIVITY_POLL_MS };
}

/**
 * What the utility module can tell about the months it holds. Bound to UTILITY_PERIODS when the
 * utility lib provides it; until then the period is inferred from when records last arrived.
 */
export interface UtilityPeriods {
  /** Latest reporting month stored, "YYYY-MM", or null. */
  latestPeriod(): Promise<string | null>;
}
export const UTILITY_PERIODS = Symbol('UTILITY_PERIODS');
