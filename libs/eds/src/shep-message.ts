import type { Element, Node } from '@xmldom/xmldom';
import { EdsFailure, fail } from './eds-error';
import { el, type XmlElement, type XmlNode } from './xml/canonical-builder';

/** Namespace of the e-Gov gateway's synchronous channel (ShEP SyncChannel v10). */
export const SHEP_NS = 'http://bip.bee.kz/SyncChannel/v10/Types';

export interface RequestInfo {
  messageId: string;
  correlationId?: string;
  serviceId: string;
  messageDate: Date;
  senderId: string;
}

/** Builds a canonical SendMessage payload for the SOAP Body. */
export function buildSendMessage(info: RequestInfo, requestData: XmlNode[], senderPassword?: string): XmlElement {
  const p = (name: string, text: string) => el(`shep:${name}`, {}, [text]);
  const requestInfo = el('shep:requestInfo', {}, [
    p('messageId', info.messageId),
    ...(info.correlationId ? [p('correlationId', info.correlationId)] : []),
    p('serviceId', info.serviceId),
    p('messageDate', info.messageDate.toISOString()),
    el('shep:sender', {}, [p('senderId', info.senderId), ...(senderPassword !== undefined ? [p('password', senderPassword)] : [])]),
  ]);
  return el('shep:SendMessage', { 'xmlns:shep': SHEP_NS }, [
    el('shep:request', {}, [requestInfo, el('shep:requestData', {}, requestData)]),
  ]);
}

function elementsByLocalName(root: Element, name: string): Element[] {
  const out: Element[] = [];
  const visit = (n: Element) => {
    for (let c: Node | null = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      if ((c as Element).localName === name) out.push(c as Element);
      visit(c as Element);
    }
  };
  visit(root);
  return out;
}

function childText(parent: Element, name: string, required: true): string;
function childText(parent: Element, name: string, required: false): string | undefined;
function childText(parent: Element, name: string, required: boolean): string | undefined {
  const found: Element[] = [];
  for (let c: Node | null = parent.firstChild; c; c = c.nextSibling) if (c.nodeType === 1 && (c as Element).localName === name) found.push(c as Element);
  if (found.length > 1) fail(EdsFailure.MESSAGE_INFO_MISSING, `more than one ${name}`);
  const v = found[0]?.textContent?.trim();
  if (required && !v) fail(EdsFailure.MESSAGE_INFO_MISSING, `no ${name} in requestInfo`);
  return v || undefined;
}

/** Reads requestInfo from an already verified Body: ids and dates come only from signed content. */
export function readRequestInfo(body: Element): RequestInfo {
  const infos = elementsByLocalName(body, 'requestInfo');
  if (infos.length !== 1) fail(EdsFailure.MESSAGE_INFO_MISSING, `expected one requestInfo, found ${infos.length}`);
  const ri = infos[0];
  const senders = elementsByLocalName(ri, 'sender');
  if (senders.length !== 1) fail(EdsFailure.MESSAGE_INFO_MISSING, 'expected one sender');
  const dateText = childText(ri, 'messageDate', true);
  const messageDate = new Date(dateText);
  // A date without zone would be read in the server's zone; the gateway always sends one.
  if (Number.isNaN(messageDate.getTime()) || !/(Z|[+-]\d\d:\d\d)$/.test(dateText))
    fail(EdsFailure.MESSAGE_INFO_MISSING, `messageDate ${dateText} is not an ISO date-time with zone`);
  return {
    messageId: childText(ri, 'messageId', true),
    correlationId: childText(ri, 'correlationId', false),
    serviceId: childText(ri, 'serviceId', true),
    messageDate,
    senderId: childText(senders[0], 'senderId', true),
  };
}
