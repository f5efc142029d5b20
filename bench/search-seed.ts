import { isMainThread, workerData } from 'node:worker_threads';
import { Pool } from 'pg';
import { computeCheckDigit, seededRandom } from '@hub/identity';
import { subjectKeys } from '@hub/register';
import { NAME_GENERATORS, type NameGenerator } from './search-names';
import { runWorkerTask, serveWorkerTask } from './worker-task';

/**
 * The search bench's population (search.bench.ts): a million subjects seeded in a worker thread, of
 * which the measurement keeps only those its requests ask for. The bench's process runs the load
 * generator on the same two cores as the hub and PostgreSQL. While its own heap held the million BINs
 * and names (~300 MB at the seeding's end, ~100 MB live), V8 collected it in the middle of measured
 * runs: a 79-105 ms major GC, and the memory reducer's 81 ms compaction ~15 s after the seeding, each
 * the slowest 1 % of the run it fell in (2026-12-04). A worker's heap goes with the worker.
 */

const CYR: Record<string, string> = {
  a: 'а', b: 'б', d: 'д', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', u: 'у', y: 'ы', z: 'з', v: 'в',
};
const FORMS = ['LLP', 'LLP', 'LLP', 'JSC', 'PRODUCTION_COOPERATIVE', 'NON_COMMERCIAL'];

/** Valid BINs registered in 1997 (a range no test or synthetic population uses). */
function benchBins(count: number): string[] {
  const out: string[] = [];
  for (let month = 1; month <= 12 && out.length < count; month++) {
    for (let serial = 0; serial < 100_000 && out.length < count; serial++) {
      const body = `97${String(month).padStart(2, '0')}40${String(serial).padStart(5, '0')}`;
      const check = computeCheckDigit(body);
      if (check !== null) out.push(body + String(check));
    }
  }
  return out;
}

export const toCyrillic = (latin: string): string => latin.toLowerCase().replace(/zh/g, 'ж').replace(/sh/g, 'ш').replace(/kh/g, 'х').split('').map((c) => CYR[c] ?? c).join('');

async function seed(database: Pool, bins: readonly string[], nameOf: NameGenerator, log: (m: string) => void): Promise<string[]> {
  // Mulberry32, not a float LCG: rnd * 1103515245 passed 2^53 and lost its low bits, so the old
  // generator cycled and 1,000,000 subjects shared 2,345 names.
  const random = seededRandom(4242);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const names: string[] = [];
  const chunk = 5000;
  // A kept database (BENCH_SEARCH_DATABASE) already holds this population: the same seed makes the
  // same names, so only they are made again.
  const [{ n }] = (await database.query<{ n: string }>('SELECT count(*) AS n FROM register.subjects')).rows;
  const seeded = Number(n) >= bins.length;
  if (seeded) log(`  the database already holds ${Number(n).toLocaleString('en-US')} subjects: not seeded again`);
  for (let i = 0; i < bins.length; i += chunk) {
    const cols: unknown[][] = Array.from({ length: 9 }, () => []);
    for (const bin of bins.slice(i, i + chunk)) {
      // A made-up word, then common and rare words (search-names.ts).
      const latin = nameOf(random);
      const form = pick(FORMS);
      const nameRu = `ТОО «${toCyrillic(latin)}»`;
      const nameEn = random() < 0.5 ? `${latin} LLP` : null;
      names.push(latin);
      const keys = subjectKeys({ idKind: 'BIN', nameKk: nameRu, nameRu, nameEn, shortNameRu: null, personName: null });
      cols[0].push(bin); cols[1].push(form); cols[2].push(nameRu); cols[3].push(nameRu); cols[4].push(nameEn);
      cols[5].push(keys.kk); cols[6].push(keys.ru); cols[7].push(keys.en); cols[8].push(keys.all);
    }
    if (seeded) continue;
    await database.query(
      `INSERT INTO register.subjects (subject_id, id_kind, legal_form, status, name_kk, name_ru, name_en, key_kk, key_ru, key_en, search_key, event_time)
       SELECT s, 'BIN', f, 'ACTIVE', kk, ru, en, k1, k2, k3, sk, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS t(s, f, kk, ru, en, k1, k2, k3, sk)
       ON CONFLICT (subject_id) DO NOTHING`, cols);
    if ((i / chunk) % 20 === 0) log(`  seeded ${Math.min(i + chunk, bins.length).toLocaleString('en-US')} of ${bins.length.toLocaleString('en-US')} subjects`);
  }
  // VACUUM sets the visibility map, so the term index is read without heap visits (autovacuum
  // does the same for a register filled by the feed). The deletion index too: with autovacuum off
  // (the local stack) it had no statistics, and each of a search's ~20 look-ups in it was planned as a
  // bitmap heap scan for 1,377 rows instead of an index-only scan for ~3.
  // A kept database too: a migration since may have rebuilt a table (register-search-key-in-terms
  // left the term index's visibility map empty, so every holder read visited the heap). Seconds when
  // nothing changed.
  await database.query('VACUUM (ANALYZE) register.subjects, register.subject_words, register.search_words, register.word_deletes');
  return names;
}

/** The seeded population as the measurement sees it: its size, and the BINs and names of the subjects it asks for. */
export interface Population { size: number; bins: ReadonlyMap<number, string>; names: ReadonlyMap<number, string> }

/** Request i asks for subject spread(size)(i): the measured ones, then the warm-up's. */
export const spread = (size: number) => (i: number): number => (i * 7919) % size;

interface SeedOrder { kind: 'search-seed'; databaseUrl: string; entities: number; generator: string; asked: number }
interface SeedResult { size: number; bins: Array<[number, string]>; names: Array<[number, string]> }

/**
 * Seeds `entities` subjects named by `generator` (a kept database: only their names are made again)
 * and returns those of the first `asked` requests.
 */
export async function seedPopulation(order: Omit<SeedOrder, 'kind'>, log: (m: string) => void): Promise<Population> {
  const seeded = await runWorkerTask<SeedResult>(__filename, { kind: 'search-seed', ...order } satisfies SeedOrder, 'seeding', log);
  return { size: seeded.size, bins: new Map(seeded.bins), names: new Map(seeded.names) };
}

async function seedInWorker(order: SeedOrder, log: (m: string) => void): Promise<SeedResult> {
  const bins = benchBins(order.entities);
  log(`search: seeding ${bins.length.toLocaleString('en-US')} subjects`);
  // Closed before the measurement: PostgreSQL CPU is summed over live backends, and a seeding
  // connection timing out mid-run would take its seconds of CPU out of the sum.
  const database = new Pool({ connectionString: order.databaseUrl, max: 2 });
  const names = await seed(database, bins, NAME_GENERATORS[order.generator], log).finally(() => database.end());
  log(`  ${new Set(names).size.toLocaleString('en-US')} distinct names (${order.generator}) among ${names.length.toLocaleString('en-US')} subjects`);
  const at = spread(bins.length);
  const kept = [...new Set(Array.from({ length: order.asked }, (_, i) => at(i)))];
  return { size: bins.length, bins: kept.map((i) => [i, bins[i]]), names: kept.map((i) => [i, names[i]]) };
}

if (!isMainThread && (workerData as SeedOrder | undefined)?.kind === 'search-seed') serveWorkerTask((log) => seedInWorker(workerData as SeedOrder, log));
