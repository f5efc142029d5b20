import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { projectRoot, connectMessaging, createLogger, type MessagingClients } from '@hub/platform';
import { parseUnConsolidatedList, publishWatchlistSnapshots } from '@hub/screening';
import { IsolatedHub } from '../tools/support/isolated-hub';
import { HUB_NODE_ARGS } from '../tools/support/run-node';
import { KycResultListener, NdipClient, publishRequests, type KycSubjectInput } from '../tools/support/ndip-client';
import { BenchRow, cpuMs } from './bench-support';
import { highestPacedRate, runLoad, type LoadRequest } from './http-load';
import { startSoapFloor } from './soap-floor';

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/**
 * CPU each side spent per exchange during `work` (ms): the cost that does not depend on how loaded
 * the machine is. `handled` counts the exchanges the hub completed (answers it sent), which under
 * overload exceeds those the client got to verify in time.
 */
async function costed<T>(hub: IsolatedHub, handled: () => number, work: () => Promise<T>, hubIdleMsPerS = 0): Promise<T & { hubCpu: number; hubNetCpu: number; hubLoopCpu: number; pgCpu: number; clientCpu: number; handled: number }> {
  const cpu = () => cpuMs(hub.pid ? [hub.pid] : [], hub.database);
  const hub0 = cpu();
  const client0 = process.cpuUsage();
  const handled0 = handled();
  const t0 = Date.now();
  const r = await work();
  const client = process.cpuUsage(client0);
  const n = Math.max(1, handled() - handled0);
  const hub1 = cpu();
  const used = hub1.processes - hub0.processes;
  // net of what the idle hub burns anyway (consumer fetch loops, metrics, monitors) over the same time
  const net = used - (hubIdleMsPerS * (Date.now() - t0)) / 1000;
  return {
    ...r, hubCpu: used / n, hubNetCpu: net / n, hubLoopCpu: (hub1.mainThreads - hub0.mainThreads) / n, pgCpu: (hub1.postgres - hub0.postgres) / n,
    clientCpu: (client.user + client.system) / 1000 / n, handled: n,
  };
}

/** What the hub process burns per second when no request arrives. */
async function idleCpuMsPerS(hubPid: number | undefined, seconds: number): Promise<number> {
  const c0 = cpuMs(hubPid ? [hubPid] : []).processes;
  await sleep(seconds * 1000);
  return (cpuMs(hubPid ? [hubPid] : []).processes - c0) / seconds;
}

/**
 * Subjects a KYC run mixes: foreign investors (screened) and a valid BIN the register has never
 * seen (register and scoring are read, NOT_FOUND). The BIN's check digit must hold: an invalid one
 * is refused as BAD_REQUEST before any reading, which made half the run cheap refusals.
 */
function subject(i: number): KycSubjectInput {
  if (i % 2 === 0) return { id: '980140099996' };
  return { foreign: { kind: 'ORGANISATION', name: `Investor ${i % 97} Holdings Ltd`, country: 'GB' }, beneficialOwners: [{ kind: 'PERSON', name: i % 10 === 1 ? 'Хорошев Юрий' : `Owner ${i % 89} Smith`, birthDate: '1970' }] };
}

interface Run { p50: number; p99: number; answered: number; sent: number; refused: number; stages?: string }

/**
 * Where a round trip's time went, p50 and p99 of each stage's end since the request was due (ms):
 * signed and on the requests topic (client), answer produced (the hub's record timestamp),
 * answer received by the client's consumer, answer verified. Wall-clock, so compare within a run.
 */
function stagesOf(marks: Array<[number, number, number, number]>): string {
  const names = ['published', 'hub produced', 'received', 'verified'];
  return names.map((name, i) => {
    const v = marks.map((m) => m[i]).sort((a, b) => a - b);
    return `${name} ${percentile(v, 50).toFixed(0)}/${percentile(v, 99).toFixed(0)}`;
  }).join(', ');
}

/** Open loop: one request every 1000/rate ms for `seconds`, each timed from signing to the verified answer. */
async function kafkaRun(client: NdipClient, clients: MessagingClients, listener: KycResultListener, ndipBin: string, rate: number, seconds: number): Promise<Run> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const marks: Array<[number, number, number, number]> = [];
  let refused = 0;
  const pending: Array<Promise<void>> = [];
  const started = Date.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    pending.push((async () => {
      const t0 = process.hrtime.bigint();
      const wall0 = Date.now();
      const request = await client.signedRequest(subject(i), { senderBin: ndipBin });
      await publishRequests(clients.publisher, [request]);
      const published = Date.now() - wall0;
      const arrived = await listener.next(request.messageId, 10_000);
      if (!arrived) return;
      const answer = await client.readAnswer(arrived.document);
      if (answer.type === 'KycRefusal') refused++;
      latencies.push(ms(t0));
      marks.push([published, arrived.producedAt - wall0, arrived.receivedAt - wall0, Date.now() - wall0]);
    })());
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), answered: latencies.length, sent: total, refused, stages: stagesOf(marks) };
}

async function soapRun(client: NdipClient, url: string, serviceId: string, ndipBin: string, concurrency: number, seconds: number): Promise<Run> {
  const latencies: number[] = [];
  let refused = 0;
  let sent = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
    for (let i = worker; Date.now() < end; i += concurrency) {
      sent++;
      const t0 = process.hrtime.bigint();
      const { xml } = await client.soapRequest(subject(i), serviceId, { senderBin: ndipBin, messageId: randomUUID() });
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
      const body = await response.text();
      const answer = await client.readAnswer(NdipClient.soapAnswerDocument(body));
      if (answer.type === 'KycRefusal') refused++;
      latencies.push(ms(t0));
    }
  }));
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), answered: latencies.length, sent, refused };
}

/**
 * The SOAP door as the server sees it: requests signed before the clock starts, 50 clients sending
 * them back to back from a worker thread (node:http, keep-alive), each answer verified after the
 * run. The e-Gov gateway signs on its own machines; a client signing and verifying on this 2-core
 * machine's bench thread takes CPU from the server it measures (soapRun keeps that full round trip).
 */
async function soapServerRun(client: NdipClient, baseUrl: string, serviceId: string, ndipBin: string, concurrency: number, count: number): Promise<Run & { perSecond: number }> {
  const requests: LoadRequest[] = [];
  for (let i = 0; i < count; i++) requests.push({ path: '/ndip/soap', body: (await client.soapRequest(subject(i), serviceId, { senderBin: ndipBin, messageId: randomUUID() })).xml });
  const t0 = Date.now();
  const { latencies, bodies = [] } = await runLoad({ baseUrl, headers: { 'content-type': 'text/xml; charset=utf-8' }, clients: concurrency, requests, expectStatus: 200, keepBodies: true });
  const perSecond = latencies.length / ((Date.now() - t0) / 1000);
  let refused = 0;
  for (const body of bodies) if ((await client.readAnswer(NdipClient.soapAnswerDocument(body))).type === 'KycRefusal') refused++;
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), answered: bodies.length, sent: count, refused, perSecond };
}

/**
 * The bare SOAP floor (soap-floor.ts) under the same load as soapServerRun: a child process with the
 * hub's Node flags and EDS settings, CPU per exchange from /proc as for the hub, answers verified after.
 */
async function soapFloorRun(client: NdipClient, hub: IsolatedHub, ndipBin: string, count: number): Promise<Run & { perSecond: number; cpu: number; loopCpu: number }> {
  const { child, baseUrl } = await startSoapFloor(HUB_NODE_ARGS, hub.env);
  try {
    const pids = child.pid ? [child.pid] : [];
    // warm-up: JIT, the chain and CRL caches, the certificate parse
    await soapServerRun(client, baseUrl, hub.config.NDIP_SOAP_SERVICE_ID, ndipBin, 50, 500);
    const c0 = cpuMs(pids);
    const r = await soapServerRun(client, baseUrl, hub.config.NDIP_SOAP_SERVICE_ID, ndipBin, 50, count);
    const c1 = cpuMs(pids);
    return { ...r, cpu: (c1.processes - c0.processes) / r.answered, loopCpu: (c1.mainThreads - c0.mainThreads) / r.answered };
  } finally {
    child.kill();
  }
}

/** The cryptographic floor of one exchange, measured here: the client signs, the hub verifies and signs, the client verifies. */
async function cryptoFloor(client: NdipClient, hubSide: NdipClient, ndipBin: string, n: number): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const request = await client.signedRequest(subject(i), { senderBin: ndipBin });
    await hubSide.verifyRequest(request.document, ndipBin);
    const answer = await hubSide.signedRequest(subject(i));
    await client.verifyRequest(answer.document, hubSide.signerBin);
    out.push(ms(t0));
  }
  out.sort((a, b) => a - b);
  return percentile(out, 99);
}

/**
 * KYC round trips against a hub process of its own (issue 10's numbers): over Kafka at 100
 * requests/s and at rising rates until p99 passes 250 ms, and through the SOAP door at 50 concurrent
 * clients; each beside the cryptographic floor of one exchange measured in the same run.
 */
export async function runKycBench(log: (m: string) => void): Promise<BenchRow[]> {
  const seconds = Number(process.env.BENCH_KYC_SECONDS ?? 10);
  // BENCH_KYC_PARTS=server,floor runs only those parts (kafka, soap, server, floor, paced; default all).
  const parts = process.env.BENCH_KYC_PARTS?.split(',').map((s) => s.trim()).filter(Boolean);
  const part = (name: string) => !parts || parts.includes(name);
  const hub = await IsolatedHub.create('kyc');
  const pki = hub.pki;
  if (!pki) throw new Error('the KYC bench needs the development PKI (unset EDS_KEY_FILE)');
  const rows: BenchRow[] = [];
  let clients: MessagingClients | undefined;
  let listener: KycResultListener | undefined;
  try {
    // BENCH_KYC_CPU_PROF=<dir> (as BENCH_PORTAL_CPU_PROF): the hub child writes a V8 CPU profile there when it
    // stops; BENCH_KYC_HUB_ARGS adds any other Node flags. The profile samples wall time on the hub's thread.
    const profDir = process.env.BENCH_KYC_CPU_PROF;
    const extra = process.env.BENCH_KYC_HUB_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    await hub.start([...HUB_NODE_ARGS, ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), ...extra]);
    clients = await connectMessaging(hub.config, createLogger('warn'), '-kyc-bench');
    const trust = { anchors: [pki.env.EDS_TRUST_ANCHORS], intermediates: [pki.env.EDS_INTERMEDIATES], crls: pki.env.EDS_CRLS.split(',') };
    const client = new NdipClient(pki.keys.ndip, pki.password, trust, pki.identities.hubBin);
    const hubSide = new NdipClient(pki.keys.hub, pki.password, trust, pki.identities.ndipBin);
    const snapshot = parseUnConsolidatedList(readFileSync(path.join(projectRoot(), 'demo', 'watchlists', 'un-consolidated-excerpt.xml')));
    await publishWatchlistSnapshots({ kafka: clients.kafka, registry: clients.registry, publisher: clients.publisher, topicPrefix: hub.config.TOPIC_PREFIX }, [snapshot]);
    listener = new KycResultListener(clients.kafka, clients.registry, hub.config.TOPIC_PREFIX);
    await listener.start();
    await kafkaRun(client, clients, listener, pki.identities.ndipBin, 20, 3); // warm-up: JIT, connections, the chain cache
    const floor = await cryptoFloor(client, hubSide, pki.identities.ndipBin, 200);

    if (part('kafka')) {
      log(`KYC over Kafka: 100 requests/s for ${seconds} s`);
      const results = listener;
      // The cost of one exchange, at a rate nothing queues at: CPU per answer on each side.
      const idle = await idleCpuMsPerS(hub.pid, 5);
      const cost = await costed(hub, () => results.size, () => kafkaRun(client, clients!, results, pki.identities.ndipBin, 20, 5), idle);
      log(`KYC over Kafka at 20/s: p50 ${cost.p50.toFixed(1)} ms, p99 ${cost.p99.toFixed(1)} ms (stages p50/p99 ms: ${cost.stages}); CPU per exchange: hub ${cost.hubCpu.toFixed(2)} ms (${cost.hubNetCpu.toFixed(2)} ms net of its idle ${idle.toFixed(0)} ms/s), bench client ${cost.clientCpu.toFixed(2)} ms (${cost.handled} answers)`);
      const at100 = await costed(hub, () => results.size, () => kafkaRun(client, clients!, results, pki.identities.ndipBin, 100, seconds));
      log(`  p50 ${at100.p50.toFixed(1)} ms, p99 ${at100.p99.toFixed(1)} ms, answered ${at100.answered}/${at100.sent} (${at100.refused} refusals); CPU per exchange: hub ${at100.hubCpu.toFixed(2)} ms, bench client ${at100.clientCpu.toFixed(2)} ms`);
      log(`  stages p50/p99 ms: ${at100.stages}`);
      rows.push({ name: `KYC Kafka round trip p99 @100/s (${at100.answered}/${at100.sent})`, value: at100.p99, unit: 'ms', reference: 'crypto floor of one exchange, p99', referenceValue: floor, ratio: at100.p99 / floor, target: 'p99 < 250 ms' });
      let held = at100.p99 < 250 && at100.answered === at100.sent ? 100 : 0;
      for (const rate of [150, 200, 300, 400]) {
        if (held < rate / 1.5 - 1) break;
        log(`KYC over Kafka: ${rate} requests/s for ${Math.max(5, seconds / 2)} s`);
        const r = await kafkaRun(client, clients, listener, pki.identities.ndipBin, rate, Math.max(5, seconds / 2));
        log(`  p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, answered ${r.answered}/${r.sent} (stages p50/p99 ms: ${r.stages})`);
        if (r.p99 < 250 && r.answered === r.sent) held = rate;
      }
      rows.push({ name: 'KYC Kafka: hub CPU per exchange @20/s, net of idle', value: cost.hubNetCpu, unit: 'ms', reference: 'crypto floor of one exchange, p99', referenceValue: floor, ratio: cost.hubNetCpu / floor });
      rows.push({ name: 'KYC Kafka: hub CPU per exchange @20/s', value: cost.hubCpu, unit: 'ms', reference: 'crypto floor of one exchange, p99', referenceValue: floor, ratio: cost.hubCpu / floor });
      rows.push({ name: 'KYC Kafka: hub CPU per exchange @100/s', value: at100.hubCpu, unit: 'ms', reference: 'crypto floor of one exchange, p99', referenceValue: floor, ratio: at100.hubCpu / floor });
      rows.push({ name: 'KYC Kafka: highest rate held (p99 < 250 ms)', value: held, unit: 'req/s', reference: 'exchanges/s one core could sign+verify', referenceValue: 1000 / floor, ratio: held / (1000 / floor) });
    }

    if (part('soap')) {
      log(`KYC over SOAP: 50 concurrent clients for ${seconds} s`);
      let soapAnswers = 0;
      const soap = await costed(hub, () => soapAnswers, async () => { const r = await soapRun(client, `${hub.baseUrl}/ndip/soap`, hub.config.NDIP_SOAP_SERVICE_ID, pki.identities.ndipBin, 50, seconds); soapAnswers = r.answered; return r; });
      log(`  p50 ${soap.p50.toFixed(1)} ms, p99 ${soap.p99.toFixed(1)} ms, answered ${soap.answered} (${soap.refused} refusals); CPU per exchange: hub ${soap.hubCpu.toFixed(2)} ms, bench client ${soap.clientCpu.toFixed(2)} ms`);
      rows.push({ name: `KYC SOAP p99 @50 concurrent (${soap.answered} answers)`, value: soap.p99, unit: 'ms', reference: 'crypto floor of one exchange, p99', referenceValue: floor, ratio: soap.p99 / floor, target: 'p99 < 150 ms' });
      rows.push({ name: 'KYC SOAP: hub CPU per exchange @50 concurrent', value: soap.hubCpu, unit: 'ms', reference: 'crypto floor of one exchange, p99', referenceValue: floor, ratio: soap.hubCpu / floor });
    }

    const count = Number(process.env.BENCH_KYC_SOAP_REQUESTS ?? 3000);
    let server: (Run & { perSecond: number; hubCpu: number }) | undefined;
    if (part('server')) {
      log(`KYC over SOAP, server side: ${count} requests signed beforehand, 50 concurrent clients in a worker thread, answers verified after`);
      await soapServerRun(client, hub.baseUrl, hub.config.NDIP_SOAP_SERVICE_ID, pki.identities.ndipBin, 50, 500); // warm-up, as the floor gets
      let serverAnswers = 0;
      const s = await costed(hub, () => serverAnswers, async () => { const r = await soapServerRun(client, hub.baseUrl, hub.config.NDIP_SOAP_SERVICE_ID, pki.identities.ndipBin, 50, count); serverAnswers = r.answered; return r; });
      server = s;
      log(`  p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, ${s.perSecond.toFixed(0)} exchanges/s, answered ${s.answered}/${s.sent} (${s.refused} refusals); CPU per exchange: hub ${s.hubCpu.toFixed(2)} ms (event loop ${s.hubLoopCpu.toFixed(2)} ms), PostgreSQL ${s.pgCpu.toFixed(2)} ms; load average ${loadavg()[0].toFixed(2)}`);
      if (s.refused > 0) throw new Error(`the hub refused ${s.refused} pre-signed SOAP requests`);
      rows.push({ name: `KYC SOAP server p99 @50 concurrent (${s.answered} pre-signed)`, value: s.p99, unit: 'ms', reference: 'crypto floor of one exchange, p99', referenceValue: floor, ratio: s.p99 / floor, target: 'p99 < 150 ms' });
      rows.push({ name: 'KYC SOAP server: hub CPU per exchange @50 concurrent', value: s.hubCpu, unit: 'ms', reference: 'crypto floor of one exchange, p99', referenceValue: floor, ratio: s.hubCpu / floor });
      rows.push({ name: 'KYC SOAP server: PostgreSQL CPU per exchange', value: s.pgCpu, unit: 'ms', reference: 'hub CPU per exchange (row above)', referenceValue: s.hubCpu, ratio: s.pgCpu / Math.max(0.001, s.hubCpu) });
      rows.push({ name: 'KYC SOAP server exchanges/s @50 concurrent', value: s.perSecond, unit: 'req/s', reference: 'exchanges/s one core could sign+verify', referenceValue: 1000 / floor, ratio: s.perSecond / (1000 / floor) });
    }

    if (part('floor')) {
      // The same pre-signed load against a bare SOAP server doing only the protocol's unskippable
      // work (soap-floor.ts): whether 150 ms at 50 clients is reachable on this machine at all.
      log(`KYC over SOAP, bare floor (parse, verify, sign answer and response; no database, no Nest): ${count} requests, 50 concurrent clients`);
      const f = await soapFloorRun(client, hub, pki.identities.ndipBin, count);
      log(`  p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, ${f.perSecond.toFixed(0)} exchanges/s, answered ${f.answered}/${f.sent} (${f.refused} refusals); CPU per exchange ${f.cpu.toFixed(2)} ms (event loop ${f.loopCpu.toFixed(2)} ms); load average ${loadavg()[0].toFixed(2)}`);
      if (f.refused > 0) throw new Error(`the SOAP floor refused ${f.refused} pre-signed requests`);
      rows.push({ name: `KYC SOAP bare floor p99 @50 concurrent (${f.answered})`, value: f.p99, unit: 'ms', reference: 'crypto floor of one exchange, p99', referenceValue: floor, ratio: f.p99 / floor, target: 'p99 < 150 ms' });
      rows.push({ name: 'KYC SOAP bare floor: CPU per exchange', value: f.cpu, unit: 'ms', reference: 'crypto floor of one exchange, p99', referenceValue: floor, ratio: f.cpu / floor });
      if (server) {
        rows.push({ name: 'KYC SOAP server p99 ÷ bare floor p99', value: server.p99, unit: 'ms', reference: 'bare SOAP floor p99, same load', referenceValue: f.p99, ratio: server.p99 / f.p99 });
        rows.push({ name: 'KYC SOAP server exchanges/s ÷ bare floor', value: server.perSecond, unit: 'req/s', reference: 'bare SOAP floor exchanges/s', referenceValue: f.perSecond, ratio: server.perSecond / f.perSecond });
        rows.push({ name: 'KYC SOAP server CPU/exchange ÷ bare floor', value: server.hubCpu, unit: 'ms', reference: 'bare SOAP floor CPU per exchange', referenceValue: f.cpu, ratio: server.hubCpu / f.cpu });
      }
    }

    if (part('paced')) {
      // Paced: the gateway's messages at a fixed rate over the same 50 connections, each step's
      // requests signed just before it. The rate the door answers within 150 ms is the capacity figure;
      // the closed-loop row above is 50 ÷ saturated throughput.
      log('KYC over SOAP, paced: 50 connections at rising rates, 4 s each, until p99 passes 150 ms');
      const paced = await highestPacedRate(
        { baseUrl: hub.baseUrl, headers: { 'content-type': 'text/xml; charset=utf-8' }, clients: 50, expectStatus: 200 },
        async (n) => {
          const out: LoadRequest[] = [];
          for (let i = 0; i < n; i++) out.push({ path: '/ndip/soap', body: (await client.soapRequest(subject(i), hub.config.NDIP_SOAP_SERVICE_ID, { senderBin: pki.identities.ndipBin, messageId: randomUUID() })).xml });
          return out;
        },
        [100, 200, 300, 400, 500], 4, 150,
      );
      for (const step of paced.steps) log(`  ${step.rate}/s: p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms (${step.sent} exchanges)`);
      if (server) rows.push({ name: 'KYC SOAP: highest paced rate with p99 < 150 ms, 50 connections', value: paced.held, unit: 'req/s', reference: 'saturated SOAP exchanges/s (closed loop)', referenceValue: server.perSecond, ratio: paced.held / server.perSecond });
    }
    return rows;
  } finally {
    await listener?.stop();
    await clients?.close();
    await hub.drop();
  }
}
