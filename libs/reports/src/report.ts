import { el, type XmlElement, type XmlNode } from '@hub/eds';

/** Namespace of the hub's signed counterparty reports (BPR §28). */
export const REPORT_NS = 'urn:kz:bpr-hub:report:v1';
export const REPORT_FORMAT_VERSION = '1';

type Scalar = string | number | boolean | null | undefined;
export type FactRecord = Record<string, Scalar>;

/** Why an index is what it is, in plain words: never a confidential value or a contribution (non-invertible, BPR §20). */
export interface ReportReason { code: string; text: string; source?: string }
export interface ReportIndex { name: string; value: number; category: string; algorithmVersion: string; computedAt: string; reasons: ReportReason[] }

/** Everything a report shows, gathered from the register's card and profile and from scoring. */
export interface ReportContent {
  subject: {
    id: string;
    idKind: 'BIN' | 'IIN';
    name: string | null;
    status: string | null;
    legalForm: string | null;
    registeredOn: string | null;
    address: string | null;
    head: string | null;
    primaryActivity: string | null;
  };
  indexes: ReportIndex[];
  /** current state-list memberships (tax lists) */
  lists: FactRecord[];
  taxes: { debtKzt: number | null; debtAsOf: string | null; paid: FactRecord[] } | null;
  courtCases: { summary: FactRecord; cases: FactRecord[] } | null;
  utilityArrears: { summary: FactRecord; outstanding: FactRecord[] } | null;
  /** the register's facts as of */
  factsAsOf: string | null;
}

export interface ReportHeader {
  reportId: string;
  issuedAt: Date;
  issuerBin: string;
  requestedBy: { iin: string; bin: string | null; role: string | null };
}

const attrs = (record: FactRecord): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) if (v !== null && v !== undefined && /^[A-Za-z_][\w-]*$/.test(k)) out[k] = String(v);
  return out;
};
const opt = (name: string, value: Scalar): XmlNode[] => (value === null || value === undefined ? [] : [el(`rep:${name}`, {}, [String(value)])]);

/**
 * Pure: the report document. Canonical (exc-c14n) by construction, so the hub signs it without a
 * parse round trip and xmlsec1 verifies it as is. The signature is added by XmlDocumentSigner.
 */
export function reportDocument(h: ReportHeader, c: ReportContent): XmlElement {
  const s = c.subject;
  return el('rep:CounterpartyReport', { 'xmlns:rep': REPORT_NS, formatVersion: REPORT_FORMAT_VERSION }, [
    el('rep:ReportId', {}, [h.reportId]),
    el('rep:IssuedAt', {}, [h.issuedAt.toISOString()]),
    el('rep:Issuer', { bin: h.issuerBin }, ['Business partners register integration hub']),
    el('rep:RequestedBy', attrs({ iin: h.requestedBy.iin, bin: h.requestedBy.bin, role: h.requestedBy.role })),
    el('rep:Subject', { idKind: s.idKind, id: s.id }, [
      ...opt('Name', s.name), ...opt('Status', s.status), ...opt('LegalForm', s.legalForm), ...opt('RegisteredOn', s.registeredOn),
      ...opt('Address', s.address), ...opt('Head', s.head), ...opt('PrimaryActivity', s.primaryActivity),
    ]),
    el('rep:Indexes', {}, c.indexes.map((i) => el('rep:Index', { name: i.name, value: String(i.value), category: i.category, algorithmVersion: i.algorithmVersion, computedAt: i.computedAt },
      i.reasons.map((r) => el('rep:Reason', attrs({ code: r.code, source: r.source }), [r.text]))))),
    el('rep:StateLists', { count: String(c.lists.length) }, c.lists.map((l) => el('rep:List', attrs(l)))),
    ...(c.taxes ? [el('rep:Taxes', attrs({ debtKzt: c.taxes.debtKzt, debtAsOf: c.taxes.debtAsOf }), c.taxes.paid.map((p) => el('rep:Year', attrs(p))))] : [el('rep:Taxes', { available: 'false' })]),
    ...(c.courtCases ? [el('rep:CourtCases', attrs(c.courtCases.summary), c.courtCases.cases.map((k) => el('rep:Case', attrs(k))))] : [el('rep:CourtCases', { total: '0' })]),
    ...(c.utilityArrears ? [el('rep:UtilityArrears', attrs(c.utilityArrears.summary), c.utilityArrears.outstanding.map((a) => el('rep:Arrear', attrs(a))))] : [el('rep:UtilityArrears', { nonPaymentCount: '0' })]),
    ...opt('FactsAsOf', c.factsAsOf),
  ]);
}

/** A code a person can read off the printed rendering and type into the verify form: 20 hex digits of the signed document's SHA-256. */
export function verificationCode(documentSha256Hex: string): string {
  return documentSha256Hex.slice(0, 20).toUpperCase().match(/.{4}/g)!.join('-');
}
