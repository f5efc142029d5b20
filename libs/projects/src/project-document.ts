// The XML documents inside the signed envelopes: an inbound fact (ProjectEvent) and an outbound
// status event (ProjectStatus). The signature (added by the signer) covers the whole root element;
// the fact travels as JSON text in <Payload>, so its shape is the lifecycle's ProjectFact.
import { DOMParser, type Element } from '@xmldom/xmldom';
import { FactType, ProjectFact, StatusEvent } from './core/lifecycle';

export const PROJECTS_NS = 'urn:kz:hub:ndip:projects:v1';
export const FACT_DOCUMENT_TYPE = 'ProjectEvent';
export const STATUS_DOCUMENT_TYPE = 'ProjectStatus';

const FACT_TYPES: readonly FactType[] = [
  'InitiativeRegistered', 'InitiativeDecision', 'PassportCreated', 'RoadmapSubmitted', 'RoadmapReturned', 'RoadmapRemarksFixed', 'RoadmapApproved',
  'TaskScheduled', 'TaskCompleted', 'ProjectValidated', 'InvestmentContractTerm', 'ExclusionRequested', 'AuthorizedBodyDecision',
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function factDocument(fact: ProjectFact): string {
  const { factId, projectId, type, occurredOn, ...payload } = fact;
  return `<ProjectEvent xmlns="${PROJECTS_NS}" factId="${escapeXml(factId)}" projectId="${escapeXml(projectId)}" type="${type}" occurredOn="${occurredOn}">`
    + `<Payload>${escapeXml(JSON.stringify(payload))}</Payload></ProjectEvent>`;
}

export function statusDocument(event: StatusEvent): string {
  const { eventId, projectId, version, type, paragraph, effectiveOn, causedBy, data } = event;
  return `<ProjectStatus xmlns="${PROJECTS_NS}" eventId="${eventId}" projectId="${escapeXml(projectId)}" version="${version}" type="${type}" paragraph="${escapeXml(paragraph)}" effectiveOn="${effectiveOn}" causedBy="${escapeXml(causedBy)}">`
    + `<Data>${escapeXml(JSON.stringify(data))}</Data></ProjectStatus>`;
}

export enum DocumentRejection {
  MALFORMED = 'DOCUMENT_MALFORMED',
  WRONG_ROOT = 'DOCUMENT_WRONG_ROOT',
  UNKNOWN_FACT_TYPE = 'UNKNOWN_FACT_TYPE',
  FIELD_MISSING = 'FIELD_MISSING',
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: DocumentRejection; reason: string };

/** Reads a (verified) ProjectEvent document back into a fact; the fact's own checks are the lifecycle's. */
export function parseFactDocument(xml: string): Parsed<ProjectFact> {
  let root: Element | null;
  try {
    const doc = new DOMParser({ onError: (level, msg) => { throw new Error(`${level}: ${msg}`); } }).parseFromString(xml, 'text/xml');
    root = doc.documentElement;
  } catch (e) {
    return { ok: false, code: DocumentRejection.MALFORMED, reason: (e as Error).message };
  }
  if (!root || root.localName !== FACT_DOCUMENT_TYPE || root.namespaceURI !== PROJECTS_NS) return { ok: false, code: DocumentRejection.WRONG_ROOT, reason: `expected {${PROJECTS_NS}}${FACT_DOCUMENT_TYPE}` };
  const attr = (n: string): string => root.getAttribute(n) ?? '';
  const type = attr('type') as FactType;
  if (!FACT_TYPES.includes(type)) return { ok: false, code: DocumentRejection.UNKNOWN_FACT_TYPE, reason: `fact type "${type}" is not one NDIP sends` };
  for (const n of ['factId', 'projectId']) if (!attr(n)) return { ok: false, code: DocumentRejection.FIELD_MISSING, reason: `${n} is required` };
  if (!DATE.test(attr('occurredOn'))) return { ok: false, code: DocumentRejection.FIELD_MISSING, reason: 'occurredOn must be YYYY-MM-DD' };
  const payloadEl = root.getElementsByTagNameNS(PROJECTS_NS, 'Payload')[0];
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(payloadEl?.textContent ?? '{}') as Record<string, unknown>;
  } catch (e) {
    return { ok: false, code: DocumentRejection.MALFORMED, reason: `Payload is not JSON: ${(e as Error).message}` };
  }
  return { ok: true, value: { ...payload, type, factId: attr('factId'), projectId: attr('projectId'), occurredOn: attr('occurredOn') } as ProjectFact };
}
