import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Consumer } from 'kafkajs';
import { RsaSha256Signer, XmlDocumentSigner, loadPkcs12 } from '@hub/eds';
import { connectMessaging, createLogger, loadConfig, physicalName, projectRoot, Topics } from '@hub/platform';
import { FACT_DOCUMENT_TYPE, ProjectFact, SignedEnvelope, factXml, kzDate, toEpochDay } from '@hub/projects';
import { ensureHubDevPki } from './hub-dev-pki';
import { NdipClient } from './support/ndip-client';

const USAGE = `usage: npm run ndip:projects -- [--project <id>] [--wait <seconds>] [--pki DIR]
  Plays NDIP for one investment project: signs each lifecycle fact with the dev PKI's NDIP key,
  sends it to ndip.projects.events.v1, then reads the hub's signed status events for that project
  from ndip.projects.status.v1, verifies each one (full EDS checklist, the hub's BIN) and prints it.`;

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * A project from initiative to an approved roadmap (NDIP §30, §42, §49-§52), dated relative to
 * today so one task is already overdue (red, NDIP §55) and one is still open.
 */
export function demoLifecycle(projectId: string, today: string): ProjectFact[] {
  const daysAgo = (n: number) => new Date((toEpochDay(today) - n) * 86_400_000).toISOString().slice(0, 10);
  let n = 0;
  const fact = (x: Record<string, unknown>) => ({ factId: `${projectId}-${++n}`, projectId, ...x }) as unknown as ProjectFact;
  return [
    fact({ type: 'InitiativeRegistered', occurredOn: daysAgo(60), initiator: 'Embassy in Seoul', regionKato: '750000000', companyBin: null,
      investment: { amount: '40000000', currency: 'USD' }, jobs: 320, global2000: true, highTech: 'HIGH', investmentContract: false }),
    fact({ type: 'PassportCreated', occurredOn: daysAgo(50), companyBin: null, regionKato: '750000000', estimatedCost: { amount: '40000000', currency: 'USD' }, companyRegisteredOn: null, industry: 'chemicals' }),
    fact({ type: 'TaskScheduled', occurredOn: daysAgo(45), taskId: 'feasibility', stage: 1, dueOn: daysAgo(2) }),
    fact({ type: 'TaskScheduled', occurredOn: daysAgo(45), taskId: 'land-plot', stage: 1, dueOn: daysAgo(-20) }),
    fact({ type: 'RoadmapSubmitted', occurredOn: daysAgo(44) }),
    fact({ type: 'RoadmapReturned', occurredOn: daysAgo(40), remarks: 'stage 2 lacks dates' }),
    fact({ type: 'RoadmapRemarksFixed', occurredOn: daysAgo(37) }),
    fact({ type: 'RoadmapApproved', occurredOn: daysAgo(35) }),
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) throw new Error(USAGE);
  const config = loadConfig();
  const pki = await ensureHubDevPki(arg(args, '--pki') ?? path.join(projectRoot(), '.local-stack', 'dev-pki'));
  const key = loadPkcs12(readFileSync(pki.keys.ndip), pki.password);
  const signer = new XmlDocumentSigner(new RsaSha256Signer(key.privateKey, key.certificate.der));
  const reader = new NdipClient(pki.keys.ndip, pki.password, {
    anchors: [pki.env.EDS_TRUST_ANCHORS], intermediates: [pki.env.EDS_INTERMEDIATES], crls: pki.env.EDS_CRLS.split(','),
  }, pki.identities.hubBin);
  const projectId = arg(args, '--project') ?? `DEMO-${kzDate(new Date())}-${randomBytes(2).toString('hex')}`;
  const waitSeconds = Number(arg(args, '--wait') ?? 30);
  const facts = demoLifecycle(projectId, kzDate(new Date()));

  const clients = await connectMessaging(config, createLogger('warn'), '-ndip-projects');
  let consumer: Consumer | undefined;
  try {
    // Listen first (from the end), so every status event this run causes is seen.
    const statuses: Array<{ version: number; line: string }> = [];
    consumer = clients.kafka.consumer({ groupId: `ndip-projects-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: physicalName(config.TOPIC_PREFIX, Topics.projectStatus.name), fromBeginning: false });
    const joined = new Promise<void>((resolve) => consumer!.on(consumer!.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== projectId || !message.value) return;
        const envelope = (await clients.registry.decode(message.value)) as SignedEnvelope;
        const root = await reader.verified(envelope.document, pki.identities.hubBin);
        const a = (n: string) => root.getAttribute(n) ?? '';
        statuses.push({ version: Number(a('version')), line: `  v${a('version')} ${a('type')} (${a('paragraph')}) effective ${a('effectiveOn')}, signed by BIN ${envelope.senderBin}, verified` });
      },
    });
    await joined;

    const envelopes = await Promise.all(facts.map(async (f): Promise<SignedEnvelope> => {
      const issuedAt = new Date();
      const document = await signer.sign(factXml(f, { senderBin: pki.identities.ndipBin, issuedAt }));
      return { messageId: f.factId, correlationId: null, type: FACT_DOCUMENT_TYPE, issuedAt: issuedAt.getTime(), senderBin: pki.identities.ndipBin, document };
    }));
    await clients.publisher.publish(Topics.projectEvents, envelopes.map((value) => ({ key: projectId, value })));
    console.log(`sent ${facts.length} signed facts for project ${projectId}: ${facts.map((f) => f.type).join(', ')}`);

    const deadline = Date.now() + waitSeconds * 1000;
    let seen = -1;
    // Done when no new status event came for 3 s after the last one (the hub's publisher polls every 250 ms).
    for (let quietSince = Date.now(); Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      if (statuses.length !== seen) { seen = statuses.length; quietSince = Date.now(); }
      if (seen > 0 && Date.now() - quietSince > 3000) break;
    }
    if (statuses.length === 0) throw new Error(`no status event for ${projectId} within ${waitSeconds} s: is the hub running (npm start)?`);
    console.log(`${statuses.length} signed status events from the hub:`);
    for (const s of statuses.sort((x, y) => x.version - y.version)) console.log(s.line);
    console.log(`the project as the hub keeps it: curl -H "Authorization: Bearer $TOKEN" localhost:${config.HTTP_PORT}/projects/${projectId}`);
  } finally {
    await consumer?.disconnect();
    await clients.close();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error((e as Error).message);
    process.exitCode = 1;
  });
}
