import { el, type XmlElement } from '@hub/eds';
import type { Refusal } from '../envelope/refusal-code';
import type { KycFindings, ScreeningSummary } from './kyc-findings';
import type { ForeignParty, KycSubject } from './kyc-subject';
import { KYC_NS } from './kyc-xml';
import type { KycDecision } from './kyc-verdict.rules';

export interface AnswerHeader {
  messageId: string;
  /** the request's message id */
  correlationId: string;
  issuedAt: Date;
  senderBin: string;
  recipientBin: string;
}

const k = (name: string, attrs: Record<string, string> = {}, children: Array<XmlElement | string> = []) => el(`kyc:${name}`, attrs, children);
const text = (name: string, value: string | null | undefined) => (value === null || value === undefined ? [] : [k(name, {}, [value])]);

function headerAttrs(h: AnswerHeader): Record<string, string> {
  return { 'xmlns:kyc': KYC_NS, messageId: h.messageId, correlationId: h.correlationId, issuedAt: h.issuedAt.toISOString(), senderBin: h.senderBin, recipientBin: h.recipientBin };
}

function partyXml(name: string, p: ForeignParty): XmlElement {
  return k(name, { kind: p.kind }, [...text('Name', p.name), ...text('Country', p.country), ...text('RegistrationNumber', p.registrationNumber), ...text('BirthDate', p.birthDate)]);
}

export function subjectXml(subject: KycSubject): XmlElement {
  if (subject.kind === 'NATIONAL_ID') return k('Subject', {}, [k(subject.id[4] >= '4' ? 'Bin' : 'Iin', {}, [subject.id])]);
  const main = partyXml('Foreign', subject.party);
  return k('Subject', {}, [k('Foreign', main.attrs, [...main.children, ...subject.beneficialOwners.map((o) => partyXml('BeneficialOwner', o))])]);
}

function screeningXml(s: ScreeningSummary): XmlElement {
  return k('Screening', { configVersion: s.configVersion }, [
    ...Object.entries(s.listVersions).sort().map(([list, version]) => k('ListVersion', { list, version })),
    ...s.parties.map((p) => k('Party', { role: p.role, kind: p.kind, name: p.name }, p.hits.map((h) =>
      k('Hit', { list: h.list, entryId: h.entryId, ...(h.referenceNumber ? { referenceNumber: h.referenceNumber } : {}), matchedName: h.matchedName, score: h.score.toFixed(3) },
        h.features.map((f) => k('Feature', { name: f.name, score: f.score.toFixed(3), weight: f.weight.toFixed(3) }, [f.detail])))))),
  ]);
}

function findingsXml(f: KycFindings): XmlElement[] {
  const out: XmlElement[] = [];
  if (f.kind === 'NATIONAL_ID' && f.found) {
    const r = f.facts;
    out.push(k('Facts', {}, [
      ...text('Name', r.name), ...text('LegalForm', r.legalForm), ...text('RegistrationStatus', r.registrationStatus),
      ...r.currentTaxLists.map((l) => k('TaxList', { list: l.list, includedOn: l.includedOn })),
      ...r.openInsolvency.map((p) => k('Insolvency', { kind: p.kind, startDate: p.startDate })),
      ...r.courtRestrictions.map((c) => k('CourtRestriction', { caseNumber: c.caseNumber, actDate: c.actDate, ...(c.category ? { category: c.category } : {}), ...(c.outcome ? { outcome: c.outcome } : {}) })),
    ]));
    out.push(k('Indexes', {}, f.indexes.map((i) => k('Index', { name: i.index, value: i.value.toFixed(4), category: i.category, algorithmVersion: i.algorithmVersion }, i.factors.map((t) => k('Factor', {}, [t]))))));
  }
  const screening = f.screening;
  if (screening) out.push(screeningXml(screening));
  return out;
}

/** The answer to a verified KYC request: verdict, coded reasons in plain words, the evidence. */
export function kycResultXml(h: AnswerHeader, subject: KycSubject, findings: KycFindings, decision: KycDecision): XmlElement {
  return k('KycResult', { ...headerAttrs(h), rulesVersion: decision.rulesVersion }, [
    subjectXml(subject),
    k('Verdict', {}, [decision.verdict]),
    k('Reasons', {}, decision.reasons.map((r) => k('Reason', { code: r.code, severity: r.severity, ...(r.ref ? { ref: r.ref } : {}) }, [r.text]))),
    ...findingsXml(findings),
  ]);
}

/** The signed answer to a message that failed a check: it names the check and is never processed further. */
export function refusalXml(h: AnswerHeader, refusal: Refusal): XmlElement {
  return k('KycRefusal', { ...headerAttrs(h), code: refusal.code }, [k('Reason', {}, [refusal.reason])]);
}
