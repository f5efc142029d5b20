import { publishable } from './publish-order';

const ev = (projectId: string, version: number) => ({ projectId, version });

describe('publishable: a project\'s status events leave in version order with no gap', () => {
  it.each([
    ['a new project from version 1, in version order whatever the seq order', [ev('P', 2), ev('P', 1), ev('P', 3)], [], [ev('P', 1), ev('P', 2), ev('P', 3)]],
    ['nothing past a gap: version 2 not yet visible holds back 3 and 4', [ev('P', 1), ev('P', 3), ev('P', 4)], [], [ev('P', 1)]],
    ['a project whose first events left continues after them', [ev('P', 6), ev('P', 7)], [['P', 5]], [ev('P', 6), ev('P', 7)]],
    ['a later version seen before the next one waits', [ev('P', 7)], [['P', 5]], []],
    ['projects are independent', [ev('A', 2), ev('B', 1), ev('A', 1)], [], [ev('A', 1), ev('A', 2), ev('B', 1)]],
  ] as const)('%s', (_what, unpublished, upTo, expected) => {
    const out = publishable(unpublished, new Map(upTo as ReadonlyArray<[string, number]>));
    expect([...out].sort((a, b) => a.projectId.localeCompare(b.projectId) || a.version - b.version)).toEqual(expected);
    // each project's events keep version order in the output itself
    for (const p of new Set(out.map((e) => e.projectId))) {
      const versions = out.filter((e) => e.projectId === p).map((e) => e.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    }
  });
});
