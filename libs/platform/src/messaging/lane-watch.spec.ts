import type { Admin } from 'kafkajs';
import type { Logger } from '../observability/logger';
import { LaneWatch } from './lane-watch';

const TOPIC = 'facts';

/** An admin answering from `ends` and `committed` (per partition), counting the reads of each. */
function fakeAdmin(ends: number[], committed: number[]) {
  const calls = { ends: 0, groups: 0 };
  const admin = {
    fetchTopicOffsets: async () => { calls.ends += 1; return ends.map((high, partition) => ({ partition, offset: String(high), high: String(high), low: '0' })); },
    fetchOffsets: async () => { calls.groups += 1; return [{ topic: TOPIC, partitions: committed.map((offset, partition) => ({ partition, offset: String(offset), metadata: null })) }]; },
  };
  return { admin: admin as unknown as Admin, calls };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('LaneWatch', () => {
  let now = 1_000_000;
  const clock = () => now;
  const log = { warn: jest.fn() } as unknown as Logger;
  const watch = (admin: Admin) => new LaneWatch(async () => admin, 'register', 'hub.projections', TOPIC, log, clock);
  const pollAt = async (w: LaneWatch, at: number) => { now = at; w.poll(); await settle(); await settle(); };

  it('reads only the end offsets of a lane settled at its ends, and the group\'s offsets again once a second', async () => {
    const { admin, calls } = fakeAdmin([10, 4], [10, 4]);
    const w = watch(admin);
    await pollAt(w, 1_000_000);
    expect(calls).toEqual({ ends: 1, groups: 1 });
    for (let t = 1_000_100; t < 1_001_000; t += 100) await pollAt(w, t);
    expect(calls).toEqual({ ends: 10, groups: 1 });
    await pollAt(w, 1_001_000);
    expect(calls).toEqual({ ends: 11, groups: 2 });
    expect(w.ageMs(1_002_000)).toBe(0);
  });

  it('reads the group\'s offsets in the poll that sees a new end offset, and dates the records by that poll', async () => {
    const ends = [10, 4];
    const { admin, calls } = fakeAdmin(ends, [10, 4]);
    const w = watch(admin);
    await pollAt(w, 2_000_000);
    await pollAt(w, 2_000_100);
    expect(calls.groups).toBe(1);
    ends[0] = 15; // five facts the lane has not taken in
    await pollAt(w, 2_000_200);
    expect(calls.groups).toBe(2);
    expect(w.ageMs(2_001_500)).toBe(1300);
  });

  it('reads both every poll while records wait, and sees a group set back by hand within a second', async () => {
    const committed = [10];
    const { admin, calls } = fakeAdmin([10], committed);
    const w = watch(admin);
    await pollAt(w, 3_000_000);
    committed[0] = 2; // an operator resets the lane group to take records in again
    for (let t = 3_000_100; t < 3_001_000; t += 100) await pollAt(w, t);
    expect(w.ageMs(3_000_950)).toBe(0); // not read yet: settled at the same ends
    await pollAt(w, 3_001_000);
    expect(w.ageMs(3_001_500)).toBe(500);
    const before = calls.groups;
    await pollAt(w, 3_001_100);
    await pollAt(w, 3_001_200);
    expect(calls.groups).toBe(before + 2); // records wait: the group's offsets are read every poll
  });
});
