import { DOMParser } from '@xmldom/xmldom';
import { renderCanonical, el } from '@hub/eds';
import { parseKycRequest } from './kyc-request.parser';
import { KYC_NS } from './kyc-xml';

const k = (n: string, a: Record<string, string> = {}, c: Array<ReturnType<typeof el> | string> = []) => el(`kyc:${n}`, a, c);
const head = { 'xmlns:kyc': KYC_NS, messageId: 'm-1', senderBin: '170640000024', issuedAt: '2026-12-01T10:00:00.000Z' };
const parse = (subject: ReturnType<typeof el>, attrs: Record<string, string> = head) =>
  parseKycRequest(new DOMParser().parseFromString(renderCanonical(k('KycRequest', attrs, [k('Subject', {}, [subject])])), 'text/xml').documentElement as never);

describe('KYC request parser', () => {
  it('reads a BIN subject', () => {
    const r = parse(k('Bin', {}, ['210740000018']));
    expect(r).toMatchObject({ ok: true, request: { messageId: 'm-1', senderBin: '170640000024', subject: { kind: 'NATIONAL_ID', id: '210740000018' } } });
  });

  it('reads a foreign investor with beneficial owners, keeping a year-only birth date as a year', () => {
    const r = parse(k('Foreign', { kind: 'ORGANISATION' }, [
      k('Name', {}, ['Acme Holdings Ltd']), k('Country', {}, ['GB']), k('RegistrationNumber', {}, ['0123456']),
      k('BeneficialOwner', { kind: 'PERSON' }, [k('Name', {}, ['Ivan Petrov']), k('BirthDate', {}, ['1968'])]),
    ]));
    expect(r).toMatchObject({ ok: true, request: { subject: { kind: 'FOREIGN', party: { kind: 'ORGANISATION', name: 'Acme Holdings Ltd', country: 'GB', registrationNumber: '0123456' }, beneficialOwners: [{ kind: 'PERSON', name: 'Ivan Petrov', birthDate: '1968' }] } } });
  });

  it.each([
    ['a BIN with a wrong check digit', k('Bin', {}, ['210740000019']), 'check digit'],
    ['a foreign party without a name', k('Foreign', { kind: 'PERSON' }, [k('Country', {}, ['GB'])]), 'Name is required'],
    ['an unknown party kind', k('Foreign', { kind: 'TRUST' }, [k('Name', {}, ['x'])]), 'PERSON or ORGANISATION'],
    ['a malformed birth date', k('Foreign', { kind: 'PERSON' }, [k('Name', {}, ['x']), k('BirthDate', {}, ['12.03.1968'])]), 'YYYY'],
    ['a birth date for an organisation', k('Foreign', { kind: 'ORGANISATION' }, [k('Name', {}, ['x']), k('BirthDate', {}, ['1968'])]), 'only a PERSON'],
    ['an unknown subject element', k('Passport', {}, ['N123']), 'not known'],
  ])('refuses %s, saying what to fix', (_n, subject, words) => {
    const r = parse(subject);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(words);
  });

  it('refuses an issue time without a zone', () => {
    const r = parse(k('Bin', {}, ['210740000018']), { ...head, issuedAt: '2026-12-01T10:00:00' });
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('zone') });
  });
});
