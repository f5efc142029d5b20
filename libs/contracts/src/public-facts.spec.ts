import type { PublicFact } from './generated/bpr/public-fact.v1';
import { publicFactDoc } from './public-facts';

const fact = (facts: string): PublicFact => ({ subjectId: '180340012346', kind: 'STATISTICS', itemKey: '', eventTime: 1, storedAt: 1, facts });

describe('publicFactDoc', () => {
  it('parses a record\'s document once: every reader of the record gets the same object', () => {
    const record = fact('{"sizeClassCode":"105"}');
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const first = publicFactDoc(record);
      expect(first).toEqual({ sizeClassCode: '105' });
      expect(publicFactDoc(record)).toBe(first);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('is undefined for a document that is not JSON, also when asked again', () => {
    const record = fact('{nope');
    expect(publicFactDoc(record)).toBeUndefined();
    expect(publicFactDoc(record)).toBeUndefined();
  });

  it('keeps JSON that is not an object as it is (the register judges it)', () => {
    expect(publicFactDoc(fact('null'))).toBeNull();
    expect(publicFactDoc(fact('[1]'))).toEqual([1]);
  });
});
