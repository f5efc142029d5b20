import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '@hub/platform';
import { ScreeningConfig, ScreeningConfigError, configInForce, parseScreeningConfig } from './screening-config';

/** Where the versioned screening configs live, one `<version>.json` per version. */
export const screeningConfigDir = (): string => path.join(projectRoot(), 'libs/screening/config');

/** Every version in the folder, validated; two files with one version are refused. */
export function readScreeningConfigs(dir = screeningConfigDir()): ScreeningConfig[] {
  const configs = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => parseScreeningConfig(JSON.parse(readFileSync(path.join(dir, f), 'utf8')), f));
  const versions = new Set<string>();
  for (const c of configs) {
    if (versions.has(c.version)) throw new ScreeningConfigError(`screening ${c.version} is defined twice in ${dir}`);
    versions.add(c.version);
  }
  return configs;
}

/** The version in force now (or at `at`), read from the folder. */
export const loadScreeningConfig = (at: Date = new Date(), dir = screeningConfigDir()): ScreeningConfig => configInForce(readScreeningConfigs(dir), at);
