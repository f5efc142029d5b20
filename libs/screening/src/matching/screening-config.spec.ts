import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readScreeningConfigs } from './config-files';
import { FEATURE_NAMES, ScreeningConfigError, configInForce, parseScreeningConfig } from './screening-config';

describe('screening config files', () => {
  const shipped = readScreeningConfigs();

  it('ships a valid version with a weight for every feature and the yente threshold', () => {
    const c = configInForce(shipped, new Date('2026-12-01T00:00:00Z'));
    expect(c.version).toBe('2026.1');
    expect(c.threshold).toBe(0.7);
    expect(Object.keys(c.weights).sort()).toEqual([...FEATURE_NAMES].sort());
  });

  it('picks the newest version in force at a time, refuses none in force, duplicates and bad files', () => {
    const v2 = { ...shipped[0], version: '2026.2', effectiveFrom: '2027-01-01T00:00:00Z', threshold: 0.75 };
    expect(configInForce([...shipped, v2], new Date('2026-06-01T00:00:00Z')).version).toBe('2026.1');
    expect(configInForce([...shipped, v2], new Date('2027-06-01T00:00:00Z')).version).toBe('2026.2');
    expect(() => configInForce(shipped, new Date('2025-01-01T00:00:00Z'))).toThrow(ScreeningConfigError);
    const dir = mkdtempSync(path.join(tmpdir(), 'screening-config-'));
    writeFileSync(path.join(dir, 'a.json'), JSON.stringify(shipped[0]));
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify(shipped[0]));
    expect(() => readScreeningConfigs(dir)).toThrow(/defined twice/);
    expect(() => parseScreeningConfig({ ...shipped[0], threshold: 1.5 }, 'x.json')).toThrow(/threshold/);
    expect(() => parseScreeningConfig({ ...shipped[0], weights: { ...shipped[0].weights, dob_match: undefined } }, 'x.json')).toThrow(/dob_match/);
  });
});
