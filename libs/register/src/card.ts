import type { FinalIndex } from '@hub/scoring';
import type { ListFlags, RegisterProfile, TaxListView } from './profile';

/**
 * The free basic card of BPR §37: state registration, activities, presence in state lists, taxes
 * paid and tax debt, licences and permits, and the taxpayer conscientiousness index. Nothing else.
 */
export interface BasicCard {
  id: string;
  idKind: 'BIN' | 'IIN';
  registration: {
    /** Legal entities: the justice registry's facts. Entrepreneurs: the tax registration. */
    source: 'JUSTICE' | 'TAX';
    status: string | null;
    legalForm: string;
    names: { kk: string | null; ru: string | null; en: string | null };
    registeredOn: string | null;
    deregisteredOn: string | null;
    /** Legal entities only: an entrepreneur's address is where a person lives (BPR §30). */
    address: string | null;
    katoCode: string | null;
    head: { fullName: string; position: string | null } | null;
    founderCounts: { total: number; naturalPersons: number; legalEntities: number } | null;
  } | null;
  activities: { primary: { code: string; name: string | null } | null; secondary: Array<{ code: string; name: string }> };
  stateLists: { current: TaxListView[]; flags: ListFlags };
  taxes: { paid: Array<{ fiscalYear: number; taxesPaidKzt: number | null }>; debtKzt: number | null; debtAsOf: string | null } | null;
  /** No permits feed reaches the hub yet (BPR §24.2): said, not left out. */
  licensesAndPermits: { available: false; reason: string };
  conscientiousnessIndex: Pick<FinalIndex, 'value' | 'category' | 'algorithmVersion' | 'computedAt' | 'topFactors'> | null;
}

/**
 * Pure: the card from a register profile and the subject's final indexes (null when none).
 * For an entrepreneur (IIN subject) it shows the name a §32 search already finds, never the birth
 * date or sex an IIN encodes, nor a home address; founders and heads do not apply.
 */
export function basicCard(p: RegisterProfile, conscientiousness: FinalIndex | null): BasicCard {
  const reg = p.registration;
  const registration: BasicCard['registration'] = reg
    ? {
      source: 'JUSTICE', status: reg.status, legalForm: reg.legalForm, names: { kk: reg.nameKk, ru: reg.nameRu, en: reg.nameEn },
      registeredOn: reg.initialRegistrationDate, deregisteredOn: p.tax?.deregistrationDate ?? null, address: reg.address, katoCode: reg.katoCode,
      head: reg.headFullName ? { fullName: reg.headFullName, position: reg.headPosition } : null, founderCounts: reg.founderCounts,
    }
    : p.tax
      ? {
        source: 'TAX', status: p.tax.deregistrationDate ? 'DEREGISTERED' : 'REGISTERED', legalForm: p.idKind === 'IIN' ? 'INDIVIDUAL_ENTREPRENEUR' : 'OTHER',
        names: { kk: null, ru: p.entrepreneurName, en: null }, registeredOn: p.tax.registrationDate, deregisteredOn: p.tax.deregistrationDate,
        address: null, katoCode: p.idKind === 'IIN' ? null : p.statistics?.katoCode ?? null, head: null, founderCounts: null,
      }
      : null;
  const primary = p.statistics ? p.statistics.okedPrimary : reg ? { code: reg.okedPrimary, name: null } : null;
  return {
    id: p.id,
    idKind: p.idKind,
    registration,
    activities: { primary, secondary: p.statistics?.okedSecondary ?? [] },
    stateLists: { current: p.taxLists.filter((l) => l.current), flags: p.lists },
    taxes: p.tax ? { paid: p.tax.yearly.map((y) => ({ fiscalYear: y.fiscalYear, taxesPaidKzt: y.taxesPaidKzt })), debtKzt: p.tax.taxDebtKzt, debtAsOf: p.tax.taxDebtAsOf } : null,
    licensesAndPermits: { available: false, reason: 'the permits and notifications register (BPR §24.2) does not feed the hub yet' },
    conscientiousnessIndex: conscientiousness
      ? { value: conscientiousness.value, category: conscientiousness.category, algorithmVersion: conscientiousness.algorithmVersion, computedAt: conscientiousness.computedAt, topFactors: conscientiousness.topFactors }
      : null,
  };
}
