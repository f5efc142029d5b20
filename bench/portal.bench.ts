import { EdsRuntime } from '@hub/eds';
import { connectMessaging, createLogger, requireEdsSettings, Topics, type MessagingClients } from '@hub/platform';
import { reportDocument, type ReportContent } from '@hub/reports';
import { seededRandom } from '@hub/identity';
import { syntheticLegalEntity } from '@hub/synthetic';
import { IsolatedHub } from '../tools/support/isolated-hub';
import { EdsUser } from '../tools/support/portal-client';
import { HUB_NODE_ARGS } from '../tools/support/run-node';
import { BenchRow, cpuMs } from './bench-support';
import { runLoad } from './http-load';

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

/** `concurrency` workers each doing `work` back to back for `seconds`; the sorted latencies. */
async function closedLoop(concurrency: number, seconds: number, work: (worker: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
    while (Date.now() < end) {
      const t0 = process.hrtime.bigint();
      await work(w);
      out.push(ms(t0));
    }
  }));
  return out.sort((a, b) => a - b);
}

/**
 * The portal's numbers (issue 14) against a hub process of its own: a signed counterparty report
 * (facts, four indexes, XMLDSig, stored, check registered) at 50 concurrent users, beside signing
 * the same document alone at the same concurrency in one process (the signature is the report's
 * irreducible cost); and the login round trip (challenge, sign with the user's key, verify with the
 * full checklist, session opened), beside the client's signature plus the hub's verification alone.
 */
export async function runPortalBench(log: (m: string) => void): Promise<BenchRow[]> {
  const seconds = Number(process.env.BENCH_PORTAL_SECONDS ?? 10);
  const hub = await IsolatedHub.create('portal');
  const pki = hub.pki;
  if (!pki) throw new Error('the portal bench needs the development PKI (unset EDS_KEY_FILE)');
  let clients: MessagingClients | undefined;
  try {
    // BENCH_PORTAL_CPU_PROF=<dir>: the hub child writes a V8 CPU profile there when it stops (where a report's time goes).
    const profDir = process.env.BENCH_PORTAL_CPU_PROF;
    await hub.start(profDir ? [...HUB_NODE_ARGS, '--cpu-prof', `--cpu-prof-dir=${profDir}`] : HUB_NODE_ARGS);
    const bin = pki.identities.companyBin;
    // First, with no HTTP connection open to idle past the server's keep-alive while it runs:
    // Reference: the hub's key signing the same report document, 50 callers in one process.
    const rt = await EdsRuntime.create(requireEdsSettings(hub.config));
    const content: ReportContent = {
      subject: { id: bin, idKind: 'BIN', name: 'ТОО «ДАЛА ТРЕЙД»', status: 'ACTIVE', legalForm: 'LLP', registeredOn: '2015-03-01', address: 'г. Алматы', head: 'СЕРІКОВА ӘЙГЕРІМ', primaryActivity: '46900' },
      indexes: ['TAXPAYER_CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY', 'PAYMENT_DISCIPLINE', 'BUSINESS_REPUTATION'].map((name) => ({ name, value: 0.2, category: 'LOW', algorithmVersion: 'x@1', computedAt: new Date().toISOString(), reasons: [{ code: 'R', text: 'a reason in plain words' }] })),
      lists: [], taxes: null, courtCases: null, utilityArrears: null, factsAsOf: new Date().toISOString(),
    };
    const header = { reportId: '00000000-0000-4000-8000-000000000000', issuedAt: new Date(), issuerBin: pki.identities.hubBin, requestedBy: { iin: pki.identities.entrepreneurIin, bin: null, role: null } };
    await closedLoop(50, 1, async () => { await rt.documentSigner.sign(reportDocument(header, content)); });
    const signCpu0 = process.cpuUsage();
    const signing = await closedLoop(50, Math.max(3, seconds / 2), async () => { await rt.documentSigner.sign(reportDocument(header, content)); });
    const signCpu = process.cpuUsage(signCpu0);
    const cpuPerSignature = (signCpu.user + signCpu.system) / 1000 / signing.length;

    clients = await connectMessaging(hub.config, createLogger('warn'), '-portal-bench');
    const record = { ...syntheticLegalEntity(seededRandom(7), new Date()), bin, status: 'ACTIVE', legalForm: 'LLP', nameRu: 'ТОО «ДАЛА ТРЕЙД»', eventTime: Date.now() };
    await clients.publisher.publish(Topics.justiceLegalEntities, [{ key: bin, value: record }]);
    const users = [new EdsUser(pki.keys.userEntrepreneur, pki.password), new EdsUser(pki.keys.userHead, pki.password)];
    const cookies = [await hub.sessionCookie('userEntrepreneur'), await hub.sessionCookie('userHead')];
    // 50 users from a worker thread over kept-alive node:http connections (bench/http-load.ts): the
    // load generator shares the hub's two cores, and global fetch on this thread cost about three
    // times its CPU per request; each user alternates between the two demo sessions.
    const asUsers = cookies.map((cookie) => ({ path: '/api/v1/reports', body: JSON.stringify({ subjectId: bin }), headers: { cookie } }));
    const issueFor = async (secs: number): Promise<number[]> => (await runLoad({ baseUrl: hub.baseUrl, headers: { 'content-type': 'application/json' }, clients: 50, repeat: asUsers, seconds: secs, expectStatus: 201 })).latencies;
    for (let i = 0; ; i++) {
      const r = await fetch(`${hub.baseUrl}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies[0] }, body: JSON.stringify({ subjectId: bin }) });
      if (r.status === 201) break;
      if (i > 120) throw new Error(`the register never learnt ${bin}: ${r.status}`);
      await sleep(500);
    }

    log(`portal: signed reports, 50 concurrent users for ${seconds} s`);
    await issueFor(2); // warm-up
    const pids = hub.pid ? [hub.pid] : []; // its worker threads are counted with it
    // What the hub spends doing nothing asked of it (Kafka consumers polling, timers), per second,
    // taken off the loop's CPU: when a loaded machine slows the loop, it is not charged to reports.
    const idle0 = cpuMs(pids, hub.database);
    const idleFrom = Date.now();
    await sleep(3000);
    const idle1 = cpuMs(pids, hub.database);
    const idleRate = (k: 'processes' | 'mainThreads' | 'postgres') => (idle1[k] - idle0[k]) / (Date.now() - idleFrom);
    const cpu0 = cpuMs(pids, hub.database);
    const client0 = process.cpuUsage();
    const loopFrom = Date.now();
    const reports = await issueFor(seconds);
    const loopMs = Date.now() - loopFrom;
    const client = process.cpuUsage(client0);
    const cpu1 = cpuMs(pids, hub.database);
    const perReport = (k: 'processes' | 'mainThreads' | 'postgres') => (cpu1[k] - cpu0[k] - idleRate(k) * loopMs) / reports.length;
    const hubCpu = perReport('processes');
    const pgCpu = perReport('postgres');
    const loopCpu = perReport('mainThreads');
    log(`  ${reports.length} reports, p50 ${percentile(reports, 50).toFixed(1)} ms, p99 ${percentile(reports, 99).toFixed(1)} ms; signing alone p99 ${percentile(signing, 99).toFixed(1)} ms`);
    log(`  CPU per report (idle background subtracted: hub ${(idleRate('processes') * 1000).toFixed(0)} ms/s): hub ${hubCpu.toFixed(2)} ms (its event-loop thread ${loopCpu.toFixed(2)} ms), PostgreSQL ${pgCpu.toFixed(2)} ms, bench client ${((client.user + client.system) / 1000 / reports.length).toFixed(2)} ms; signing alone ${cpuPerSignature.toFixed(2)} ms a signature`);

    log('portal: login round trips (challenge, sign, verify), one user after another');
    const login = async (i: number) => {
      const r = await users[i % 2].login(hub.baseUrl);
      if (r.status !== 200) throw new Error(`login answered ${r.status}: ${JSON.stringify(r.body)}`);
    };
    for (let i = 0; i < 20; i++) await login(i);
    const logins: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = process.hrtime.bigint();
      await login(i);
      logins.push(ms(t0));
    }
    logins.sort((a, b) => a - b);
    // Reference: the client's signature and the hub's verification of it, in-process, no HTTP or database.
    const verifier = rt.documentVerifier();
    const floor: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = process.hrtime.bigint();
      const signed = await users[0].sign(`<portal:LoginChallenge xmlns:portal="urn:kz:bpr-hub:portal:v1"><portal:Nonce>${'n'.repeat(43)}${i}</portal:Nonce></portal:LoginChallenge>`);
      await verifier.verify(signed, { subjectType: 'individual', iin: pki.identities.entrepreneurIin });
      floor.push(ms(t0));
    }
    floor.sort((a, b) => a - b);

    const rp99 = percentile(reports, 99);
    const sp99 = percentile(signing, 99);
    const lp99 = percentile(logins, 99);
    const fp99 = percentile(floor, 99);
    return [
      { name: `Signed report p99 @50 users (${reports.length} in ${seconds} s)`, value: rp99, unit: 'ms', reference: 'signing alone p99 @50 callers', referenceValue: sp99, ratio: rp99 / sp99, target: 'p99 < 200 ms' },
      { name: 'Signed reports per second @50 users', value: reports.length / seconds, unit: 'req/s', reference: 'signatures/s alone', referenceValue: signing.length / Math.max(3, seconds / 2), ratio: (reports.length / seconds) / (signing.length / Math.max(3, seconds / 2)) },
      { name: 'Hub CPU per signed report @50 users', value: hubCpu, unit: 'ms', reference: 'CPU per signature alone', referenceValue: cpuPerSignature, ratio: hubCpu / cpuPerSignature },
      { name: 'Hub event-loop CPU per signed report', value: loopCpu, unit: 'ms', reference: 'CPU per signature alone', referenceValue: cpuPerSignature, ratio: loopCpu / cpuPerSignature },
      { name: 'Login round trip p99 (challenge, sign, verify)', value: lp99, unit: 'ms', reference: 'client sign + hub verify alone, p99', referenceValue: fp99, ratio: lp99 / fp99, target: 'p99 < 100 ms' },
    ];
  } finally {
    await clients?.close();
    await hub.drop();
  }
}
