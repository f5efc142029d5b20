import 'reflect-metadata';
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Topics, connectMessaging, createLogger, loadConfig, physicalName } from '@hub/platform';
import { ListSnapshot, parseAfmList, parseUnConsolidatedList, publishWatchlistSnapshots } from '@hub/screening';

const USAGE = 'usage: npm run watchlists:publish -- [--un consolidated.xml] [--afm category1.xml] [--afm2 category2.xml] [--afm-date ISO]';

/**
 * Parses the UN SC consolidated list and the AFM lists (category 1 and 2) and publishes them on
 * feed.watchlists.v1, Avro via the registry, keyed by entry id. Each file is a full snapshot: an
 * entry in force on the topic but missing from the new file is published again as de-listed.
 * The AFM files carry no generation time: --afm-date, else the file's modification time.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { un: { type: 'string' }, afm: { type: 'string' }, afm2: { type: 'string' }, 'afm-date': { type: 'string' } } });
  if (!values.un && !values.afm && !values.afm2) throw new Error(USAGE);
  const afmTime = (file: string) => (values['afm-date'] ? new Date(values['afm-date']) : statSync(file).mtime);
  const snapshots: ListSnapshot[] = [];
  if (values.un) snapshots.push(parseUnConsolidatedList(readFileSync(values.un)));
  if (values.afm) snapshots.push(parseAfmList(readFileSync(values.afm), { category: 1, snapshotTime: afmTime(values.afm) }));
  if (values.afm2) snapshots.push(parseAfmList(readFileSync(values.afm2), { category: 2, snapshotTime: afmTime(values.afm2) }));
  if (snapshots.some((s) => Number.isNaN(s.generatedAt.getTime()))) throw new Error('--afm-date must be an ISO-8601 time');

  const config = loadConfig();
  const clients = await connectMessaging(config, createLogger('warn'), '-watchlists');
  try {
    const reports = await publishWatchlistSnapshots({ ...clients, topicPrefix: config.TOPIC_PREFIX }, snapshots);
    const topic = physicalName(config.TOPIC_PREFIX, Topics.watchlists.name);
    const lines = reports.flatMap((r) => [
      `${r.list} ${r.listVersion}: ${r.published} entries published, ${r.delisted.length} de-listed${r.delisted.length ? ` (${r.delisted.join(', ')})` : ''}`,
      ...r.problems.map((p) => `  skipped ${p.sourceId ?? '(no id)'}: ${p.code} ${p.reason}`),
    ]);
    process.stdout.write(`\n${lines.join('\n')}\nTopic: ${topic}. Dead letters: npm run dlq:show -- ${topic}\n`);
  } finally {
    await clients.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`watchlists publish failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
