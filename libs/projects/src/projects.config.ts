import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '@hub/platform';
import { CalendarYear, WorkingCalendar } from './core/calendar';
import { Economy, EconomyConfig } from './core/classification';
import { LifecycleDeps } from './core/lifecycle';

/** Every `config/calendar/kz-YYYY.json`: the working-day calendar is data, one file per year. */
export function loadCalendarYears(dir = path.join(projectRoot(), 'config', 'calendar')): CalendarYear[] {
  return readdirSync(dir)
    .filter((f) => /^kz-\d{4}\.json$/.test(f))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as CalendarYear);
}

export function loadEconomy(file = path.join(projectRoot(), 'config', 'projects', 'economy.json')): EconomyConfig {
  return JSON.parse(readFileSync(file, 'utf8')) as EconomyConfig;
}

export function loadLifecycleDeps(): LifecycleDeps {
  return { calendar: new WorkingCalendar(loadCalendarYears()), economy: new Economy(loadEconomy()) };
}
