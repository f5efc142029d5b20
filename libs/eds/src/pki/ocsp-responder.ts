import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate as AsnCertificate, Extension } from '@peculiar/asn1-x509';
import type { Certificate } from './certificate';
import {
  BasicOCSPResponse,
  CertStatus,
  OCSPRequest,
  OCSPResponse,
  OCSP_OID,
  OcspResponseStatus,
  ResponderID,
  ResponseBytes,
  ResponseData,
  RevokedInfo,
  SingleResponse,
} from './ocsp-asn1';
import { certIdFor, hashForOid, keyHash, sameCertId, serialOf } from './ocsp-cert-id';

export type OcspAnswer = { status: 'good' } | { status: 'revoked'; at: Date } | { status: 'unknown' };

export interface OcspResponderOptions {
  issuer: Certificate;
  /** the key that signs responses and its certificate (the CA itself or a delegated responder) */
  signerKey: KeyObject;
  signerCert: Certificate;
  /** status by lower-case hex serial without leading zeros */
  statusOf(serialHex: string): OcspAnswer;
  now?: () => Date;
  validityMs?: number;
}

export interface RunningOcspResponder {
  url: string;
  /** number of requests answered, for tests that check caching */
  readonly requests: number;
  close(): Promise<void>;
}

/** Builds a signed OCSP response for a DER request (RFC 6960), or a malformedRequest answer. */
export function answerOcspRequest(der: Buffer, o: OcspResponderOptions): Buffer {
  let req: OCSPRequest;
  try {
    req = AsnConvert.parse(der, OCSPRequest);
  } catch {
    return Buffer.from(AsnConvert.serialize(new OCSPResponse({ responseStatus: OcspResponseStatus.malformedRequest })));
  }
  const now = (o.now ?? (() => new Date()))();
  const next = new Date(now.getTime() + (o.validityMs ?? 10 * 60_000));
  const responses = req.tbsRequest.requestList.map((r) => {
    const hash = hashForOid(r.reqCert.hashAlgorithm.algorithm);
    const ours = hash ? certIdFor(o.issuer, o.issuer, hash) : undefined;
    // Compare issuer hashes by building our own CertID with the asked-for serial.
    const sameIssuer =
      ours !== undefined &&
      sameCertId(r.reqCert, Object.assign(ours, { serialNumber: r.reqCert.serialNumber }));
    const answer: OcspAnswer = sameIssuer ? o.statusOf(serialOf(r.reqCert)) : { status: 'unknown' };
    const certStatus =
      answer.status === 'good'
        ? new CertStatus({ good: null })
        : answer.status === 'revoked'
          ? new CertStatus({ revoked: new RevokedInfo({ revocationTime: answer.at }) })
          : new CertStatus({ unknown: null });
    return new SingleResponse({ certID: r.reqCert, certStatus, thisUpdate: now, nextUpdate: next });
  });
  const nonce = req.tbsRequest.requestExtensions?.find((e) => e.extnID === OCSP_OID.nonce);
  const data = new ResponseData({
    responderID: new ResponderID({ byKey: new OctetString(keyHash(o.signerCert)) }),
    producedAt: now,
    responses,
    responseExtensions: nonce ? [new Extension({ extnID: OCSP_OID.nonce, critical: false, extnValue: nonce.extnValue })] : undefined,
  });
  const tbs = Buffer.from(AsnConvert.serialize(data));
  const basic = new BasicOCSPResponse({
    tbsResponseData: data,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OCSP_OID.sha256WithRSA, parameters: null }),
    signature: new Uint8Array(sign('sha256', tbs, o.signerKey)).buffer,
    certs: o.signerCert.der.equals(o.issuer.der) ? undefined : [AsnConvert.parse(o.signerCert.der, AsnCertificate)],
  });
  return Buffer.from(
    AsnConvert.serialize(
      new OCSPResponse({
        responseStatus: OcspResponseStatus.successful,
        responseBytes: new ResponseBytes({ responseType: OCSP_OID.basic, response: new OctetString(AsnConvert.serialize(basic)) }),
      }),
    ),
  );
}

/** A local OCSP responder on 127.0.0.1 and a random port, for development and tests only. */
export async function startOcspResponder(o: OcspResponderOptions): Promise<RunningOcspResponder> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      if (req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      const body = answerOcspRequest(Buffer.concat(chunks), o);
      res.writeHead(200, { 'content-type': 'application/ocsp-response', 'content-length': body.length }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
