import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Element } from '@xmldom/xmldom';
import { EdsError, EdsRuntime, InMemoryReplayStore, SHEP_NS, el, type XmlElement } from '@hub/eds';
import { KYC_NS, SHEP_SUCCESS } from '@hub/ndip';
import { loadConfig, requireEdsSettings } from '@hub/platform';

/**
 * The physical floor of one SOAP exchange on this machine (issue 10's "p99 < 150 ms at 50 clients"):
 * a bare node:http server that does only what no implementation of the door can skip, with the same
 * libs/eds primitives and trust material as the hub —
 *   parse the untrusted SOAP message and check its structure, verify its WS-Security signature with
 *   the full checklist (chain to the pinned anchors, CRL, key usage, the sender's BIN in the
 *   certificate, date window, replay), find the KycRequest, build an answer document, sign it
 *   (enveloped XMLDSig) and sign the SOAP response around it (WS-Security): one RSA verification and
 *   two RSA signatures per exchange, as the hub does.
 * What it leaves out, and why a floor may: the assessment (register read, watchlist screening,
 * verdict rules: business work whose cost is the hub's, not the protocol's — the answer here is a
 * fixed CLEAR of comparable size), PostgreSQL (the replay store is in memory: the same check, but a
 * single instance needs no shared store; no stored answer, no message log — durability the issue
 * asks of the hub, not of the wire), Nest, metrics and logging. So hub ÷ floor is what the hub's
 * guarantees and business work cost on top of the protocol's crypto and XML.
 *
 * Runs as a child process with the hub's Node flags (fork with HUB_NODE_ARGS), so its CPU and GC
 * are measured apart from the bench's load generator, as the hub's are.
 */
async function serve(): Promise<void> {
  const config = loadConfig();
  const eds = await EdsRuntime.create(requireEdsSettings(config));
  const windowMs = config.NDIP_MESSAGE_WINDOW_SECONDS * 1000;
  const verifier = eds.soapVerifier({ replayStore: new InMemoryReplayStore(), maxAgeMs: windowMs, maxFutureMs: windowMs });
  const hubBin = eds.identity.bin ?? '';

  const answer = async (xml: string): Promise<{ status: number; body: string }> => {
    let verified;
    try {
      verified = await verifier.verify(xml);
    } catch (error) {
      if (!(error instanceof EdsError)) throw error;
      return { status: 500, body: await eds.soapSigner.sign(el('soap:Fault', {}, [el('faultcode', {}, ['soap:Client']), el('faultstring', {}, [error.code])])) };
    }
    const info = verified.requestInfo;
    const request = findKycRequest(verified.payload);
    const issuedAt = new Date();
    const messageId = randomUUID();
    const k = (name: string, attrs: Record<string, string> = {}, children: Array<XmlElement | string> = []) => el(`kyc:${name}`, attrs, children);
    const document = await eds.documentSigner.sign(k('KycResult', {
      'xmlns:kyc': KYC_NS, messageId, correlationId: info.messageId, issuedAt: issuedAt.toISOString(), senderBin: hubBin, recipientBin: info.senderId, rulesVersion: 'floor',
    }, [
      k('Subject', {}, [request?.getAttribute('messageId') ?? '']),
      k('Verdict', {}, ['CLEAR']),
      k('Reasons', {}, [k('Reason', { code: 'NO_FINDINGS', severity: 'INFO' }, ['No register, tax, court or watchlist finding speaks against the subject.'])]),
    ]));
    const p = (name: string, children: Array<XmlElement | string>) => el(`shep:${name}`, {}, children);
    return {
      status: 200,
      body: await eds.soapSigner.sign(el('shep:SendMessageResponse', { 'xmlns:shep': SHEP_NS }, [p('response', [
        p('responseInfo', [p('messageId', [messageId]), p('correlationId', [info.messageId]), p('responseDate', [issuedAt.toISOString()]),
          p('status', [p('code', [SHEP_SUCCESS.code]), p('message', [SHEP_SUCCESS.message])])]),
        p('responseData', [p('data', [document])]),
      ])])),
    };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
      answer(Buffer.concat(chunks).toString('utf8')).then(
        (a) => res.writeHead(a.status, { 'content-type': 'text/xml; charset=utf-8' }).end(a.body),
        (e: Error) => res.writeHead(500).end(e.message),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
}

function findKycRequest(e: Element): Element | null {
  for (let c = e.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 1) continue;
    const child = c as Element;
    if (child.namespaceURI === KYC_NS && child.localName === 'KycRequest') return child;
    const inner = findKycRequest(child);
    if (inner) return inner;
  }
  return null;
}

/** Starts the floor server as a child with `nodeArgs` and the hub's environment (its EDS settings). */
export function startSoapFloor(nodeArgs: readonly string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; baseUrl: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { execArgv: [...nodeArgs], env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (m: { port: number }) => resolve({ child, baseUrl: `http://127.0.0.1:${m.port}` }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the SOAP floor server exited ${code}`)));
  });
}

if (require.main === module) {
  serve().catch((e: Error) => {
    process.stderr.write(`SOAP floor: ${e.stack ?? e.message}\n`);
    process.exit(1);
  });
}
