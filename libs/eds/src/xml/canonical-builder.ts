import { NS } from '../algorithms';

/**
 * Builds XML that is already in Exclusive XML Canonicalization form (exc-c14n, no comments), so
 * the hub can digest and sign what it builds without parsing and re-serialising it.
 *
 * Namespaces are declared like in ordinary XML (`xmlns`, `xmlns:p` attributes); rendering applies
 * the exc-c14n rules: a declaration is emitted on the element that visibly uses the prefix and
 * only if no output ancestor already emitted the same binding; declarations are sorted by prefix,
 * other attributes by (namespace URI, local name); text and attributes are escaped as c14n says.
 * Tests prove the output equals xml-crypto's exc-c14n of the parsed output.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

const NAME = /^(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*$/;
// C0 controls XML 1.0 cannot carry, and the two non-characters; lone surrogates are found with
// isWellFormed (a lookbehind regex here cost more than the rest of rendering).
// eslint-disable-next-line no-control-regex
const BAD_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const NEEDS_TEXT_ESCAPE = /[&<>\r]/;
const NEEDS_ATTR_ESCAPE = /[&<"\t\n\r]/;

function checkChars(s: string, what: string): void {
  if (BAD_CHARS.test(s) || !(s as unknown as { isWellFormed(): boolean }).isWellFormed())
    throw new Error(`${what} contains characters not allowed in XML`);
}

export function el(name: string, attrs: Record<string, string> = {}, children: XmlNode[] = []): XmlElement {
  if (!NAME.test(name)) throw new Error(`invalid element name ${JSON.stringify(name)}`);
  for (const a of Object.keys(attrs)) if (!NAME.test(a)) throw new Error(`invalid attribute name ${JSON.stringify(a)}`);
  return { name, attrs, children };
}

export function escapeText(s: string): string {
  checkChars(s, 'text');
  if (!NEEDS_TEXT_ESCAPE.test(s)) return s;
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}

export function escapeAttr(s: string): string {
  checkChars(s, 'attribute');
  if (!NEEDS_ATTR_ESCAPE.test(s)) return s;
  return s.replace(/[&<"\t\n\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '"' ? '&quot;' : c === '\t' ? '&#x9;' : c === '\n' ? '&#xA;' : '&#xD;',
  );
}

type Bindings = ReadonlyMap<string, string>;
const EMPTY: Bindings = new Map([['xml', NS.xml]]);

function prefixOf(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? '' : qname.slice(0, i);
}
function localOf(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

/**
 * Renders `node` as the apex of an exc-c14n node set. `inScope` are namespace bindings declared
 * by the (not rendered) ancestors, e.g. when the element is later embedded into a larger document.
 */
export function renderCanonical(node: XmlElement, inScope: Bindings = EMPTY): string {
  const out: string[] = [];
  renderElement(node, inScope, new Map(), out);
  return out.join('');
}

function renderElement(node: XmlElement, parentScope: Bindings, rendered: Map<string, string>, out: string[]): void {
  let scope = parentScope;
  const plain: Array<[string, string, string]> = []; // [nsUri, localName, rendered attr]
  const declared: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(node.attrs)) {
    if (k === 'xmlns') {
      // c14n implementations disagree on re-emitting xmlns="" (xml-crypto repeats it on every
      // descendant, libxml2 does not), so a signature over it would not verify everywhere.
      if (v === '') throw new Error('undeclaring the default namespace (xmlns="") is not supported');
      declared.push(['', v]);
    }
    else if (k.startsWith('xmlns:')) declared.push([k.slice(6), v]);
  }
  if (declared.length) {
    const m = new Map(scope);
    for (const [p, u] of declared) m.set(p, u);
    scope = m;
  }
  const utilised = new Set<string>([prefixOf(node.name)]);
  for (const [k, v] of Object.entries(node.attrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    const p = prefixOf(k);
    let uri = '';
    if (p !== '') {
      utilised.add(p);
      uri = scope.get(p) ?? '';
      if (uri === '') throw new Error(`undeclared prefix ${p}`);
    }
    plain.push([uri, localOf(k), ` ${k}="${escapeAttr(v)}"`]);
  }
  const nsOut: Array<[string, string]> = [];
  let childRendered = rendered;
  for (const p of utilised) {
    if (p === 'xml') continue;
    const uri = scope.get(p) ?? '';
    if (p !== '' && uri === '') throw new Error(`undeclared prefix ${p}`);
    const already = rendered.get(p) ?? '';
    if (uri === already) continue;
    nsOut.push([p, p === '' ? ` xmlns="${escapeAttr(uri)}"` : ` xmlns:${p}="${escapeAttr(uri)}"`]);
    if (childRendered === rendered) childRendered = new Map(rendered);
    childRendered.set(p, uri);
  }
  nsOut.sort((a, b) => cmp(a[0], b[0]));
  plain.sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]));
  out.push('<', node.name);
  for (const [, s] of nsOut) out.push(s);
  for (const [, , s] of plain) out.push(s);
  out.push('>');
  for (const c of node.children) {
    if (typeof c === 'string') out.push(escapeText(c));
    else renderElement(c, scope, childRendered, out);
  }
  out.push('</', node.name, '>');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
