import type { KycFindings, RegisterFacts, ScreenedParty } from './kyc-findings';
import { KYC_RULES_VERSION, KycReasonCode, KycVerdict, decideKyc } from './kyc-verdict.rules';

const facts = (over: Partial<RegisterFacts> = {}): RegisterFacts => ({
  id: '210740000018', name: 'ТОО Дала', legalForm: 'LLP', registrationStatus: 'ACTIVE', currentTaxLists: [], openInsolvency: [], courtRestrictions: [], ...over,
});
const screening = (parties: ScreenedParty[] = []) => ({ configVersion: 'screening/2026.1', listVersions: {}, parties });
const bin = (over: Partial<RegisterFacts> = {}, indexes: Array<{ category: 'LOW' | 'MEDIUM' | 'HIGH' }> = [], parties: ScreenedParty[] = []): KycFindings => ({
  kind: 'NATIONAL_ID', found: true, facts: facts(over),
  indexes: indexes.map((i, n) => ({ index: `index${n}`, value: 0.5, category: i.category, algorithmVersion: 'a@1', factors: ['f'] })),
  screening: screening(parties),
});
const hit = (score: number) => ({ list: 'UN_SC', entryId: '110554', referenceNumber: 'TAi.007', matchedName: 'IVAN PETROV', score, features: [{ name: 'name_jaro_winkler', score, weight: 0.8, detail: 'x' }] });

describe('KYC verdict rules (pure, versioned)', () => {
  it.each([
    ['no findings', bin(), KycVerdict.CLEAR, KycReasonCode.NO_ADVERSE_FINDINGS],
    ['liquidated', bin({ registrationStatus: 'LIQUIDATED' }), KycVerdict.REJECT, KycReasonCode.LIQUIDATED],
    ['in liquidation', bin({ registrationStatus: 'IN_LIQUIDATION' }), KycVerdict.REVIEW, KycReasonCode.IN_LIQUIDATION],
    ['suspended', bin({ registrationStatus: 'SUSPENDED' }), KycVerdict.REVIEW, KycReasonCode.REGISTRATION_SUSPENDED],
    ['pseudo-enterprise', bin({ currentTaxLists: [{ list: 'PSEUDO_ENTERPRISE', includedOn: '2026-01-05' }] }), KycVerdict.REJECT, KycReasonCode.TAX_LIST],
    ['bankrupt list', bin({ currentTaxLists: [{ list: 'BANKRUPT', includedOn: '2026-01-05' }] }), KycVerdict.REJECT, KycReasonCode.TAX_LIST],
    ['inactive list', bin({ currentTaxLists: [{ list: 'INACTIVE', includedOn: '2026-01-05' }] }), KycVerdict.REVIEW, KycReasonCode.TAX_LIST],
    ['tax debtor', bin({ currentTaxLists: [{ list: 'TAX_DEBTOR', includedOn: '2026-01-05' }] }), KycVerdict.REVIEW, KycReasonCode.TAX_LIST],
    ['open bankruptcy', bin({ openInsolvency: [{ kind: 'BANKRUPTCY', startDate: '2026-03-01' }] }), KycVerdict.REJECT, KycReasonCode.INSOLVENCY_PROCEEDINGS],
    ['court restriction', bin({ courtRestrictions: [{ caseNumber: '7599-26-00-2/15', category: 'BANKRUPTCY', actDate: '2026-02-02', outcome: null }] }), KycVerdict.REVIEW, KycReasonCode.COURT_RESTRICTION],
    ['a high index', bin({}, [{ category: 'LOW' }, { category: 'HIGH' }]), KycVerdict.REVIEW, KycReasonCode.HIGH_RISK_INDEX],
    ['medium indexes only', bin({}, [{ category: 'MEDIUM' }]), KycVerdict.CLEAR, KycReasonCode.NO_ADVERSE_FINDINGS],
    ['head strongly matches a watchlist', bin({}, [], [{ role: 'HEAD', kind: 'PERSON', name: 'Иван Петров', hits: [hit(0.95)] }]), KycVerdict.REJECT, KycReasonCode.WATCHLIST_MATCH],
    ['founder possibly matches', bin({}, [], [{ role: 'FOUNDER', kind: 'PERSON', name: 'Ivan Petrov', hits: [hit(0.75)] }]), KycVerdict.REVIEW, KycReasonCode.WATCHLIST_POSSIBLE_MATCH],
  ])('%s', (_name, findings, verdict, firstCode) => {
    const d = decideKyc(findings);
    expect(d.verdict).toBe(verdict);
    expect(d.reasons[0].code).toBe(firstCode);
    expect(d.rulesVersion).toBe(KYC_RULES_VERSION);
    for (const r of d.reasons) expect(r.text.length).toBeGreaterThan(10);
  });

  it('a strong match exactly at 0.90 rejects; just below it is for review', () => {
    const at = (score: number) => decideKyc({ kind: 'FOREIGN', screening: screening([{ role: 'SUBJECT', kind: 'PERSON', name: 'x', hits: [hit(score)] }]) }).verdict;
    expect(at(0.9)).toBe(KycVerdict.REJECT);
    expect(at(0.8999)).toBe(KycVerdict.REVIEW);
  });

  it('an unknown BIN/IIN is NOT_FOUND, never CLEAR', () => {
    const d = decideKyc({ kind: 'NATIONAL_ID', found: false, id: '210740000018', screening: null });
    expect(d).toMatchObject({ verdict: KycVerdict.NOT_FOUND, reasons: [{ code: KycReasonCode.NOT_IN_REGISTER }] });
  });

  it('the worst reason decides and comes first; all reasons are kept', () => {
    const d = decideKyc(bin({ registrationStatus: 'IN_LIQUIDATION', currentTaxLists: [{ list: 'PSEUDO_ENTERPRISE', includedOn: '2025-11-01' }] }, [{ category: 'HIGH' }]));
    expect(d.verdict).toBe(KycVerdict.REJECT);
    expect(d.reasons.map((r) => r.code)).toEqual([KycReasonCode.TAX_LIST, KycReasonCode.IN_LIQUIDATION, KycReasonCode.HIGH_RISK_INDEX]);
  });

  it('a foreign investor with a beneficial owner on a list names the owner and the matched features', () => {
    const d = decideKyc({ kind: 'FOREIGN', screening: screening([
      { role: 'SUBJECT', kind: 'ORGANISATION', name: 'Acme Holdings', hits: [] },
      { role: 'BENEFICIAL_OWNER', kind: 'PERSON', name: 'Ivan Petrov', hits: [hit(0.97)] },
    ]) });
    expect(d.verdict).toBe(KycVerdict.REJECT);
    expect(d.reasons[0]).toMatchObject({ code: KycReasonCode.WATCHLIST_MATCH, ref: 'UN_SC:110554' });
    expect(d.reasons[0].text).toContain('beneficial owner "Ivan Petrov"');
    expect(d.reasons[0].text).toContain('name_jaro_winkler');
  });
});
