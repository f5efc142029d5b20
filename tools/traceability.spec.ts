import path from 'node:path';
import { coveringRow, checkTraceability, extractCitations, parseTraceability } from './traceability';

const root = path.resolve(__dirname, '..');

describe('paragraph citations', () => {
  it.each<[string, string[]]>([
    ['why: NDIP §33.3 and nothing else', ['NDIP §33.3']],
    ['(BPR §24.10)', ['BPR §24.10']],
    ['BPR §14-17, §19', ['BPR §14', 'BPR §15', 'BPR §16', 'BPR §17', 'BPR §19']],
    ['BPR §14–§21', ['BPR §14', 'BPR §15', 'BPR §16', 'BPR §17', 'BPR §18', 'BPR §19', 'BPR §20', 'BPR §21']],
    ['NDIP §42, §48 and §51', ['NDIP §42', 'NDIP §48', 'NDIP §51']],
    ['BPR §2.1, §14', ['BPR §2.1', 'BPR §14']],
    ['NDIP §§ 55', ['NDIP §55']],
    ['the green corridor (NDIP Annex 1)', ['NDIP Annex 1']],
    ['§55 alone is not a citation; nor is SPEC §4', []],
    ['`NDIP §42`', ['NDIP §42']],
  ])('%s', (text, expected) => {
    expect(extractCitations(text).sort()).toEqual(expected.sort());
  });
});

describe('the table', () => {
  const md = [
    '| Paragraph | What | Status | Where | Proven by |', '|---|---|---|---|---|',
    '| BPR §24 | feeds | partly | x | `tools/traceability.spec.ts` |',
    '| BPR §24.8 | court | built | x | `tools/traceability.spec.ts` |',
    '| NDIP §26 | update | not built | | |',
    '| NDIP §27 | x | maybe | | |',
  ].join('\n');

  it('parses rows and refuses an unknown status', () => {
    const { rows, problems } = parseTraceability(md);
    expect(rows.map((r) => r.paragraph)).toEqual(['BPR §24', 'BPR §24.8', 'NDIP §26', 'NDIP §27']);
    expect(problems).toEqual([expect.stringContaining('NDIP §27 has status "maybe"')]);
  });

  it('a parent row covers a sub-item, the sub-item\'s own row wins', () => {
    const byKey = new Map(parseTraceability(md).rows.map((r) => [r.paragraph, r]));
    expect(coveringRow(byKey, 'BPR §24.1')?.paragraph).toBe('BPR §24');
    expect(coveringRow(byKey, 'BPR §24.8')?.paragraph).toBe('BPR §24.8');
    expect(coveringRow(byKey, 'BPR §9')).toBeUndefined();
  });
});

describe('docs/traceability.md against the whole source tree', () => {
  it('every paragraph cited in code has a row, every built row names an existing test, no "not built" row is cited', () => {
    // The scanner's own examples are not citations.
    expect(checkTraceability(root, undefined, (f) => /tools[\\/]traceability(\.spec)?\.ts$/.test(f))).toEqual([]);
  });
});
