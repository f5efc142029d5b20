import { observeOffsets, settledAtSameEnds, watermarkAge } from './lane-watermarks.rules';

const P0 = 'facts/0';
const P1 = 'facts/1';

describe('a lane\'s age from the broker\'s offsets (lane-watermarks.rules)', () => {
  it('dates the oldest uncommitted record by the first end offset seen above the committed one', () => {
    let s = observeOffsets(new Map(), [{ key: P0, high: 10, committed: 10 }], 1000);
    expect(watermarkAge(s, 1500)).toBe(0); // committed to its end
    s = observeOffsets(s, [{ key: P0, high: 40, committed: 10 }], 1100); // records 10..39 existed at 1100
    s = observeOffsets(s, [{ key: P0, high: 90, committed: 10 }], 1200);
    expect(watermarkAge(s, 2000)).toBe(900);
    // The lane takes in up to 40: its oldest record not taken in (40) first existed at 1200.
    s = observeOffsets(s, [{ key: P0, high: 90, committed: 40 }], 1300);
    expect(watermarkAge(s, 2000)).toBe(800);
    s = observeOffsets(s, [{ key: P0, high: 90, committed: 90 }], 1400);
    expect(watermarkAge(s, 2000)).toBe(0);
  });

  it('counts records the lane has not fetched yet, which its own batches cannot see', () => {
    // The lane last committed at 50 and has nothing in flight; the perimeters published 50 more.
    const s = observeOffsets(new Map(), [{ key: P0, high: 100, committed: 50 }], 5000);
    expect(watermarkAge(s, 6200)).toBe(1200);
  });

  it('is the oldest over the partitions', () => {
    let s = observeOffsets(new Map(), [{ key: P0, high: 5, committed: 0 }, { key: P1, high: 0, committed: 0 }], 100);
    s = observeOffsets(s, [{ key: P0, high: 5, committed: 0 }, { key: P1, high: 3, committed: 0 }], 400);
    expect(watermarkAge(s, 1000)).toBe(900);
    s = observeOffsets(s, [{ key: P0, high: 5, committed: 5 }, { key: P1, high: 3, committed: 0 }], 500);
    expect(watermarkAge(s, 1000)).toBe(600);
  });

  it('does not date records by a later poll: an unchanged end offset keeps its first sighting', () => {
    let s = observeOffsets(new Map(), [{ key: P0, high: 7, committed: 2 }], 100);
    for (const t of [200, 300, 400]) s = observeOffsets(s, [{ key: P0, high: 7, committed: 2 }], t);
    expect(s.get(P0)).toEqual([{ high: 7, seenAt: 100 }]);
  });

  it('starts a partition over when its end offset goes back (topic recreated), and forgets one no longer polled', () => {
    let s = observeOffsets(new Map(), [{ key: P0, high: 70, committed: 0 }, { key: P1, high: 4, committed: 0 }], 100);
    s = observeOffsets(s, [{ key: P0, high: 3, committed: 0 }], 900);
    expect(s.get(P0)).toEqual([{ high: 3, seenAt: 900 }]);
    expect(s.has(P1)).toBe(false);
    expect(watermarkAge(s, 1000)).toBe(100);
  });

  it('takes a poll as still true only while every partition was committed to its end and no end offset moved', () => {
    const last = [{ key: P0, high: 10, committed: 10 }, { key: P1, high: 4, committed: 4 }];
    expect(settledAtSameEnds(last, new Map([[P0, 10], [P1, 4]]))).toBe(last);
    expect(settledAtSameEnds(last, new Map([[P0, 11], [P1, 4]]))).toBeUndefined(); // a record arrived
    expect(settledAtSameEnds(last, new Map([[P0, 10]]))).toBeUndefined(); // partitions changed
    expect(settledAtSameEnds(last, new Map([[P0, 10], [P1, 4], ['facts/2', 0]]))).toBeUndefined();
    expect(settledAtSameEnds([{ key: P0, high: 10, committed: 7 }], new Map([[P0, 10]]))).toBeUndefined(); // records waiting
    expect(settledAtSameEnds(undefined, new Map([[P0, 10]]))).toBeUndefined();
  });
});
