import { Bag, Snapshot, compareBags, compareSnapshots, withoutColumns } from './snapshot';

const bag = (...rows: string[]): Bag => {
  const b: Bag = new Map();
  for (const r of rows) b.set(r, (b.get(r) ?? 0) + 1);
  return b;
};
const snapshot = (rows: string[], indexes: [string, string][], deadLetters: string[]): Snapshot => ({
  tables: new Map([['src_tax.facts', bag(...rows)]]), indexes: new Map(indexes), indexMessages: indexes.length, deadLetters: bag(...deadLetters),
});

describe('fault suite comparison', () => {
  it('counts a row the fault run lacks as lost and a second copy as a duplicated effect', () => {
    expect(compareBags('t', bag('a', 'b', 'c'), bag('a', 'c', 'c'))).toMatchObject({ lost: 1, duplicated: 1 });
  });

  it('finds nothing between identical runs', () => {
    const s = snapshot(['a', 'b'], [['TAX|1|K', 'v']], ['CODE|topic|k|h']);
    expect(compareSnapshots(s, snapshot(['a', 'b'], [['TAX|1|K', 'v']], ['CODE|topic|k|h']))).toMatchObject({
      rowsLost: 0, rowsExtra: 0, indexesLost: 0, indexesDiffer: 0, indexesExtra: 0, deadLettersLost: 0, deadLettersExtra: 0, examples: [],
    });
  });

  it('tells a missing index, a different final index and an extra one apart, and a dead letter twice', () => {
    const clean = snapshot(['a'], [['TAX|1|K', 'v'], ['TAX|2|K', 'v']], ['CODE|topic|k|h']);
    const fault = snapshot(['a'], [['TAX|2|K', 'w'], ['TAX|3|K', 'v']], ['CODE|topic|k|h', 'CODE|topic|k|h']);
    expect(compareSnapshots(clean, fault)).toMatchObject({ indexesLost: 1, indexesDiffer: 1, indexesExtra: 1, deadLettersLost: 0, deadLettersExtra: 1 });
  });
});

describe('withoutColumns', () => {
  it('makes rows that differ only in a left-out column equal, on both sides', () => {
    const clean = snapshot(['{"id": "1", "source_offset": 0}'], [], []);
    const fault = snapshot(['{"id": "1", "source_offset": 7}'], [], []);
    expect(compareSnapshots(clean, fault).rowsLost).toBe(1);
    expect(compareSnapshots(withoutColumns(clean, ['source_offset']), withoutColumns(fault, ['source_offset']))).toMatchObject({ rowsLost: 0, rowsExtra: 0 });
  });
});
