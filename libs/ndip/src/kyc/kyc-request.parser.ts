import type { Element } from '@xmldom/xmldom';
import { parseNationalId } from '@hub/identity';
import type { ForeignParty, KycRequest, KycSubject, PartyKind } from './kyc-subject';
import { KYC_NS, childElements, childText } from './kyc-xml';

export type ParsedKycRequest = { ok: true; request: KycRequest } | { ok: false; reason: string };

const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const MAX_OWNERS = 50;
const MAX_NAME = 300;

function party(e: Element, where: string): ForeignParty | string {
  const kind = e.getAttribute('kind') as PartyKind | null;
  if (kind !== 'PERSON' && kind !== 'ORGANISATION') return `${where}: attribute kind must be PERSON or ORGANISATION`;
  const name = childText(e, 'Name');
  if (!name) return `${where}: Name is required`;
  if (name.length > MAX_NAME) return `${where}: Name longer than ${MAX_NAME} characters`;
  const birthDate = childText(e, 'BirthDate');
  if (birthDate !== null && !PARTIAL_DATE.test(birthDate)) return `${where}: BirthDate must be YYYY, YYYY-MM or YYYY-MM-DD`;
  if (birthDate !== null && kind !== 'PERSON') return `${where}: only a PERSON has a BirthDate`;
  return { kind, name, country: childText(e, 'Country'), registrationNumber: childText(e, 'RegistrationNumber'), birthDate };
}

/**
 * Pure: the KYC request inside an already verified document. The routing attributes (messageId,
 * senderBin, issuedAt) come from the signed content, so the verifier can compare them with the
 * untrusted envelope. A reason says what to fix.
 */
export function parseKycRequest(root: Element): ParsedKycRequest {
  if (root.namespaceURI !== KYC_NS || root.localName !== 'KycRequest') return { ok: false, reason: `document element must be {${KYC_NS}}KycRequest` };
  const messageId = root.getAttribute('messageId') ?? '';
  const senderBin = root.getAttribute('senderBin') ?? '';
  const issuedAtText = root.getAttribute('issuedAt') ?? '';
  if (!messageId) return { ok: false, reason: 'KycRequest@messageId is required' };
  if (!/^\d{12}$/.test(senderBin)) return { ok: false, reason: 'KycRequest@senderBin must be a 12-digit BIN' };
  const issuedAt = new Date(issuedAtText);
  if (!/(Z|[+-]\d\d:\d\d)$/.test(issuedAtText) || Number.isNaN(issuedAt.getTime())) return { ok: false, reason: 'KycRequest@issuedAt must be an ISO date-time with a zone' };
  const subjects = childElements(root, 'Subject');
  if (subjects.length !== 1) return { ok: false, reason: 'exactly one Subject is required' };
  const subject = parseSubject(subjects[0]);
  if (typeof subject === 'string') return { ok: false, reason: subject };
  return { ok: true, request: { messageId, senderBin, issuedAt, subject } };
}

function parseSubject(s: Element): KycSubject | string {
  const inner = childElements(s);
  if (inner.length !== 1) return 'Subject must hold exactly one of Bin, Iin or Foreign';
  const e = inner[0];
  if (e.localName === 'Bin' || e.localName === 'Iin') {
    const id = (e.textContent ?? '').trim();
    const parsed = parseNationalId(id);
    if (!parsed.ok) return `Subject/${e.localName}: ${parsed.message}`;
    return { kind: 'NATIONAL_ID', id };
  }
  if (e.localName !== 'Foreign') return `Subject/${e.localName} is not known (Bin, Iin or Foreign)`;
  const main = party(e, 'Subject/Foreign');
  if (typeof main === 'string') return main;
  const ownerElements = childElements(e, 'BeneficialOwner');
  if (ownerElements.length > MAX_OWNERS) return `at most ${MAX_OWNERS} BeneficialOwner elements`;
  const owners: ForeignParty[] = [];
  for (const [i, o] of ownerElements.entries()) {
    const p = party(o, `Subject/Foreign/BeneficialOwner[${i + 1}]`);
    if (typeof p === 'string') return p;
    owners.push(p);
  }
  return { kind: 'FOREIGN', party: main, beneficialOwners: owners };
}
