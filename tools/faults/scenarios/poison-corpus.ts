import path from 'node:path';
import { AvroRegistry, valueSubject } from '@hub/platform';
import { FaultRun } from '../fault-run';
import { runQuiet } from '../run-quiet';
import { expectedDeadLetters, interleave, poisonCorpus } from '../poison';
import { Scenario, sleep } from '../scenario';
import { FAULT_STACK } from '../stack';

const CORPUS = 1000;

async function subjectsRegistered(registry: AvroRegistry, run: FaultRun): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (const topic of run.feedTopics) {
    for (;;) {
      const ok = await registry.latestId(valueSubject(topic)).then(() => true, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`subject ${valueSubject(topic)} not registered within 120 s`);
      await sleep(200);
    }
  }
}

/**
 * 1,000 bad records of six kinds interleaved with the good feed on every feed topic. No partition
 * may stall (the drain needs every partition committed to its end), every bad record must be in
 * its dead-letter topic with its reason code, and the good records must give exactly the clean
 * run's rows (their source offsets shift, the bad records sit between them).
 */
export const poisonCorpusScenario: Scenario = {
  name: 'poison corpus',
  fault: `${CORPUS.toLocaleString('en-US')} bad records of 6 kinds interleaved`,
  async run(ctx) {
    const run = await FaultRun.create('poison');
    const registry = new AvroRegistry(FAULT_STACK.registry);
    const generating = runQuiet(path.join('tools', 'feeds-generate.js'), ['--entities', String(ctx.feed.entities), '--seed', String(ctx.feed.seed), '--now', ctx.feed.now], run.env());
    await subjectsRegistered(registry, run);
    const corpus = await poisonCorpus(registry, run.prefix, CORPUS, ctx.feed.seed, new Date(ctx.feed.now));
    const onTopics = async () => (await run.progress())?.reduce((s, p) => s + p.end, 0) ?? 0;
    await interleave(run.kafka, corpus, ctx.cleanRecords, onTopics);
    await generating;
    run.records = await onTopics();
    ctx.log(`  ${run.records.toLocaleString('en-US')} records on ${run.prefix}* (${CORPUS} of them bad)`);
    const hub = await run.hub('hub');
    const startedAt = Date.now();
    await hub.start();
    // The corpus is spread over the whole feed: "recovery" here is the time to take all of it in.
    await run.drain();
    return {
      run, recoverySeconds: (Date.now() - startedAt) / 1000, ignoreColumns: ['source_offset'], extraDeadLetters: expectedDeadLetters(corpus),
      notes: ['source_offset left out of the row comparison: the bad records shift the good ones\' offsets', 'recovery = the whole ingest, bad records included'],
    };
  },
};
