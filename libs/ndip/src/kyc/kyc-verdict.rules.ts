import type { KycFindings, ScreenedParty } from './kyc-findings';

/**
 * The KYC verdict (NDIP §3.25: "risk management in order to detect and prevent legal and financial
 * risks when interacting with a potential investor") as a pure, versioned function of the findings.
 * A new rule set gets a new version; every answer names the version that made it.
 */
export const KYC_RULES_VERSION = 'kyc-verdict/2026.1';

export enum KycVerdict {
  CLEAR = 'CLEAR',
  REVIEW = 'REVIEW',
  REJECT = 'REJECT',
  NOT_FOUND = 'NOT_FOUND',
}

export enum KycReasonCode {
  NOT_IN_REGISTER = 'NOT_IN_REGISTER',
  LIQUIDATED = 'LIQUIDATED',
  IN_LIQUIDATION = 'IN_LIQUIDATION',
  REGISTRATION_SUSPENDED = 'REGISTRATION_SUSPENDED',
  REORGANIZED = 'REORGANIZED',
  TAX_LIST = 'TAX_LIST',
  INSOLVENCY_PROCEEDINGS = 'INSOLVENCY_PROCEEDINGS',
  COURT_RESTRICTION = 'COURT_RESTRICTION',
  HIGH_RISK_INDEX = 'HIGH_RISK_INDEX',
  WATCHLIST_MATCH = 'WATCHLIST_MATCH',
  WATCHLIST_POSSIBLE_MATCH = 'WATCHLIST_POSSIBLE_MATCH',
  NO_ADVERSE_FINDINGS = 'NO_ADVERSE_FINDINGS',
}

export interface KycReason {
  code: KycReasonCode;
  /** the verdict this reason alone would give */
  severity: KycVerdict;
  /** plain words, for the NDIP officer reading the answer */
  text: string;
  /** what the reason rests on, e.g. the tax list name or the watchlist entry */
  ref?: string;
}

export interface KycDecision {
  verdict: KycVerdict;
  reasons: KycReason[];
  rulesVersion: string;
}

/** Rule parameters of this version. A strong watchlist match rejects; one at the screening threshold is for a person to review. */
const RULES = {
  strongMatchScore: 0.9,
  rejectingTaxLists: new Set(['BANKRUPT', 'PSEUDO_ENTERPRISE', 'REGISTRATION_INVALID']),
} as const;

const TAX_LIST_WORDS: Record<string, string> = {
  INACTIVE: 'is on the tax authority\'s list of inactive taxpayers',
  DECLARED_INACTIVE: 'has been declared inactive by the tax authority',
  PSEUDO_ENTERPRISE: 'is on the list of pseudo-enterprises (fictitious transactions)',
  ABSENT_AT_LEGAL_ADDRESS: 'is not present at its legal address',
  BANKRUPT: 'is on the list of bankrupt taxpayers',
  REGISTRATION_INVALID: 'has had its registration declared invalid',
  REORGANIZED_IN_VIOLATION: 'was reorganised in violation of the law',
  TAX_DEBTOR: 'is on the list of tax debtors',
};

const ROLE_WORDS: Record<ScreenedParty['role'], string> = {
  SUBJECT: 'The subject',
  HEAD: 'The head of the subject',
  FOUNDER: 'A founder of the subject',
  BENEFICIAL_OWNER: 'A beneficial owner',
};

const ORDER = [KycVerdict.CLEAR, KycVerdict.REVIEW, KycVerdict.REJECT];

function screeningReasons(parties: readonly ScreenedParty[]): KycReason[] {
  const reasons: KycReason[] = [];
  for (const p of parties) {
    for (const hit of p.hits) {
      const strong = hit.score >= RULES.strongMatchScore;
      const matched = hit.features.filter((f) => f.score > 0).map((f) => f.name).join(', ');
      reasons.push({
        code: strong ? KycReasonCode.WATCHLIST_MATCH : KycReasonCode.WATCHLIST_POSSIBLE_MATCH,
        severity: strong ? KycVerdict.REJECT : KycVerdict.REVIEW,
        text: `${ROLE_WORDS[p.role]} "${p.name}" ${strong ? 'matches' : 'may match'} "${hit.matchedName}" on the ${hit.list} list, entry ${hit.entryId} (score ${hit.score.toFixed(2)}; matched on ${matched || 'name'})`,
        ref: `${hit.list}:${hit.entryId}`,
      });
    }
  }
  return reasons;
}

/** Pure: findings -> verdict with coded reasons, worst reason first. */
export function decideKyc(findings: KycFindings): KycDecision {
  const reasons: KycReason[] = [];
  if (findings.kind === 'NATIONAL_ID' && !findings.found) {
    return {
      verdict: KycVerdict.NOT_FOUND,
      reasons: [{ code: KycReasonCode.NOT_IN_REGISTER, severity: KycVerdict.NOT_FOUND, text: 'The business partners register holds nothing about this BIN/IIN', ref: findings.id }],
      rulesVersion: KYC_RULES_VERSION,
    };
  }
  if (findings.kind === 'NATIONAL_ID') {
    const f = findings.facts;
    switch (f.registrationStatus) {
      case 'LIQUIDATED':
        reasons.push({ code: KycReasonCode.LIQUIDATED, severity: KycVerdict.REJECT, text: 'The legal entity has been liquidated (state registration, BPR §24.3)' });
        break;
      case 'IN_LIQUIDATION':
        reasons.push({ code: KycReasonCode.IN_LIQUIDATION, severity: KycVerdict.REVIEW, text: 'The legal entity is being liquidated (state registration, BPR §24.3)' });
        break;
      case 'SUSPENDED':
        reasons.push({ code: KycReasonCode.REGISTRATION_SUSPENDED, severity: KycVerdict.REVIEW, text: 'The legal entity\'s activity is suspended (state registration)' });
        break;
      case 'REORGANIZED':
        reasons.push({ code: KycReasonCode.REORGANIZED, severity: KycVerdict.REVIEW, text: 'The legal entity has been reorganised: check its successor' });
        break;
      default:
        break;
    }
    for (const l of f.currentTaxLists) {
      const rejecting = RULES.rejectingTaxLists.has(l.list);
      reasons.push({
        code: KycReasonCode.TAX_LIST,
        severity: rejecting ? KycVerdict.REJECT : KycVerdict.REVIEW,
        text: `The subject ${TAX_LIST_WORDS[l.list] ?? `is on the tax list ${l.list}`} since ${l.includedOn} (BPR §24.1)`,
        ref: l.list,
      });
    }
    for (const p of f.openInsolvency) {
      reasons.push({ code: KycReasonCode.INSOLVENCY_PROCEEDINGS, severity: KycVerdict.REJECT, text: `${p.kind.toLowerCase()} proceedings opened on ${p.startDate} have not ended (BPR §24.1)`, ref: p.kind });
    }
    for (const c of f.courtRestrictions) {
      reasons.push({
        code: KycReasonCode.COURT_RESTRICTION,
        severity: KycVerdict.REVIEW,
        text: c.category === 'BANKRUPTCY'
          ? `The subject is the defendant in bankruptcy case ${c.caseNumber} (act of ${c.actDate}, BPR §24.8)`
          : `A court decided against the subject in debt case ${c.caseNumber} on ${c.actDate} (BPR §24.8)`,
        ref: c.caseNumber,
      });
    }
    for (const i of findings.indexes) {
      if (i.category !== 'HIGH') continue;
      reasons.push({
        code: KycReasonCode.HIGH_RISK_INDEX,
        severity: KycVerdict.REVIEW,
        text: `The ${i.index} index is high (${i.value.toFixed(2)}, algorithm ${i.algorithmVersion})${i.factors.length ? `: ${i.factors.slice(0, 3).join('; ')}` : ''}`,
        ref: i.index,
      });
    }
  }
  reasons.push(...screeningReasons(findings.screening?.parties ?? []));
  if (reasons.length === 0) {
    reasons.push({ code: KycReasonCode.NO_ADVERSE_FINDINGS, severity: KycVerdict.CLEAR, text: 'No adverse register facts, high risk indexes or watchlist matches were found' });
  }
  reasons.sort((a, b) => ORDER.indexOf(b.severity) - ORDER.indexOf(a.severity));
  const verdict = reasons.reduce((worst, r) => (ORDER.indexOf(r.severity) > ORDER.indexOf(worst) ? r.severity : worst), KycVerdict.CLEAR);
  return { verdict, reasons, rulesVersion: KYC_RULES_VERSION };
}
