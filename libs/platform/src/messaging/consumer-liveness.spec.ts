import { ConsumerObservations, consumerVerdict } from './consumer-liveness';

const T = { maxLag: 1000, stallMs: 60_000, joinGraceMs: 30_000 };
const NOW = 1_000_000_000;
const alive: ConsumerObservations = {
  started: true, stopped: false, startedAt: NOW - 600_000, member: true, memberSince: NOW - 500_000, memberId: 'm-1',
  assignedPartitions: 6, lastBatchAt: NOW - 1000, pausedPartitions: [],
};

describe('consumerVerdict', () => {
  it('a member that finished a batch recently is up', () => {
    expect(consumerVerdict(alive, 10, NOW, T)).toMatchObject({ status: 'up', reasons: [], groupMember: true, lag: 10, lagOverThreshold: false });
  });

  it('a large lag alone is not death while batches keep finishing (a bulk load)', () => {
    expect(consumerVerdict(alive, 50_000, NOW, T)).toMatchObject({ status: 'up', lagOverThreshold: true });
  });

  it('a large lag with no batch for longer than the stall window is down', () => {
    const v = consumerVerdict({ ...alive, lastBatchAt: NOW - 120_000 }, 50_000, NOW, T);
    expect(v.status).toBe('down');
    expect(v.reasons[0]).toMatch(/lag 50000 over 1000 with no batch for 120 s/);
  });

  it('an idle consumer with nothing to do is up however long ago its last batch was', () => {
    expect(consumerVerdict({ ...alive, lastBatchAt: NOW - 86_400_000 }, 0, NOW, T).status).toBe('up');
  });

  it('a stopped consumer is down', () => {
    expect(consumerVerdict({ ...alive, stopped: true, member: false }, 0, NOW, T)).toMatchObject({ status: 'down', reasons: ['consumer stopped'] });
  });

  it('a crash without restart is down; a restart is given the join grace', () => {
    expect(consumerVerdict({ ...alive, member: false, crash: { at: NOW - 1000, error: 'boom', restart: false } }, 0, NOW, T).reasons)
      .toEqual(['consumer crashed and will not restart: boom']);
    expect(consumerVerdict({ ...alive, member: false, crash: { at: NOW - 1000, error: 'boom', restart: true } }, 0, NOW, T).status).toBe('up');
    expect(consumerVerdict({ ...alive, member: false, crash: { at: NOW - 40_000, error: 'boom', restart: true } }, 0, NOW, T).reasons)
      .toEqual(['not a member of its consumer group for 40 s']);
  });

  it('a deployable with no feed topics is idle, not dead', () => {
    expect(consumerVerdict({ ...alive, started: false }, null, NOW, T).status).toBe('idle');
  });

  it('unknown lag (Kafka not answering) decides nothing by itself', () => {
    expect(consumerVerdict({ ...alive, lastBatchAt: NOW - 600_000 }, null, NOW, T).status).toBe('up');
  });
});
