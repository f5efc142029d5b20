import { Queryable } from '@hub/platform';

export type Column = readonly [name: string, pgType: string];

/**
 * One statement per batch: column arrays unnested into rows. A stored row changes only when the
 * incoming event is strictly newer, so redelivery and out-of-order arrival are both no-ops. Rows in
 * one call must be unique on the conflict key (callers dedupe by event time first).
 */
export function unnestUpsert(table: string, columns: readonly Column[], conflictKey: readonly string[]): string {
  const names = columns.map(([n]) => n);
  const updates = names.filter((n) => !conflictKey.includes(n)).map((n) => `${n} = excluded.${n}`);
  return `
    INSERT INTO ${table} (${names.join(', ')})
    SELECT * FROM unnest(${columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')})
    ON CONFLICT (${conflictKey.join(', ')}) DO UPDATE SET
      ${updates.join(',\n      ')},
      updated_at = now()
    WHERE ${table}.event_time < excluded.event_time`;
}

/** Runs an unnestUpsert for rows given as arrays in column order; returns rows inserted or changed. */
export async function runUpsert(db: Queryable, sql: string, columnCount: number, rows: readonly unknown[][]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns: unknown[][] = Array.from({ length: columnCount }, () => []);
  for (const row of rows) row.forEach((v, i) => columns[i].push(v));
  const result = await db.query(sql, columns);
  return result.rowCount ?? 0;
}
