// The XML documents inside the signed envelopes (NDIP §24): an inbound fact (ProjectEvent) and an
// outbound status event (ProjectStatus). Built with @hub/eds's canonical builder, signed with an
// enveloped XMLDSig over the whole root. The root repeats the envelope's messageId, senderBin and
// issuedAt (the envelope verifier of @hub/ndip checks they match); the fact or event travels as
// JSON text in <prj:Payload> / <prj:Data>, so its shape is the lifecycle's own type.
import { DOMParser, type Element } from '@xmldom/xmldom';
import { XmlElement, el } from '@hub/eds';
import { FactType, ProjectFact, StatusEvent } from './core/lifecycle';

export const PROJECTS_NS = 'urn:kz:hub:ndip:projects:v1';
export const FACT_DOCUMENT_TYPE = 'ProjectEvent';
export const STATUS_DOCUMENT_TYPE = 'ProjectStatus';

export interface DocumentHeader { messageId: string; senderBin: string; issuedAt: Date }

const FACT_TYPES: readonly FactType[] = [
  'InitiativeRegistered', 'InitiativeDecision', 'PassportCreated', 'RoadmapSubmitted', 'RoadmapReturned', 'RoadmapRemarksFixed', 'RoadmapApproved',
  'TaskScheduled', 'TaskCompleted', 'ProjectValidated', 'InvestmentContractTerm', 'ExclusionRequested', 'AuthorizedBodyDecision',
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const header = (h: DocumentHeader) => ({ 'xmlns:prj': PROJECTS_NS, messageId: h.messageId, senderBin: h.senderBin, issuedAt: h.issuedAt.toISOString() });

/** The document NDIP signs for one fact; its messageId is the fact id. */
export function factXml(fact: ProjectFact, h: Omit<DocumentHeader, 'messageId'>): XmlElement {
  const { factId, projectId, type, occurredOn, ...payload } = fact;
  return el(`prj:${FACT_DOCUMENT_TYPE}`, { ...header({ ...h, messageId: factId }), factId, projectId, type, occurredOn }, [el('prj:Payload', {}, [JSON.stringify(payload)])]);
}

/** The document the hub signs for one status event; its messageId is the event id. */
export function statusXml(event: StatusEvent, h: Omit<DocumentHeader, 'messageId'>): XmlElement {
  const { eventId, projectId, version, type, paragraph, effectiveOn, causedBy, data } = event;
  return el(`prj:${STATUS_DOCUMENT_TYPE}`, {
    ...header({ ...h, messageId: eventId }), eventId, projectId, version: String(version), type, paragraph, effectiveOn, causedBy,
  }, [el('prj:Data', {}, [JSON.stringify(data)])]);
}

export enum DocumentRejection {
  MALFORMED = 'DOCUMENT_MALFORMED',
  WRONG_ROOT = 'DOCUMENT_WRONG_ROOT',
  UNKNOWN_FACT_TYPE = 'UNKNOWN_FACT_TYPE',
  FIELD_MISSING = 'FIELD_MISSING',
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: DocumentRejection; reason: string };

/** Reads the fact from a verified ProjectEvent root; the fact's own checks are the lifecycle's. */
export function parseFactElement(root: Element): Parsed<ProjectFact> {
  if (root.localName !== FACT_DOCUMENT_TYPE || root.namespaceURI !== PROJECTS_NS) return { ok: false, code: DocumentRejection.WRONG_ROOT, reason: `expected {${PROJECTS_NS}}${FACT_DOCUMENT_TYPE}` };
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

/** Parses XML text (e.g. a status document in a test or the demo) to its root element. */
export function parseXmlRoot(xml: string): Element {
  const doc = new DOMParser({ onError: (level, msg) => { throw new Error(`${level}: ${msg}`); } }).parseFromString(xml, 'text/xml');
  if (!doc.documentElement) throw new Error('no document element');
  return doc.documentElement;
}
