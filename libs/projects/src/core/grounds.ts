// Pure: which records of the hub's own feeds are NDIP §33 grounds for a project company's BIN.
// Readings (NDIP §33.3, §33.5 name the grounds, not the records):
// - §33.3 "bankruptcy or liquidation": tax list BANKRUPT while listed; a tax BANKRUPTCY proceeding
//   still open; justice registration status IN_LIQUIDATION or LIQUIDATED; a court case of the
//   BANKRUPTCY category where the company is the defendant.
// - §33.5 "judicial or other legal restrictions that impede implementation": a court act against
//   the company as defendant that grants the claim (SATISFIED / PARTIALLY_SATISFIED) or is a court
//   order (writ). Cases the company brought, lost claims against it, settlements: no ground.
// The evidence id identifies the fact (not the Kafka position), so the same fact republished or
// redelivered raises nothing new; the evidence still names the topic, partition and offset seen first.
import { fromEpochDay } from './calendar';
import { Evidence, SuspensionGround } from './lifecycle';

export interface FeedPosition { topic: string; logicalTopic: string; partition: number; offset: string }
export interface GroundEvidence extends Evidence { bin: string; ground: SuspensionGround }

const BIN = /^\d{12}$/;

interface TaxListRecord { id: string; list: string; includedOn: number; excludedOn: number | null; basis: string | null }
interface TaxFactsRecord { id: string; insolvencyProceedings?: Array<{ kind: string; startDate: number; endDate: number | null }> }
interface JusticeRecord { bin: string; status: string; eventTime: number }
interface CourtRecord { partyId: string; partyRole: string; caseNumber: string; caseCategory: string | null; actDate: number; actType: string; outcome: string | null; court: string }

const evidence = (pos: FeedPosition, id: string, bin: string, ground: SuspensionGround, record: string, recordDay: number, detail: string): GroundEvidence => ({
  id, bin, ground, topic: pos.logicalTopic, partition: pos.partition, offset: pos.offset, record, recordDate: fromEpochDay(recordDay), detail,
});

export function taxListGround(v: TaxListRecord, pos: FeedPosition): GroundEvidence[] {
  if (!BIN.test(v.id) || v.list !== 'BANKRUPT' || v.excludedOn !== null) return [];
  return [evidence(pos, `tax-list:${v.id}:BANKRUPT:${v.includedOn}`, v.id, 'BANKRUPTCY_OR_LIQUIDATION', `${v.id} on the BANKRUPT list`, v.includedOn, `included ${fromEpochDay(v.includedOn)}${v.basis ? `; basis: ${v.basis}` : ''}`)];
}

export function taxFactsGrounds(v: TaxFactsRecord, pos: FeedPosition): GroundEvidence[] {
  if (!BIN.test(v.id)) return [];
  return (v.insolvencyProceedings ?? [])
    .filter((p) => p.kind === 'BANKRUPTCY' && p.endDate === null)
    .map((p) => evidence(pos, `tax-insolvency:${v.id}:BANKRUPTCY:${p.startDate}`, v.id, 'BANKRUPTCY_OR_LIQUIDATION', `${v.id} bankruptcy proceeding`, p.startDate, `opened ${fromEpochDay(p.startDate)}, ongoing`));
}

export function justiceGround(v: JusticeRecord, pos: FeedPosition): GroundEvidence[] {
  if (!BIN.test(v.bin) || (v.status !== 'IN_LIQUIDATION' && v.status !== 'LIQUIDATED')) return [];
  const day = Math.floor(v.eventTime / 86_400_000);
  return [evidence(pos, `justice:${v.bin}:${v.status}`, v.bin, 'BANKRUPTCY_OR_LIQUIDATION', `${v.bin} registration status ${v.status}`, day, `status ${v.status}`)];
}

export function courtGround(v: CourtRecord, pos: FeedPosition): GroundEvidence[] {
  if (!BIN.test(v.partyId) || v.partyRole !== 'DEFENDANT') return [];
  const id = `court:${v.partyId}:${v.caseNumber}:${v.actType}:${v.actDate}`;
  const record = `case ${v.caseNumber}, ${v.court}`;
  if (v.caseCategory === 'BANKRUPTCY') return [evidence(pos, id, v.partyId, 'BANKRUPTCY_OR_LIQUIDATION', record, v.actDate, `bankruptcy case, ${v.actType} ${fromEpochDay(v.actDate)}`)];
  if (v.outcome === 'SATISFIED' || v.outcome === 'PARTIALLY_SATISFIED' || v.actType === 'COURT_ORDER') {
    return [evidence(pos, id, v.partyId, 'JUDICIAL_RESTRICTION', record, v.actDate, `${v.actType} ${fromEpochDay(v.actDate)} against the company${v.outcome ? ` (${v.outcome})` : ''}`)];
  }
  return [];
}

/** Logical topic -> the rule that reads it. */
export const GROUND_RULES: Record<string, (value: never, pos: FeedPosition) => GroundEvidence[]> = {
  'feed.tax.lists.v1': taxListGround,
  'feed.tax.facts.v1': taxFactsGrounds,
  'feed.justice.legal-entities.v1': justiceGround,
  'feed.court.civil-cases.v1': courtGround,
};
