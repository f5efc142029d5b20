import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { roleUrl } from '../database/database-pools';
import { ConfigError, freshnessPolicy, loadConfig } from './hub-config';

describe('loadConfig', () => {
  it('gives a working local default for every variable', () => {
    const config = loadConfig({});
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/test');
    expect(config.PROVISION_ON_START).toBe(true);
  });

  it('splits a broker list for a cluster', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'k1:9092, k2:9092,k3:9092' }).KAFKA_BROKERS).toEqual(['k1:9092', 'k2:9092', 'k3:9092']);
  });

  it('names each bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ HTTP_PORT: 'eighty', KAFKA_BROKERS: 'nohostport', KAFKA_SSL: 'yes' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/HTTP_PORT/);
    expect(message).toMatch(/KAFKA_BROKERS/);
    expect(message).toMatch(/KAFKA_SSL/);
  });

  it('requires SASL credentials with a SASL mechanism and sane ISR settings', () => {
    expect(() => loadConfig({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/KAFKA_SASL_USERNAME/);
    expect(() => loadConfig({ KAFKA_MIN_INSYNC_REPLICAS: '2' })).toThrow(/KAFKA_MIN_INSYNC_REPLICAS/);
  });

  it('reads role passwords from variables, secret files and a secrets directory, a variable winning', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secrets-'));
    writeFileSync(path.join(dir, 'hub_court'), 'court-from-dir\n');
    writeFileSync(path.join(dir, 'hub_tax'), 'tax-from-dir');
    const file = path.join(dir, 'owner-secret');
    writeFileSync(file, 'owner from file\n');
    const config = loadConfig({ DATABASE_SECRETS_DIR: dir, HUB_OWNER_PASSWORD_FILE: file, HUB_TAX_PASSWORD: 'tax-var', DATABASE_URL: 'postgres://ignored@pg:5432/hub?sslmode=require' });
    expect(config.DATABASE_PASSWORDS).toEqual({ hub_court: 'court-from-dir', hub_tax: 'tax-var', hub_owner: 'owner from file' });
    expect(roleUrl(config, 'hub_owner')).toBe('postgres://hub_owner:owner%20from%20file@pg:5432/hub?sslmode=require');
    expect(roleUrl(config, 'hub_scoring')).toBe('postgres://hub_scoring@pg:5432/hub?sslmode=require');
  });

  it('sizes each module pool for the feed batches in flight plus an outbox drain', () => {
    expect(loadConfig({}).DATABASE_POOL_SIZE).toBe(5);
    expect(loadConfig({ KAFKA_PARTITIONS_CONCURRENTLY: '6' }).DATABASE_POOL_SIZE).toBe(8);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '3' })).toThrow(/DATABASE_POOL_SIZE: must be at least KAFKA_PARTITIONS_CONCURRENTLY \+ 2/);
  });

  it('backs the feeds off for a lane older than 1 s by default, resuming under a lower threshold; 0 turns it off', () => {
    expect(freshnessPolicy(loadConfig({}))).toEqual({ pauseAboveMs: 1000, resumeBelowMs: 300, maxPauseMs: 30_000, minRunMs: 2000 });
    expect(() => loadConfig({ FRESHNESS_PAUSE_ABOVE_MS: '500', FRESHNESS_RESUME_BELOW_MS: '500' })).toThrow(/FRESHNESS_RESUME_BELOW_MS: must be below FRESHNESS_PAUSE_ABOVE_MS/);
    expect(freshnessPolicy(loadConfig({ FRESHNESS_PAUSE_ABOVE_MS: '0' })).pauseAboveMs).toBe(0);
    expect(() => loadConfig({ FRESHNESS_MAX_PAUSE_MS: '10' })).toThrow(/FRESHNESS_MAX_PAUSE_MS/);
  });

  it('names an unreadable secret file', () => {
    expect(() => loadConfig({ HUB_TAX_PASSWORD_FILE: '/nonexistent/hub_tax' })).toThrow(/HUB_TAX_PASSWORD_FILE: cannot read \/nonexistent\/hub_tax \(ENOENT\)/);
  });
});
