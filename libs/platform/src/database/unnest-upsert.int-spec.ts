import { loadConfig } from '../config/hub-config';
import { Database } from './database';
import { Column, columnLiterals, unnestParams } from './unnest-upsert';

const COLUMNS: readonly Column[] = [['t', 'text'], ['n', 'bigint'], ['f', 'float8'], ['b', 'bool'], ['ts', 'timestamptz'], ['j', 'jsonb']];

/** Whatever a feed can carry must come back from PostgreSQL exactly as it went in. */
describe('columnLiterals against PostgreSQL', () => {
  const database = new Database(loadConfig().DATABASE_URL, 1);
  afterAll(() => database.close());

  it('round-trips quotes, backslashes, braces, commas, spaces, NULL-looking text, empties and unicode', async () => {
    const texts = ['plain', 'with "quotes"', 'back\\slash', '{braces}', 'a,b', '  padded  ', 'NULL', '', 'Қазақстан «ЖШС»', 'end\\', '"', null];
    const rows = texts.map((t, i) => [t, i === 3 ? null : BigInt(2) ** BigInt(40) + BigInt(i), i / 3, i % 2 === 0, new Date(Date.UTC(2026, 10, i + 1, 12)), { k: t, list: [i, 'x"y'] }]);
    const back = await database.query<{ t: string | null; n: string | null; f: number; b: boolean; ts: Date; j: unknown }>(
      `SELECT * FROM unnest(${unnestParams(COLUMNS)}) AS u(t, n, f, b, ts, j)`, columnLiterals(rows, COLUMNS.length));
    expect(back.map((r) => r.t)).toEqual(texts);
    expect(back.map((r) => r.n)).toEqual(rows.map((r) => (r[1] === null ? null : (r[1] as bigint).toString())));
    expect(back.map((r) => r.f)).toEqual(rows.map((r) => r[2]));
    expect(back.map((r) => r.b)).toEqual(rows.map((r) => r[3]));
    expect(back.map((r) => r.ts.getTime())).toEqual(rows.map((r) => (r[4] as Date).getTime()));
    expect(back.map((r) => r.j)).toEqual(rows.map((r) => r[5]));
  });

  it('refuses a nested array rather than store it wrongly', () => {
    expect(() => columnLiterals([[['a']]], 1)).toThrow(/array/);
  });
});
