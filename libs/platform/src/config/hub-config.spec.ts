import { ConfigError, loadConfig } from './hub-config';

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
});
