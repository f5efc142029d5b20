import { Pool } from 'pg';
import { computeCheckDigit, seededRandom } from '@hub/identity';
import { searchKey } from '@hub/register';
import { IsolatedHub } from '../tools/support/isolated-hub';
import { HUB_NODE_ARGS } from '../tools/support/run-node';
import { BenchRow, cpuMs, postgresBackends, postgresCpuBetween } from './bench-support';
import { highestPacedRate, runLoad, type LoadRequest } from './http-load';
import { startSearchFloor } from './search-floor';
import { NAME_GENERATORS, type NameGenerator } from './search-names';

const CLIENTS = 20;
const TARGET_MS = 50;
const PACED_RATES = [50, 100, 150, 200, 250, 300, 400, 500];
const PACED_SECONDS = 4;
const QUALITY_PROBES = 200;
/**
 * Name searches before anything is measured. A hub just started spent 1.1-1.5 ms of CPU a name search
 * over its first 2,000 (V8 still compiling the path, its heap still growing) and 0.64-0.81 ms from
 * ~2,500 on, measured in batches of 500 on a kept 1,000,000-subject database: with 200 the hub's
 * figures were those of a process a few seconds old, which production is not.
 */
const WARM_UP_NAME_SEARCHES = 2_500;
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
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

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
      const keys = [searchKey(nameRu), searchKey(nameRu), searchKey(nameEn)];
      cols[0].push(bin); cols[1].push(form); cols[2].push(nameRu); cols[3].push(nameRu); cols[4].push(nameEn);
      cols[5].push(keys[0]); cols[6].push(keys[1]); cols[7].push(keys[2]); cols[8].push([...new Set(keys.filter(Boolean))].join(' | '));
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

/**
 * Search (BPR §32) at 20 concurrent clients over BENCH_SEARCH_ENTITIES seeded subjects (default
 * 1,000,000, the figure; seeding takes minutes, BENCH_SEARCH_ENTITIES=200000 for a quick
 * look): name queries with a typo or in the other script, against the exact-BIN lookup through the
 * same endpoint as the reference.
 */
export async function runSearchBench(log: (m: string) => void): Promise<BenchRow[]> {
  const entities = Number(process.env.BENCH_SEARCH_ENTITIES ?? 1_000_000);
  // 4,000 a kind: a p99 of 2,000 is the 20th slowest answer, and seven runs of the same code gave
  // 39.6-62.0 ms (session 12); twice the samples halve what one stall of the machine moves it.
  const requests = Number(process.env.BENCH_SEARCH_REQUESTS ?? 4_000);
  // The hub as production runs it, in a process of its own: its session guard, rate limiter and
  // HTTP stack are on the path, and the clients (a worker thread of this process) do not share
  // its event loop.
  // BENCH_SEARCH_DATABASE=<a database kept by BENCH_KEEP=true>: measure again without seeding again.
  const reuse = process.env.BENCH_SEARCH_DATABASE;
  // BENCH_SEARCH_NAMES=v1: the names before v2 (search-names.ts), to measure a database kept from then.
  const generator = process.env.BENCH_SEARCH_NAMES ?? 'v2';
  const nameOf = NAME_GENERATORS[generator];
  if (!nameOf) throw new Error(`BENCH_SEARCH_NAMES must be one of ${Object.keys(NAME_GENERATORS).join(', ')}`);
  const hub = await IsolatedHub.create('search', reuse);
  const bins = benchBins(entities);
  try {
    // BENCH_SEARCH_CPU_PROF=<dir>: the hub writes a V8 CPU profile there when it stops.
    const profDir = process.env.BENCH_SEARCH_CPU_PROF;
    await hub.start(profDir ? [...HUB_NODE_ARGS, '--cpu-prof', `--cpu-prof-dir=${profDir}`] : HUB_NODE_ARGS);
    log(`search: seeding ${bins.length.toLocaleString('en-US')} subjects`);
    // Closed before the measurement: PostgreSQL CPU is summed over live backends, and a seeding
    // connection timing out mid-run would take its seconds of CPU out of the sum.
    const database = new Pool({ connectionString: hub.config.DATABASE_URL, max: 2 });
    const names = await seed(database, bins, nameOf, log).finally(() => database.end());
    log(`  ${new Set(names).size.toLocaleString('en-US')} distinct names (${generator}) among ${names.length.toLocaleString('en-US')} subjects`);
    // Once more on a failure: with a kept database the seed takes seconds, not minutes, and the first
    // request could go out on the health poll's kept-alive socket just as the hub closed it.
    const headers = { cookie: await hub.sessionCookie('userEntrepreneur').catch(() => hub.sessionCookie('userEntrepreneur')) };
    const at = (i: number) => (i * 7919) % bins.length;
    const exact = Array.from({ length: requests }, (_, i) => ({ path: `/api/v1/search?q=${bins[at(i)]}` }));
    const nameSearch = (i: number): LoadRequest => {
      const name = names[at(i)];
      // Every other query in Cyrillic, every query with two letters of its made-up word swapped.
      const typo = `${name.slice(0, 2)}${name[3]}${name[2]}${name.slice(4)}`;
      return { path: `/api/v1/search?q=${encodeURIComponent(i % 2 ? toCyrillic(typo) : typo)}` };
    };
    const fuzzy = Array.from({ length: requests }, (_, i) => nameSearch(i));
    // Other names than those measured, so that the measured ones are not read from warm pages.
    const warmUp = Array.from({ length: WARM_UP_NAME_SEARCHES }, (_, i) => nameSearch(requests + i));
    // Latencies, and the CPU each request cost the server, PostgreSQL and the load generator (what
    // the code costs, whatever else the machine is doing). The generator's CPU is this process's (its
    // worker thread, and the GC and libuv threads its garbage and sockets use; the main thread only
    // waits): on two cores it is taken from the server and PostgreSQL as theirs is, so it belongs in
    // the CPU a search costs the machine.
    const measure = async (server: { baseUrl: string; pid?: number }, requestHeaders: Record<string, string>, list: readonly LoadRequest[]) => {
      const pids = server.pid ? [server.pid] : [];
      const c0 = cpuMs(pids);
      const p0 = postgresBackends(hub.database);
      const g0 = process.cpuUsage();
      const t0 = Date.now();
      const { latencies } = await runLoad({ baseUrl: server.baseUrl, headers: requestHeaders, clients: CLIENTS, requests: list, expectStatus: 200 });
      const perSecond = list.length / ((Date.now() - t0) / 1000);
      const g = process.cpuUsage(g0);
      const c1 = cpuMs(pids);
      const postgres = postgresCpuBetween(p0, postgresBackends(hub.database));
      const per = (ms: number) => ms / list.length;
      return {
        latencies, perSecond, server: per(c1.processes - c0.processes), loop: per(c1.mainThreads - c0.mainThreads),
        postgres: per(postgres), generator: per((g.user + g.system) / 1000),
      };
    };
    const hubServer = { baseUrl: hub.baseUrl, pid: hub.pid };
    log(`search: warm-up (${WARM_UP_NAME_SEARCHES} name searches), then ${requests} exact-BIN and ${requests} typo/transliterated name searches at ${CLIENTS} concurrent clients, one session`);
    await measure(hubServer, headers, [...exact.slice(0, 100), ...warmUp]);
    const cpu = { exact: await measure(hubServer, headers, exact), name: await measure(hubServer, headers, fuzzy) };
    const byId = cpu.exact.latencies;
    const byName = cpu.name.latencies;
    for (const [label, c] of Object.entries(cpu)) log(`  CPU per ${label} search: hub ${c.server.toFixed(2)} ms (event loop ${c.loop.toFixed(2)} ms), PostgreSQL ${c.postgres.toFixed(2)} ms, load generator ${c.generator.toFixed(2)} ms; ${c.perSecond.toFixed(0)} searches/s saturated`);
    // The floor (search-floor.ts): the same requests, the same register code and pool, on a bare
    // node:http server with no framework and no session, in the same run.
    log(`search: the same searches on the bare floor (node:http, SearchService, the register's pool; no Nest, no session)`);
    const floor = await startSearchFloor(HUB_NODE_ARGS, hub.env);
    const floorLatency: Record<string, number[]> = {};
    try {
      const floorServer = { baseUrl: floor.baseUrl, pid: floor.child.pid };
      await measure(floorServer, {}, [...exact.slice(0, 100), ...warmUp]);
      for (const [label, list] of [['exact', exact], ['name', fuzzy]] as const) {
        const m = await measure(floorServer, {}, list);
        floorLatency[label] = m.latencies;
        log(`  floor, ${label}: p50 ${percentile(m.latencies, 50).toFixed(1)} ms, p99 ${percentile(m.latencies, 99).toFixed(1)} ms; CPU per search: floor ${m.server.toFixed(2)} ms, PostgreSQL ${m.postgres.toFixed(2)} ms, load generator ${m.generator.toFixed(2)} ms; ${m.perSecond.toFixed(0)} searches/s`);
      }
    } finally {
      floor.child.kill();
    }
    // The same name searches paced from the same 20 clients: the rate the register serves within the
    // target, which is what a capacity plan reads (closed-loop p99 is 20 ÷ saturated throughput).
    log(`search: paced name searches from ${CLIENTS} clients at rising rates, ${PACED_SECONDS} s each, until p99 passes ${TARGET_MS} ms`);
    let cursor = 0;
    const paced = await highestPacedRate(
      { baseUrl: hub.baseUrl, headers, clients: CLIENTS, expectStatus: 200 },
      (count) => Array.from({ length: count }, () => fuzzy[cursor++ % fuzzy.length]),
      PACED_RATES, PACED_SECONDS, TARGET_MS,
    );
    for (const step of paced.steps) log(`  ${step.rate}/s: p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms (${step.sent} searches)`);
    // Fast and wrong is no use: how often the subject whose name was mistyped is on the first page.
    const probe = fuzzy.slice(0, QUALITY_PROBES);
    const { bodies = [] } = await runLoad({ baseUrl: hub.baseUrl, headers, clients: 4, requests: probe, expectStatus: 200, keepBodies: true });
    const found = bodies.filter((body, i) => (JSON.parse(body) as { results: Array<{ id: string }> }).results.some((r) => r.id === bins[at(i)])).length;
    log(`  the mistyped subject on page 1: ${found} of ${probe.length} name searches`);
    return [
      {
        name: `search p99, typo/translit name, ${bins.length.toLocaleString('en-US')} subjects, ${CLIENTS} clients`, value: percentile(byName, 99), unit: 'ms',
        reference: 'exact-BIN lookup p99, same endpoint', referenceValue: percentile(byId, 99), ratio: percentile(byName, 99) / percentile(byId, 99), target: '< 50 ms at 1,000,000',
      },
      {
        name: 'search p50, typo/translit name', value: percentile(byName, 50), unit: 'ms',
        reference: 'exact-BIN lookup p50', referenceValue: percentile(byId, 50), ratio: percentile(byName, 50) / percentile(byId, 50),
      },
      {
        name: 'search floor p99, exact-BIN (bare node:http, same register code)', value: percentile(floorLatency.exact, 99), unit: 'ms',
        reference: 'hub exact-BIN lookup p99', referenceValue: percentile(byId, 99), ratio: percentile(floorLatency.exact, 99) / percentile(byId, 99),
      },
      {
        name: 'search floor p99, typo/translit name (bare node:http)', value: percentile(floorLatency.name, 99), unit: 'ms',
        reference: 'hub name search p99', referenceValue: percentile(byName, 99), ratio: percentile(floorLatency.name, 99) / percentile(byName, 99),
      },
      {
        name: `search: mistyped subject on page 1 (${QUALITY_PROBES} typo/translit names)`, value: (100 * found) / probe.length, unit: '%',
        reference: 'exact-BIN lookup finds its subject', referenceValue: 100, ratio: found / probe.length,
      },
      {
        name: `search: highest paced name-search rate with p99 < ${TARGET_MS} ms, ${CLIENTS} clients`, value: paced.held, unit: 'req/s',
        reference: 'saturated name-search throughput (closed loop)', referenceValue: cpu.name.perSecond, ratio: paced.held / cpu.name.perSecond,
      },
    ];
  } finally {
    // BENCH_KEEP=true keeps the seeded database (named in the log) for EXPLAIN and the like.
    if (process.env.BENCH_KEEP === 'true' || reuse) { await hub.keepDatabase(); log(`  kept database ${hub.database}`); } else await hub.drop();
  }
}
