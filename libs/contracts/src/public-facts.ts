import type { PublicFact, PublicFactKind } from './generated/bpr/public-fact.v1';
import type { EntityStatus, Founder, LegalForm, ParentOrganization } from './generated/justice/legal-entity-registration.v1';
import type {
  TaxDeregistrationReason, TaxInsolvencyKind, TaxNonResidentForm, TaxRegime, TaxResidence, TaxRiskCategory, TaxSanctionKind,
} from './generated/tax/tax-facts.v1';
import type { TaxList } from './generated/tax/tax-list-membership.v1';
import type { CourtActType, CourtCaseCategory, CourtCaseOutcome, CourtInstance, CourtPartyRole, CourtProceedingKind } from './generated/court/civil-case.v1';
import type { UtilityServiceKind } from './generated/utility/utility-arrears.v1';

/**
 * The JSON documents carried in `bpr.facts.v1`'s `facts` field, one shape per kind. Written by the
 * perimeters (libs/sources/*), read by the register. Dates are ISO (YYYY-MM-DD), money in tiyn.
 * Only public facts (SPEC §1): a shape here must never gain a confidential input.
 */
export interface RegistrationFacts {
  status: EntityStatus;
  registrationAuthority: string;
  initialRegistrationDate: string;
  lastReregistrationDate: string | null;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  shortNameRu: string | null;
  legalForm: LegalForm;
  headFullName: string | null;
  headPosition: string | null;
  okedPrimary: string;
  katoCode: string;
  address: string;
  /**
   * BPR §24.3 founders as the registry sends them, natural persons' IINs included: the register
   * needs them to screen founders (NDIP KYC), and never shows them on a public response.
   */
  founders: Founder[];
  parentOrganization: ParentOrganization | null;
}

/** The public columns of BPR §24.1 (first list); financials never travel. */
export interface TaxPublicFactsDoc {
  registrationDate: string;
  deregistrationDate: string | null;
  deregistrationReason: TaxDeregistrationReason | null;
  suspensions: Array<{ startDate: string; endDate: string | null }>;
  residence: TaxResidence;
  taxOfficeCode: string;
  taxOfficeName: string;
  taxRegime: TaxRegime;
  riskAudits: Array<{ year: number; half: number }>;
  nonFilings: Array<{ form: string; fiscalYear: number; dueDate: string }>;
  insolvencyProceedings: Array<{ kind: TaxInsolvencyKind; startDate: string; endDate: string | null }>;
  yearly: Array<{ fiscalYear: number; taxBurdenCoefficient: number | null; taxesPaidTiyn: number | null }>;
  riskCategory: TaxRiskCategory | null;
  taxDebtTiyn: number;
  taxDebtAsOf: string;
  liquidationAuditApplicationDate: string | null;
  sanctions: Array<{ kind: TaxSanctionKind; appliedOn: string; amountTiyn: number | null }>;
  nonResidentRegistration: TaxNonResidentForm | null;
  /** Individual entrepreneurs only (BPR §32 search ground); null for legal entities. */
  entrepreneurName: { surname: string; givenName: string | null; patronymic: string | null } | null;
}

export interface TaxListMembershipFacts { list: TaxList; includedOn: string; excludedOn: string | null; basis: string | null }

export interface StatisticsFacts {
  katoCode: string;
  okedPrimary: string;
  okedPrimaryName: string;
  okedSecondary: Array<{ code: string; name: string }>;
  sizeClassCode: string;
  sizeClassName: string;
}

/** A judicial act (§24.8 civil cases are public); the text is cut to an excerpt to keep the topic small. */
export interface CourtCaseFacts {
  caseNumber: string;
  partyRole: CourtPartyRole;
  instance: CourtInstance;
  region: string;
  regionKato: string | null;
  court: string;
  proceedingKind: CourtProceedingKind;
  caseCategory: CourtCaseCategory | null;
  caseRegisteredOn: string | null;
  actDate: string;
  actType: CourtActType;
  actTextExcerpt: string;
  actTextLength: number;
  outcome: CourtCaseOutcome | null;
  claimAmountTiyn: number | null;
}

export interface UtilityArrearsFacts {
  supplierBin: string;
  supplierName: string;
  serviceKind: UtilityServiceKind;
  billingPeriod: string;
  monthsOverdue: number;
  amountOwedTiyn: number;
}

export interface PublicFactDocs {
  REGISTRATION: RegistrationFacts;
  TAX_FACTS: TaxPublicFactsDoc;
  TAX_LIST_MEMBERSHIP: TaxListMembershipFacts;
  STATISTICS: StatisticsFacts;
  COURT_CASE: CourtCaseFacts;
  UTILITY_ARREARS: UtilityArrearsFacts;
}

/** A fact before encoding: what a perimeter hands its publisher. */
export interface OutgoingPublicFact<K extends PublicFactKind = PublicFactKind> {
  subjectId: string;
  kind: K;
  itemKey: string;
  eventTime: Date;
  facts: PublicFactDocs[K];
}

/** Judicial act excerpts on the topic and in the register: the opening of the text only. */
export const COURT_EXCERPT_CHARS = 300;

const parsedDocs = new WeakMap<PublicFact, unknown>();
const NOT_JSON = Symbol('not JSON');

/**
 * A record's `facts` document, parsed once per decoded record: in the hub three handlers read each
 * bpr.facts.v1 batch (the register, the tax peer sectors, the court subject sizes) and each parsed
 * it again. `undefined` when the text is not JSON. Shared between readers: never mutate it.
 */
export function publicFactDoc(fact: PublicFact): unknown {
  let doc = parsedDocs.get(fact);
  if (doc === undefined && !parsedDocs.has(fact)) {
    try {
      doc = JSON.parse(fact.facts) as unknown;
    } catch {
      doc = NOT_JSON;
    }
    parsedDocs.set(fact, doc);
  }
  return doc === NOT_JSON ? undefined : doc;
}
