import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Paragraph citations in source text and the rows of docs/traceability.md. Citations look like
 * `NDIP §33.3`, `BPR §24.10`, `BPR §14-17`, `BPR §14–§21`, `NDIP §42, §48 and §51`, `NDIP Annex 1`.
 */
export type Citation = string;

const NUM = String.raw`\d+(?:\.\d+)*`;
const ITEM = String.raw`§?\s*${NUM}(?:\s*[-–]\s*§?\s*${NUM})?`;
const GROUP = new RegExp(String.raw`\b(NDIP|BPR)\s+§§?\s*(${NUM}(?:\s*[-–]\s*§?\s*${NUM})?(?:\s*(?:,|and|/)\s*§\s*${NUM}(?:\s*[-–]\s*§?\s*${NUM})?)*)`, 'g');
const ANNEX = /\b(NDIP|BPR)\s+Annex\s+(\d+)/g;
const ITEM_RE = new RegExp(ITEM, 'g');

function expand(item: string): string[] {
  const [from, to] = item.replace(/[§\s]/g, '').split(/[-–]/);
  if (to === undefined) return [from];
  const a = from.split('.');
  const b = to.split('.');
  // Same prefix, integer last part: every paragraph between; otherwise only the two ends.
  if (a.length === b.length && a.slice(0, -1).join('.') === b.slice(0, -1).join('.')) {
    const lo = Number(a.at(-1));
    const hi = Number(b.at(-1));
    if (hi >= lo && hi - lo <= 100) {
      const prefix = a.slice(0, -1);
      return Array.from({ length: hi - lo + 1 }, (_, i) => [...prefix, String(lo + i)].join('.'));
    }
  }
  return [from, to];
}

export function extractCitations(text: string): Citation[] {
  const out = new Set<Citation>();
  for (const m of text.matchAll(GROUP)) {
    for (const item of m[2].match(ITEM_RE) ?? []) for (const n of expand(item)) out.add(`${m[1]} §${n}`);
  }
  for (const m of text.matchAll(ANNEX)) out.add(`${m[1]} Annex ${m[2]}`);
  return [...out];
}

export type RowStatus = 'built' | 'partly' | 'pending' | 'context' | 'not built';
export interface TraceRow { paragraph: Citation; status: RowStatus; tests: string[]; line: number }

const ROW_KEY = /^(NDIP|BPR) (§\d+(?:\.\d+)*|Annex \d+)$/;
const STATUSES: readonly RowStatus[] = ['built', 'partly', 'pending', 'context', 'not built'];

export function parseTraceability(markdown: string): { rows: TraceRow[]; problems: string[] } {
  const rows: TraceRow[] = [];
  const problems: string[] = [];
  markdown.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line.startsWith('|')) return;
    const cells = line.replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    if (!ROW_KEY.test(cells[0])) return;
    const status = cells[2] as RowStatus;
    if (!STATUSES.includes(status)) problems.push(`line ${i + 1}: ${cells[0]} has status "${cells[2]}", expected one of ${STATUSES.join(', ')}`);
    const tests = [...(cells[4] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    if (rows.some((r) => r.paragraph === cells[0])) problems.push(`line ${i + 1}: ${cells[0]} has two rows`);
    rows.push({ paragraph: cells[0], status, tests, line: i + 1 });
  });
  return { rows, problems };
}

/** The row that covers a citation: its own, else the nearest parent paragraph's (§24 covers §24.8). */
export function coveringRow(rows: ReadonlyMap<Citation, TraceRow>, citation: Citation): TraceRow | undefined {
  let key = citation;
  for (;;) {
    const row = rows.get(key);
    if (row) return row;
    const parent = key.replace(/\.\d+$/, '');
    if (parent === key) return undefined;
    key = parent;
  }
}

const SCAN_DIRS = ['libs', 'apps', 'tools', 'bench', 'test', 'schemas'];
const SCAN_EXT = /\.(ts|sql|avsc)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.local-stack', 'coverage']);

export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      if (SKIP_DIRS.has(name)) continue;
      const p = path.join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (SCAN_EXT.test(name)) out.push(p);
    }
  };
  for (const d of SCAN_DIRS) walk(path.join(root, d));
  return out;
}

/** Every problem between the source's citations and the table; empty when they agree. */
export function checkTraceability(root: string, tableFile = path.join(root, 'docs', 'traceability.md'), ignore: (file: string) => boolean = () => false): string[] {
  const { rows, problems } = parseTraceability(readFileSync(tableFile, 'utf8'));
  const byKey = new Map(rows.map((r) => [r.paragraph, r]));
  for (const r of rows) {
    if ((r.status === 'built' || r.status === 'partly') && r.tests.length === 0) problems.push(`${r.paragraph} is ${r.status} but names no test (line ${r.line})`);
    for (const t of r.tests) if (!existsSync(path.join(root, t))) problems.push(`${r.paragraph} names ${t}, which does not exist (line ${r.line})`);
  }
  for (const file of sourceFiles(root)) {
    if (ignore(file)) continue;
    const rel = path.relative(root, file);
    for (const c of extractCitations(readFileSync(file, 'utf8'))) {
      const row = coveringRow(byKey, c);
      if (!row) problems.push(`${rel} cites ${c}, which has no row in docs/traceability.md`);
      else if (row.status === 'not built') problems.push(`${rel} cites ${c}, marked "not built" in docs/traceability.md (line ${row.line}): update the row`);
    }
  }
  return problems;
}
