import { Database } from '@hub/platform';

/**
 * The next `limit` distinct ids after `after`, in index order, from a table with many rows per id
 * (a loose index scan: one index probe per id instead of reading every row). `table` and `column`
 * are code constants, never input.
 */
export async function distinctIdsAfter(database: Database, table: string, column: string, after: string | null, limit: number): Promise<string[]> {
  const rows = await database.query<{ id: string }>(
    `WITH RECURSIVE ids AS (
       (SELECT ${column} AS id FROM ${table} WHERE ${column} > $1::bpchar ORDER BY ${column} LIMIT 1)
       UNION ALL
       SELECT (SELECT ${column} FROM ${table} WHERE ${column} > ids.id ORDER BY ${column} LIMIT 1) FROM ids WHERE ids.id IS NOT NULL
     ) SELECT id FROM ids WHERE id IS NOT NULL LIMIT $2`, [after ?? '', limit]);
  return rows.map((r) => r.id);
}
