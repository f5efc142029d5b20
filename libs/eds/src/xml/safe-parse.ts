import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import './xmldom-regexp-cache';
import { NS } from '../algorithms';
import { EdsError, EdsFailure, fail } from '../eds-error';

export const DEFAULT_MAX_BYTES = 1024 * 1024;

const ELEMENT = 1;
const ATTRIBUTE_ID = /^(?:Id|ID|id)$/;

/** What one walk over the parsed tree found; the verifiers decide with this, not with XPath. */
export interface ParsedXml {
  doc: Document;
  root: Element;
  signatures: Element[];
  signedInfoCount: number;
  /** ID-like attribute value (Id, ID, id, wsu:Id) -> elements carrying it */
  ids: Map<string, Element[]>;
}

/**
 * Parses untrusted XML: size cap, no DTD (so no entities, internal or external), no comments or
 * processing instructions anywhere (other than the XML declaration). Parser warnings count as
 * errors: we fail closed rather than accept what the parser had to repair.
 */
export function parseUntrustedXml(input: string | Buffer, maxBytes = DEFAULT_MAX_BYTES): ParsedXml {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (size > maxBytes) fail(EdsFailure.DOCUMENT_TOO_LARGE, `${size} bytes exceeds the ${maxBytes} byte limit`);
  const text = typeof input === 'string' ? input : input.toString('utf8');
  if (text.includes('<!DOCTYPE') || text.includes('<!ENTITY')) fail(EdsFailure.DTD_FORBIDDEN, 'DTDs and entity declarations are not accepted');
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, msg) => {
        throw new EdsError(EdsFailure.MALFORMED_XML, `${level}: ${msg}`);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    if (e instanceof EdsError) throw e;
    fail(EdsFailure.MALFORMED_XML, (e as Error).message);
  }
  const root = doc.documentElement;
  if (!root) fail(EdsFailure.MALFORMED_XML, 'no document element');

  const result: ParsedXml = { doc, root, signatures: [], signedInfoCount: 0, ids: new Map() };
  let first = true;
  for (let n: Node | null = doc.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 7 && first && (n as unknown as { target: string }).target === 'xml') {
      first = false;
      continue;
    }
    first = false;
    if (n.nodeType === 10) fail(EdsFailure.DTD_FORBIDDEN, 'document type declaration');
    if (n.nodeType === 7 || n.nodeType === 8) fail(EdsFailure.COMMENT_OR_PI_FORBIDDEN, 'comment or processing instruction outside the root');
  }
  walk(root, result);
  return result;
}

function walk(el: Element, acc: ParsedXml): void {
  if (el.namespaceURI === NS.ds) {
    if (el.localName === 'Signature') acc.signatures.push(el);
    else if (el.localName === 'SignedInfo') acc.signedInfoCount++;
  }
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i)!;
    if (ATTRIBUTE_ID.test(a.localName ?? a.name) && a.namespaceURI !== NS.xmlns) {
      const list = acc.ids.get(a.value);
      if (list) list.push(el);
      else acc.ids.set(a.value, [el]);
    }
  }
  for (let c: Node | null = el.firstChild; c; c = c.nextSibling) {
    const t = c.nodeType;
    if (t === ELEMENT) walk(c as Element, acc);
    else if (t === 7 || t === 8) fail(EdsFailure.COMMENT_OR_PI_FORBIDDEN, 'comments and processing instructions are not accepted');
  }
}

/** Element children only; text between them must be whitespace (anything else is refused). */
export function elementChildren(el: Element, what: string): Element[] {
  const out: Element[] = [];
  for (let c: Node | null = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === ELEMENT) out.push(c as Element);
    else if (c.nodeType === 3 && /^\s*$/.test(c.nodeValue ?? '')) continue;
    else fail(EdsFailure.SIGNATURE_STRUCTURE, `unexpected content in ${what}`);
  }
  return out;
}

export function textOf(el: Element): string {
  let s = '';
  for (let c: Node | null = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3 || c.nodeType === 4) s += c.nodeValue ?? '';
    else fail(EdsFailure.SIGNATURE_STRUCTURE, `${el.localName} must contain text only`);
  }
  return s;
}

export function is(el: Element | undefined, ns: string, local: string): el is Element {
  return el !== undefined && el.namespaceURI === ns && el.localName === local;
}
