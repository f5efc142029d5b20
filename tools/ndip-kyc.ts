import 'reflect-metadata';
import path from 'node:path';
import { connectMessaging, createLogger, loadConfig, projectRoot } from '@hub/platform';
import { ensureHubDevPki, type DevKeyName } from './hub-dev-pki';
import { KycResultListener, NdipClient, publishRequests, type KycSubjectInput, type ReadAnswer } from './support/ndip-client';

const USAGE = `usage: npm run ndip:kyc -- (--bin <BIN/IIN> | --foreign '<json>') [--soap] [--key ndip|ndipExpired|ndipRevoked|…] [--pki DIR]
  --foreign takes {"kind":"PERSON"|"ORGANISATION","name":…,"country":…,"birthDate":…,"registrationNumber":…,"beneficialOwners":[…]}
  Signs the request with the dev PKI's NDIP key, sends it over Kafka (or the SOAP door with --soap),
  verifies the hub's signed answer and prints the verdict.`;

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function printAnswer(a: ReadAnswer): string {
  const lines = [`${a.type} ${a.messageId} answering ${a.correlationId}, signed by BIN ${a.signerBin} (signature verified)`];
  if (a.refusalCode) lines.push(`REFUSED: ${a.refusalCode}`);
  if (a.verdict) lines.push(`VERDICT: ${a.verdict}`);
  for (const r of a.reasons) lines.push(`  [${r.severity}] ${r.code}: ${r.text}`);
  for (const i of a.indexes) lines.push(`  index ${i.name}: ${i.value.toFixed(2)} ${i.category}`);
  for (const h of a.hits) lines.push(`  hit ${h.party} ~ ${h.list}:${h.entryId} score ${h.score.toFixed(2)} [${h.features.join(', ')}]`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const bin = arg(args, '--bin');
  const foreign = arg(args, '--foreign');
  if (!bin && !foreign) throw new Error(USAGE);
  let subject: KycSubjectInput;
  if (bin) subject = { id: bin };
  else {
    const parsed = JSON.parse(foreign as string) as KycSubjectInput & { beneficialOwners?: unknown };
    const { beneficialOwners, ...party } = parsed as Record<string, unknown>;
    subject = { foreign: party as never, beneficialOwners: (beneficialOwners ?? []) as never };
  }
  const config = loadConfig();
  const pki = await ensureHubDevPki(arg(args, '--pki') ?? path.join(projectRoot(), '.local-stack', 'dev-pki'));
  const keyName = (arg(args, '--key') ?? 'ndip') as DevKeyName;
  const client = new NdipClient(pki.keys[keyName], pki.password, {
    anchors: [pki.env.EDS_TRUST_ANCHORS], intermediates: [pki.env.EDS_INTERMEDIATES], crls: pki.env.EDS_CRLS.split(','),
  }, pki.identities.hubBin);

  if (args.includes('--soap')) {
    const { xml } = await client.soapRequest(subject, config.NDIP_SOAP_SERVICE_ID, { senderBin: pki.identities.ndipBin });
    const response = await fetch(`http://127.0.0.1:${config.HTTP_PORT}/ndip/soap`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
    const body = await response.text();
    console.log(`SOAP HTTP ${response.status}${NdipClient.soapErrorCode(body) ? ` errorCode ${NdipClient.soapErrorCode(body)}` : ''}`);
    console.log(printAnswer(await client.readAnswer(NdipClient.soapAnswerDocument(body))));
    return;
  }
  const clients = await connectMessaging(config, createLogger('warn'), '-ndip-client');
  const listener = new KycResultListener(clients.kafka, clients.registry, config.TOPIC_PREFIX);
  try {
    await listener.start();
    const request = await client.signedRequest(subject, { senderBin: pki.identities.ndipBin });
    await publishRequests(clients.publisher, [request]);
    const deadline = Date.now() + 30_000;
    while (!listener.has(request.messageId)) {
      if (Date.now() > deadline) throw new Error(`no answer to ${request.messageId} within 30 s: is the hub running (npm start)?`);
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(printAnswer(await client.readAnswer(listener.get(request.messageId)!.document)));
  } finally {
    await listener.stop();
    await clients.close();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error((e as Error).message);
    process.exitCode = 1;
  });
}
