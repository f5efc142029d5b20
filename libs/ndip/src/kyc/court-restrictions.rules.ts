/** How far back a lost debt case counts as a court restriction for KYC (its act date). */
export const DEBT_CASE_YEARS = 3;

export interface CourtCaseFact {
  caseNumber: string;
  partyRole: string;
  caseCategory: string | null;
  actDate: string;
  outcome: string | null;
}

/**
 * Pure: the civil cases (BPR §24.8) that restrict a counterparty for KYC — it is the defendant in
 * a bankruptcy case, or lost a debt-collection case in the last three years. Cases it brought as
 * plaintiff, or won, say nothing against it.
 */
export function courtRestrictions(cases: readonly CourtCaseFact[], now: Date): CourtCaseFact[] {
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - DEBT_CASE_YEARS);
  const sinceIso = since.toISOString().slice(0, 10);
  const seen = new Set<string>();
  return cases.filter((c) => {
    if (c.partyRole !== 'DEFENDANT' || seen.has(c.caseNumber)) return false;
    const restricts = c.caseCategory === 'BANKRUPTCY'
      || (c.caseCategory === 'DEBT_COLLECTION' && (c.outcome === 'SATISFIED' || c.outcome === 'PARTIALLY_SATISFIED') && c.actDate >= sinceIso);
    if (restricts) seen.add(c.caseNumber);
    return restricts;
  });
}
