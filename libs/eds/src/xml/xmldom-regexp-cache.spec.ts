import { EdsFailure } from '../eds-error';
import { parseUntrustedXml } from './safe-parse';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const grammar = require('@xmldom/xmldom/lib/grammar') as { reg: (...parts: Array<string | RegExp>) => RegExp; QName_group: RegExp; S_OPT: RegExp };

describe('xmldom end-tag expressions (xmldom-regexp-cache.ts)', () => {
  it('builds the end-tag expression once and hands the same one out again', () => {
    const a = grammar.reg('^', grammar.QName_group, grammar.S_OPT, '$');
    expect(grammar.reg('^', grammar.QName_group, grammar.S_OPT, '$')).toBe(a);
    expect(a.flags).not.toMatch(/[gy]/); // stateless: safe to share
    expect(grammar.reg('^', grammar.QName_group)).not.toBe(a);
  });

  it('still reads end tags as before: good ones parse, bad ones are refused', () => {
    expect(parseUntrustedXml('<a:x xmlns:a="urn:a"><b>t</b ></a:x>').root.localName).toBe('x');
    for (const bad of ['<a></a$>', '<a></b>', '<a><b></a></b>', '<a></a\nx>']) {
      let code: unknown;
      try {
        parseUntrustedXml(bad);
      } catch (e) {
        code = (e as { code?: unknown }).code;
      }
      expect({ bad, code }).toEqual({ bad, code: EdsFailure.MALFORMED_XML });
    }
  });
});
