import { DOMParser } from '@xmldom/xmldom';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { el, renderCanonical, type XmlElement } from './canonical-builder';

const excC14n = (xml: string) =>
  new ExclusiveCanonicalization().process(new DOMParser().parseFromString(xml, 'text/xml').documentElement, {});

describe('canonical builder emits exactly exc-c14n', () => {
  const cases: Array<[string, XmlElement]> = [
    ['escaping', el('a', { z: 'q"<&\t\n\r>', a: '1' }, ['t & < > \r " \' ', el('b')])],
    ['prefixes declared once, on first use', el('p:a', { 'xmlns:p': 'urn:p', 'xmlns:q': 'urn:q' }, [el('p:b', {}, [el('q:c', { 'q:x': '1', y: '2' })])])],
    ['default namespace', el('a', { xmlns: 'urn:d' }, [el('b', {}, [el('c', { xmlns: 'urn:e' })]), el('d')])],
    ['attribute order by namespace URI then local name', el('a', { 'xmlns:z': 'urn:a', 'xmlns:b': 'urn:z', 'b:k': '1', 'z:k': '2', k: '3', c: '4' })],
    ['redeclared prefix with another URI', el('p:a', { 'xmlns:p': 'urn:1' }, [el('p:b', { 'xmlns:p': 'urn:2' }, [el('p:c', { 'xmlns:p': 'urn:2' })])])],
    ['unused declarations are dropped', el('a', { 'xmlns:u': 'urn:unused' }, ['x'])],
    ['non-ASCII text', el('a', { n: 'Қазақстан' }, ['ТОО «Ромашка» № 5 — 𝄞'])],
  ];
  it.each(cases)('%s', (_name, tree) => {
    const out = renderCanonical(tree);
    expect(excC14n(out)).toBe(out);
  });

  it('refuses characters XML cannot carry', () => {
    expect(() => renderCanonical(el('a', {}, ['\u0001']))).toThrow();
    expect(() => renderCanonical(el('p:a'))).toThrow(/undeclared prefix/);
    expect(() => renderCanonical(el('a', { xmlns: 'urn:d' }, [el('b', { xmlns: '' })]))).toThrow(/not supported/);
  });
});
