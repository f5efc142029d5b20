import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { computeCheckDigit } from '@hub/identity';
import { Database, DatabasePools, PlatformModule, Provisioner, Stores, Topics, configureHttp, loadConfig } from '@hub/platform';
import { REGISTER_MIGRATIONS, RegisterModule, searchKey } from '@hub/register';
import { SCORING_MIGRATIONS } from '@hub/scoring';
import { BenchRow } from './bench-support';

const CLIENTS = 20;
const NAMES = ['Altyn', 'Dala', 'Kazyna', 'Samruk', 'Nur', 'Tenge', 'Zhuldyz', 'Aral', 'Baiterek', 'Steppe', 'Orda', 'Kok', 'Astana', 'Shymkent', 'Taraz', 'Karagandy'];
const TRADES = ['Trade', 'Stroy', 'Agro', 'Logistics', 'Consulting', 'Energy', 'IT', 'Service', 'Invest', 'Group', 'Motors', 'Med'];
const SYLLABLES = ['ba', 'ku', 'zhan', 'shy', 'kho', 'ter', 'mal', 'dos', 'rin', 'gul', 'nur', 'pek', 'sau', 'ak', 'tas', 'bek', 'ai', 'ly', 'sar', 'kem'];
const CYR: Record<string, string> = {
  a: 'а', b: 'б', d: 'д', e: 'е', g: 'г', h: 'х', i: 'и', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', u: 'у', y: 'ы', z: 'з', v: 'в',
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

const toCyrillic = (latin: string): string => latin.toLowerCase().replace(/zh/g, 'ж').replace(/sh/g, 'ш').replace(/kh/g, 'х').split('').map((c) => CYR[c] ?? c).join('');
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function seed(database: Database, databaseUrl: string, bins: readonly string[], log: (m: string) => void): Promise<string[]> {
  await database.query("DELETE FROM register.subjects WHERE subject_id LIKE '97__40%'");
  let rnd = 4242;
  const random = () => ((rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const names: string[] = [];
  const chunk = 5000;
  for (let i = 0; i < bins.length; i += chunk) {
    const cols: unknown[][] = Array.from({ length: 9 }, () => []);
    for (const bin of bins.slice(i, i + chunk)) {
      // A made-up word plus common words: many near-duplicates, as in a real register.
      const word = Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join('');
      const latin = `${word[0].toUpperCase()}${word.slice(1)} ${pick(NAMES)} ${pick(TRADES)}`;
      const form = pick(FORMS);
      const nameRu = `ТОО «${toCyrillic(latin)}»`;
      const nameEn = random() < 0.5 ? `${latin} LLP` : null;
      names.push(latin);
      const keys = [searchKey(nameRu), searchKey(nameRu), searchKey(nameEn)];
      cols[0].push(bin); cols[1].push(form); cols[2].push(nameRu); cols[3].push(nameRu); cols[4].push(nameEn);
      cols[5].push(keys[0]); cols[6].push(keys[1]); cols[7].push(keys[2]); cols[8].push([...new Set(keys.filter(Boolean))].join(' | '));
    }
    await database.query(
      `INSERT INTO register.subjects (subject_id, id_kind, legal_form, status, name_kk, name_ru, name_en, key_kk, key_ru, key_en, search_key, event_time)
       SELECT s, 'BIN', f, 'ACTIVE', kk, ru, en, k1, k2, k3, sk, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS t(s, f, kk, ru, en, k1, k2, k3, sk)
       ON CONFLICT (subject_id) DO NOTHING`, cols);
    if ((i / chunk) % 20 === 0) log(`  seeded ${Math.min(i + chunk, bins.length).toLocaleString('en-US')} of ${bins.length.toLocaleString('en-US')} subjects`);
  }
  // As the owner: VACUUM sets the visibility map, so the term index is read without heap visits
  // (autovacuum does the same for a register filled by the feed).
  const owner = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await owner.query('VACUUM (ANALYZE) register.subjects, register.subject_words, register.search_words');
  } finally {
    await owner.end();
  }
  return names;
}

/** `CLIENTS` clients, each sending its share of the urls one after another; latencies sorted. */
async function concurrentLatencies(urls: readonly string[]): Promise<number[]> {
  const out: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    for (let i = next++; i < urls.length; i = next++) {
      const started = process.hrtime.bigint();
      const response = await fetch(urls[i]);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${urls[i]} answered ${response.status}`);
      out.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }));
  return out.sort((a, b) => a - b);
}

/**
 * Search (BPR §32) at 20 concurrent clients over BENCH_SEARCH_ENTITIES seeded subjects (default
 * 1,000,000, the figure; seeding takes minutes, BENCH_SEARCH_ENTITIES=200000 for a quick
 * look): name queries with a typo or in the other script, against the exact-BIN lookup through the
 * same endpoint as the reference.
 */
export async function runSearchBench(log: (m: string) => void): Promise<BenchRow[]> {
  const entities = Number(process.env.BENCH_SEARCH_ENTITIES ?? 1_000_000);
  const requests = Number(process.env.BENCH_SEARCH_REQUESTS ?? 2_000);
  const run = `bq${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const config = loadConfig({ ...process.env, TOPIC_PREFIX: `${run}.`, KAFKA_GROUP_ID: `${run}-hub`, HTTP_PORT: '0', LOG_LEVEL: 'warn' });
  const migrations = [...SCORING_MIGRATIONS, ...REGISTER_MIGRATIONS];
  const topics = [Topics.publicFacts, Topics.preliminaryIndexes];

  @Module({ imports: [PlatformModule.forRoot({ config, topics, migrations }), RegisterModule] })
  class SearchBenchModule {}

  const app = await NestFactory.create(SearchBenchModule, { logger: false });
  configureHttp(app);
  const database = app.get(DatabasePools).for(Stores.register);
  const bins = benchBins(entities);
  try {
    await app.get(Provisioner).run(topics, migrations);
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    log(`search: seeding ${bins.length.toLocaleString('en-US')} subjects`);
    const names = await seed(database, config.DATABASE_URL, bins, log);
    const at = (i: number) => (i * 7919) % bins.length;
    const exact = Array.from({ length: requests }, (_, i) => `${base}/api/v1/search?q=${bins[at(i)]}`);
    const fuzzy = Array.from({ length: requests }, (_, i) => {
      const name = names[at(i)];
      // Every other query in Cyrillic, every query with two letters of its made-up word swapped.
      const typo = `${name.slice(0, 2)}${name[3]}${name[2]}${name.slice(4)}`;
      return `${base}/api/v1/search?q=${encodeURIComponent(i % 2 ? toCyrillic(typo) : typo)}`;
    });
    log(`search: warm-up, then ${requests} exact-BIN and ${requests} typo/transliterated name searches at ${CLIENTS} concurrent clients`);
    await concurrentLatencies([...exact.slice(0, 100), ...fuzzy.slice(0, 100)]);
    const byId = await concurrentLatencies(exact);
    const byName = await concurrentLatencies(fuzzy);
    return [
      {
        name: `search p99, typo/translit name, ${bins.length.toLocaleString('en-US')} subjects, ${CLIENTS} clients`, value: percentile(byName, 99), unit: 'ms',
        reference: 'exact-BIN lookup p99, same endpoint', referenceValue: percentile(byId, 99), ratio: percentile(byName, 99) / percentile(byId, 99), target: '< 50 ms at 1,000,000',
      },
      {
        name: 'search p50, typo/translit name', value: percentile(byName, 50), unit: 'ms',
        reference: 'exact-BIN lookup p50', referenceValue: percentile(byId, 50), ratio: percentile(byName, 50) / percentile(byId, 50),
      },
    ];
  } finally {
    if (process.env.BENCH_KEEP !== 'true') await database.query("DELETE FROM register.subjects WHERE subject_id LIKE '97__40%'").catch(() => undefined);
    await app.close();
  }
}
