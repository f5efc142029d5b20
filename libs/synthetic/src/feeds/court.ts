import type { CivilCaseAct, CourtActType, CourtCaseCategory, CourtCaseOutcome, CourtInstance, CourtPartyRole, CourtProceedingKind } from '@hub/contracts';
import { Random } from '@hub/identity';
import { Topics } from '@hub/platform';
import type { FeedGenerator, SyntheticEntity } from '../population';
import { worldOf } from '../world';

const DAY_MS = 86_400_000;
/** Cases look back three years, like the other feeds' windows. */
const WINDOW_DAYS = 3 * 365;

/** Knuth's Poisson draw; the rates here are small, so the loop is short. */
export function poisson(random: Random, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/**
 * Expected civil cases over the window, by role. Debt collection against the entity follows its
 * payment-default propensity strongly and its insolvency propensity more weakly; larger firms are
 * in court more often in every role.
 */
export function courtRates(entity: SyntheticEntity): { debtAsDefendant: number; otherAsDefendant: number; asPlaintiff: number; bankruptcy: number } {
  // Issue 13: how much more large firms litigate is a world assumption (base: 1 + 0.6 per class).
  const scale = worldOf(entity).litigationBySize[entity.sizeClass];
  return {
    debtAsDefendant: scale * (0.05 + 4 * entity.risk.paymentDefault + 1.5 * entity.risk.insolvency),
    otherAsDefendant: scale * 0.08,
    asPlaintiff: scale * (0.15 + 0.5 * entity.risk.insolvency),
    bankruptcy: 1.5 * entity.risk.insolvency,
  };
}

interface Draft {
  role: CourtPartyRole;
  category: CourtCaseCategory;
  proceeding: CourtProceedingKind;
  outcome: CourtCaseOutcome;
  summary: string;
}

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

const DEBT_OUTCOMES: readonly CourtCaseOutcome[] = ['SATISFIED', 'SATISFIED', 'SATISFIED', 'PARTIALLY_SATISFIED', 'SETTLED', 'DENIED'];
const OTHER_OUTCOMES: readonly CourtCaseOutcome[] = ['SATISFIED', 'PARTIALLY_SATISFIED', 'DENIED', 'DENIED', 'SETTLED', 'DISMISSED', 'LEFT_WITHOUT_CONSIDERATION'];

function drafts(entity: SyntheticEntity, random: Random): Draft[] {
  const rates = courtRates(entity);
  const out: Draft[] = [];
  for (let i = poisson(random, rates.debtAsDefendant); i > 0; i--) {
    const writ = random() < 0.5;
    out.push({
      role: 'DEFENDANT', category: 'DEBT_COLLECTION', proceeding: writ ? 'WRIT' : pick(random, ['CLAIM', 'SIMPLIFIED'] as const),
      outcome: writ ? 'SATISFIED' : pick(random, DEBT_OUTCOMES), summary: 'recovery of debt under a supply contract',
    });
  }
  for (let i = poisson(random, rates.otherAsDefendant); i > 0; i--) {
    out.push({
      role: 'DEFENDANT', category: pick(random, ['CONTRACT_DISPUTE', 'PROPERTY', 'LABOUR'] as const), proceeding: 'CLAIM',
      outcome: pick(random, OTHER_OUTCOMES), summary: 'a dispute arising from the performance of obligations',
    });
  }
  for (let i = poisson(random, rates.asPlaintiff); i > 0; i--) {
    const debt = random() < 0.6;
    out.push({
      role: 'PLAINTIFF', category: debt ? 'DEBT_COLLECTION' : 'CONTRACT_DISPUTE', proceeding: debt && random() < 0.5 ? 'WRIT' : 'CLAIM',
      outcome: pick(random, debt ? DEBT_OUTCOMES : OTHER_OUTCOMES), summary: debt ? 'recovery of receivables from a buyer' : 'termination of a contract',
    });
  }
  if (random() < Math.min(0.9, rates.bankruptcy)) {
    out.push({ role: 'DEFENDANT', category: 'BANKRUPTCY', proceeding: 'SPECIAL', outcome: 'SATISFIED', summary: 'recognition of the debtor as bankrupt' });
  }
  return out;
}

const ACT_BY_PROCEEDING: Record<CourtProceedingKind, CourtActType> = { WRIT: 'COURT_ORDER', CLAIM: 'DECISION', SIMPLIFIED: 'DECISION', SPECIAL: 'DECISION', OTHER: 'RULING' };

function actText(d: Draft, court: string, caseNumber: string, date: string, amountTiyn: number | null): string {
  const amount = amountTiyn === null ? '' : ` in the amount of ${(amountTiyn / 100).toFixed(2)} tenge`;
  const verdict = d.outcome === 'SATISFIED' ? 'The claim is satisfied in full.' : d.outcome === 'DENIED' ? 'The claim is denied.' : `Outcome: ${d.outcome.toLowerCase().replace(/_/g, ' ')}.`;
  return [
    `${court}, case No. ${caseNumber}, ${date}.`,
    `The court, having examined in open session the civil case on ${d.summary}${amount}, in which the business entity took part as ${d.role.toLowerCase().replace('_', ' ')},`,
    'having heard the parties and examined the written evidence, established the following.',
    'The parties concluded a contract; the obligations under it were not performed within the agreed term, and the pre-trial claim was left unanswered.',
    `Guided by the Civil Procedure Code of the Republic of Kazakhstan, the court decided: ${verdict}`,
    'The act may be appealed within one month from the date of its issue in its final form.',
  ].join(' ');
}

/**
 * The Supreme Court's civil-case feed for an entity (BPR §24.8): one record per case in which the
 * entity is a party, keyed by its BIN/IIN.
 */
export const courtFeed: FeedGenerator<CivilCaseAct> = {
  topic: Topics.courtCivilCases.name,
  records(entity: SyntheticEntity, random: Random, now: Date) {
    const today = Math.floor(now.getTime() / DAY_MS);
    const first = Math.max(Math.floor(entity.registeredOn.getTime() / DAY_MS) + 30, today - WINDOW_DAYS);
    if (first >= today) return [];
    const court = `Specialized Inter-District Economic Court of ${entity.region.centre}`;
    return drafts(entity, random).map((d, n) => {
      const actDate = first + Math.floor(random() * (today - first));
      const registered = Math.max(first, actDate - 10 - Math.floor(random() * 90));
      const year = new Date(actDate * DAY_MS).getUTCFullYear() % 100;
      const caseNumber = `${entity.region.kato.slice(0, 2)}${String(n).padStart(2, '0')}-${String(year).padStart(2, '0')}-00-2/${1 + Math.floor(random() * 9999)}`;
      const amountTiyn = d.category === 'DEBT_COLLECTION' ? Math.round((50_000 + random() * 20_000_000 * (1 + entity.sizeClass)) * 100) : null;
      const instance: CourtInstance = random() < 0.12 ? 'APPEAL' : 'FIRST';
      const actType: CourtActType = instance === 'APPEAL' ? 'RESOLUTION' : ACT_BY_PROCEEDING[d.proceeding];
      return {
        key: entity.id,
        value: {
          partyId: entity.id,
          partyRole: d.role,
          instance,
          region: entity.region.name,
          regionKato: entity.region.kato,
          court,
          proceedingKind: d.proceeding,
          caseCategory: d.category,
          caseNumber,
          caseRegisteredOn: registered,
          actDate,
          actType,
          actText: actText(d, court, caseNumber, new Date(actDate * DAY_MS).toISOString().slice(0, 10), amountTiyn),
          outcome: d.outcome,
          claimAmountTiyn: amountTiyn,
          eventTime: Math.min(now.getTime() - 60_000, actDate * DAY_MS + Math.floor(random() * 3 * DAY_MS)),
        },
      };
    });
  },
};
