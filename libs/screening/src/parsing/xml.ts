import { DOMParser, type Element, type Node } from '@xmldom/xmldom';

/** Why a whole list file was refused (a single bad entry is reported, not thrown). */
export enum ListParseFailure {
  TOO_LARGE = 'TOO_LARGE',
  DTD_FORBIDDEN = 'DTD_FORBIDDEN',
  MALFORMED_XML = 'MALFORMED_XML',
  UNEXPECTED_ROOT = 'UNEXPECTED_ROOT',
  LIST_VERSION_MISSING = 'LIST_VERSION_MISSING',
}

export class ListParseError extends Error {
  constructor(readonly code: ListParseFailure, message: string) {
    super(`${code}: ${message}`);
  }
}

/** The full UN list is a few MB; anything far larger is not a list we know. */
export const MAX_LIST_BYTES = 64 * 1024 * 1024;
const ELEMENT = 1;

/**
 * Parses a published list file as untrusted input: size cap, no DTD (so no entity expansion,
 * internal or external), parser errors fatal. Returns the document element.
 */
export function parseListXml(input: string | Buffer): Element {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (size > MAX_LIST_BYTES) throw new ListParseError(ListParseFailure.TOO_LARGE, `${size} bytes exceeds ${MAX_LIST_BYTES}`);
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new ListParseError(ListParseFailure.DTD_FORBIDDEN, 'DTDs and entity declarations are not accepted');
  try {
    const doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') throw new ListParseError(ListParseFailure.MALFORMED_XML, `${level}: ${msg}`);
      },
    }).parseFromString(text, 'text/xml');
    if (!doc.documentElement) throw new ListParseError(ListParseFailure.MALFORMED_XML, 'no document element');
    return doc.documentElement;
  } catch (e) {
    if (e instanceof ListParseError) throw e;
    throw new ListParseError(ListParseFailure.MALFORMED_XML, (e as Error).message);
  }
}

/** Direct element children, optionally only those with the given (local) name. */
export function children(el: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (let c: Node | null = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== ELEMENT) continue;
    const e = c as Element;
    if (name === undefined || (e.localName ?? e.nodeName) === name) out.push(e);
  }
  return out;
}

export const child = (el: Element, name: string): Element | undefined => children(el, name)[0];

/** Every descendant element with the given local name, in document order. */
export function descendants(el: Element, name: string): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    for (const c of children(e)) {
      if ((c.localName ?? c.nodeName) === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** Text content, whitespace collapsed; an empty placeholder (`<COUNTRY/>`) is null. */
export function text(el: Element | undefined): string | null {
  if (!el) return null;
  const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  return t.length === 0 ? null : t;
}

export const childText = (el: Element, name: string): string | null => text(child(el, name));

/** Texts of `<NAME><VALUE>…</VALUE>…</NAME>` lists, skipping empty values. */
export function values(el: Element, name: string): string[] {
  return children(el, name).flatMap((n) => children(n, 'VALUE')).map(text).filter((v): v is string => v !== null);
}
