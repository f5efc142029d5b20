import type { Element, Node } from '@xmldom/xmldom';
import {
  C14nCanonicalization,
  ExclusiveCanonicalization,
  type CanonicalizationOrTransformationAlgorithm,
  type NamespacePrefix,
} from 'xml-crypto';
import { ALG, ALLOWED_C14N, isExclusiveC14n } from '../algorithms';
import { EdsFailure, fail } from '../eds-error';

// Comments never reach here (refused at parse time), so the #WithComments variants produce the
// same octets as their plain twins; they share the instances.
const exclusive = new ExclusiveCanonicalization();
const inclusive = new C14nCanonicalization();

function implFor(uri: string): CanonicalizationOrTransformationAlgorithm {
  if (!ALLOWED_C14N.has(uri)) fail(EdsFailure.ALGORITHM_NOT_ALLOWED, `canonicalization ${uri}`);
  return isExclusiveC14n(uri) ? exclusive : inclusive;
}

/** Namespace bindings declared on the ancestors of `el`, nearest first wins. */
export function ancestorNamespaces(el: Element): NamespacePrefix[] {
  const seen = new Set<string>();
  const out: NamespacePrefix[] = [];
  for (let p: Node | null = el.parentNode; p && p.nodeType === 1; p = p.parentNode) {
    const attrs = (p as Element).attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i)!;
      const prefix = a.name === 'xmlns' ? '' : a.name.startsWith('xmlns:') ? a.name.slice(6) : undefined;
      if (prefix === undefined || seen.has(prefix)) continue;
      seen.add(prefix);
      out.push({ prefix, namespaceURI: a.value });
    }
  }
  return out;
}

/** Canonicalizes `el` as the apex of the node set, in the context of its ancestors. */
export function canonicalize(el: Element, algorithm: string, prefixList: string[] = []): string {
  const impl = implFor(algorithm);
  const needsAncestors = !isExclusiveC14n(algorithm) || prefixList.length > 0;
  const ancestors = needsAncestors && el.parentNode && el.parentNode.nodeType === 1 ? ancestorNamespaces(el) : [];
  const out: unknown = impl.process(el, {
    ancestorNamespaces: ancestors,
    inclusiveNamespacesPrefixList: isExclusiveC14n(algorithm) ? prefixList : undefined,
  });
  if (typeof out !== 'string') fail(EdsFailure.ALGORITHM_NOT_ALLOWED, `${algorithm} did not produce octets`);
  return out;
}

export { ALG };
