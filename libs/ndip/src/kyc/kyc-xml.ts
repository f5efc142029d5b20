import type { Element, Node } from '@xmldom/xmldom';

/** Namespace of the hub's KYC documents (request, result, refusal). */
export const KYC_NS = 'urn:kz:bpr-hub:ndip:kyc:v1';

export function childElements(parent: Element, localName?: string): Element[] {
  const out: Element[] = [];
  for (let c: Node | null = parent.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 1) continue;
    const e = c as Element;
    if (e.namespaceURI === KYC_NS && (localName === undefined || e.localName === localName)) out.push(e);
  }
  return out;
}

export function childText(parent: Element, localName: string): string | null {
  const found = childElements(parent, localName);
  if (found.length === 0) return null;
  const text = (found[0].textContent ?? '').trim();
  return text === '' ? null : text;
}
