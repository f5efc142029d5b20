import { byteSlices } from './byte-slices';

describe('byteSlices: each produce request stays under the broker\'s size limit', () => {
  it.each([
    ['nothing to send, no request', [], 10, []],
    ['all fit in one request', [3, 3, 4], 10, [[0, 3]]],
    ['a slice closes before the item that would pass the limit', [4, 4, 4, 4], 10, [[0, 2], [2, 4]]],
    ['exactly at the limit still fits', [5, 5, 5], 10, [[0, 2], [2, 3]]],
    ['an item over the limit goes alone, never dropped', [2, 30, 2], 10, [[0, 1], [1, 2], [2, 3]]],
  ] as const)('%s', (_what, sizes, max, expected) => {
    const slices = byteSlices(sizes, max);
    expect(slices).toEqual(expected);
    // every item is sent once, in order
    expect(slices.flatMap(([from, to]) => Array.from({ length: to - from }, (_, k) => from + k))).toEqual(sizes.map((_, i) => i));
  });
});
