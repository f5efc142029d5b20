import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { AlgorithmRegistry } from '@hub/algorithms';
import { BprRiskKind, BprSource, PreliminaryIndexer, algorithmsInForce, sampleExport } from '@hub/perimeter';
import type { SampleDraw, SampleListRepository } from '@hub/source-tax';

/** One source's perimeter as the export needs it: its indexer and the algorithms it applies. */
export interface SampleSource { indexer: PreliminaryIndexer; registry: AlgorithmRegistry }

export interface ExportSampleOptions {
  list: SampleListRepository;
  sources: readonly SampleSource[];
  draw: SampleDraw;
  outDir: string;
  now: Date;
  /** Hidden outcomes as `feeds:generate --outcomes` writes them: one `{id, kind, outcomes, risk}` per line. */
  outcomesFile?: string;
  batchSize?: number;
}

export interface SampleManifest {
  name: string;
  drawnAt: string;
  computedAt: string;
  size: number;
  rows: Record<string, number>;
  outcomes: number | null;
  algorithms: Partial<Record<BprSource, Partial<Record<BprRiskKind, string>>>>;
  mapping: string;
}

export interface SampleOutcome { pseudoEnterprise: boolean; bankrupt: boolean; paymentDefault: boolean }

const fileOf = (source: BprSource): string => `${source.toLowerCase()}.jsonl`;

/**
 * Draws a sample on the tax side, lets every source export its rows for it, and writes them with a
 * manifest into an empty `outDir`. The directory is what goes to the NCE: it holds sample ids only;
 * the subject -> sample id mapping stays in src_tax.sample_subjects. The seed is not written either:
 * with it, anyone holding the public BIN list could redo the seeded draw and learn who is sampled.
 */
export async function exportSample(options: ExportSampleOptions): Promise<SampleManifest> {
  await mkdir(options.outDir, { recursive: true });
  // A fresh directory: a file left from an earlier sample would mix two samples' ids.
  if ((await readdir(options.outDir)).length > 0) throw new Error(`${options.outDir} is not empty`);
  const sample = await options.list.draw(options.draw);
  const rows: Record<string, number> = {};
  const algorithms: SampleManifest['algorithms'] = {};
  for (const { indexer, registry } of options.sources) {
    algorithms[indexer.source] = algorithmsInForce(registry, indexer, options.now);
    const file = await open(path.join(options.outDir, fileOf(indexer.source)), 'wx');
    let count = 0;
    try {
      for await (const batch of sampleExport(indexer, registry, sample.members, options.now, options.batchSize)) {
        if (batch.length > 0) await file.write(batch.map((r) => `${JSON.stringify(r)}\n`).join(''));
        count += batch.length;
      }
    } finally {
      await file.close();
    }
    rows[indexer.source.toLowerCase()] = count;
  }
  let outcomes: number | null = null;
  if (options.outcomesFile) {
    const sampled = new Set(sample.members.map((m) => m.subjectId));
    const rekeyed = await options.list.rekey(sample.name, await readOutcomes(options.outcomesFile, sampled));
    await writeFile(path.join(options.outDir, 'outcomes.jsonl'), rekeyed.map((o) => `${JSON.stringify({ sampleId: o.sampleId, ...o.value })}\n`).join(''), { flag: 'wx' });
    outcomes = rekeyed.length;
  }
  const manifest: SampleManifest = {
    name: sample.name, drawnAt: sample.drawnAt.toISOString(), computedAt: options.now.toISOString(), size: sample.members.length, rows, outcomes, algorithms,
    mapping: 'Rows are keyed by random sample ids. The mapping to taxpayers stays with the tax authority (src_tax.sample_subjects) and is not in this directory.',
  };
  await writeFile(path.join(options.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  return manifest;
}

/**
 * The sampled subjects' outcomes from an outcomes file, streamed (a population's file may hold
 * millions of lines). Only the three observed outcomes are kept: the hidden risk propensities are
 * the generator's truth, which no state body could provide.
 */
export async function readOutcomes(file: string, sampled: ReadonlySet<string>): Promise<Map<string, SampleOutcome>> {
  const out = new Map<string, SampleOutcome>();
  let lineNo = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    lineNo++;
    if (line.trim() === '') continue;
    const parsed = JSON.parse(line) as { id?: unknown; outcomes?: Partial<Record<keyof SampleOutcome, unknown>> };
    const o = parsed.outcomes;
    if (typeof parsed.id !== 'string' || !o || typeof o.pseudoEnterprise !== 'boolean' || typeof o.bankrupt !== 'boolean' || typeof o.paymentDefault !== 'boolean') {
      throw new Error(`${file}:${lineNo}: expected {"id": ..., "outcomes": {"pseudoEnterprise", "bankrupt", "paymentDefault"}}`);
    }
    if (sampled.has(parsed.id)) out.set(parsed.id, { pseudoEnterprise: o.pseudoEnterprise, bankrupt: o.bankrupt, paymentDefault: o.paymentDefault });
  }
  return out;
}
