import { isTransient } from './transient-error';

describe('isTransient', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: '08006' }, true], // connection failure
    [{ code: '40P01' }, true], // deadlock
    [{ code: '57P01' }, true], // admin shutdown
    [{ code: '23505' }, false], // unique violation: about the record
    [{ code: '22P02' }, false], // invalid text representation: about the record
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('value too long'), false],
    [null, false],
  ])('%j -> %s', (error, expected) => {
    expect(isTransient(error)).toBe(expected);
  });
});
