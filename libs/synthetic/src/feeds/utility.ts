import type { UtilityArrears, UtilityServiceKind } from '@hub/contracts';
import { BinAttribute, BinEntityType, Random, generateBin, seededRandom } from '@hub/identity';
import { Topics } from '@hub/platform';
import type { FeedGenerator, SyntheticEntity } from '../population';
import type { Region } from '../regions';

const DAY_MS = 86_400_000;
/** Months of history a generated feed covers, ending with the last complete month. */
export const UTILITY_HISTORY_MONTHS = 12;

const SERVICES: ReadonlyArray<{ kind: UtilityServiceKind; supplier: string; monthlyTenge: number; share: number }> = [
  { kind: 'ELECTRICITY', supplier: 'Energy Distribution Company', monthlyTenge: 60_000, share: 1 },
  { kind: 'HEAT', supplier: 'Heat Networks', monthlyTenge: 80_000, share: 0.7 },
  { kind: 'WATER', supplier: 'Vodokanal', monthlyTenge: 15_000, share: 0.9 },
  { kind: 'SEWAGE', supplier: 'Vodokanal', monthlyTenge: 8_000, share: 0.9 },
  { kind: 'GAS', supplier: 'QazaqGaz Aimak', monthlyTenge: 40_000, share: 0.3 },
];

function stableSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** One natural monopoly per region and supplier name: the same BIN for every customer in the region. */
export function supplierFor(region: Region, supplier: string): { bin: string; name: string } {
  const bin = generateBin(seededRandom(stableSeed(`${region.kato}|${supplier}`)), { year: 2001, month: 1 + (stableSeed(supplier) % 12) },
    BinEntityType.RESIDENT_LEGAL_ENTITY, BinAttribute.HEAD_OFFICE);
  return { bin, name: `${supplier} of ${region.centre}` };
}

/**
 * Monthly chance that a customer in good standing falls behind on one service, and that one
 * behind stays behind: payment default drives both strongly, insolvency more weakly.
 */
export function arrearsRates(entity: SyntheticEntity): { start: number; persist: number } {
  return {
    start: Math.min(0.6, 0.005 + 0.35 * entity.risk.paymentDefault + 0.15 * entity.risk.insolvency),
    persist: Math.min(0.95, 0.3 + 0.6 * entity.risk.paymentDefault + 0.3 * entity.risk.insolvency),
  };
}

const periodAt = (year: number, monthIndex: number): string => new Date(Date.UTC(year, monthIndex, 1)).toISOString().slice(0, 7);

/**
 * The natural monopolies' monthly non-payment reports (BPR §24.10) for the last
 * UTILITY_HISTORY_MONTHS complete months. A month behind is reported as it grows; a spell that
 * ends is reported once with monthsOverdue 0 so the register can clear it.
 */
export const utilityFeed: FeedGenerator<UtilityArrears> = {
  topic: Topics.utilityArrears.name,
  records(entity: SyntheticEntity, random: Random, now: Date) {
    const rates = arrearsRates(entity);
    const scale = [1, 4, 15, 60][entity.sizeClass];
    const out: Array<{ key: string; value: UtilityArrears }> = [];
    for (const service of SERVICES) {
      if (random() >= service.share) continue;
      const supplier = supplierFor(entity.region, service.supplier);
      const bill = Math.round(service.monthlyTenge * scale * (0.5 + random()) * 100);
      let overdue = 0;
      for (let back = UTILITY_HISTORY_MONTHS; back >= 1; back--) {
        const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1);
        if (start < entity.registeredOn.getTime()) continue;
        const wasOverdue = overdue;
        overdue = overdue > 0 ? (random() < rates.persist ? overdue + 1 : 0) : random() < rates.start ? 1 : 0;
        if (overdue === 0 && wasOverdue === 0) continue;
        const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 1);
        out.push({
          key: entity.id,
          value: {
            id: entity.id,
            supplierBin: supplier.bin,
            supplierName: supplier.name,
            serviceKind: service.kind,
            billingPeriod: periodAt(now.getUTCFullYear(), now.getUTCMonth() - back),
            monthsOverdue: overdue,
            amountOwedTiyn: overdue * bill,
            // Reported within the following month's first 29 days, never in the future.
            eventTime: Math.min(now.getTime() - 60_000, next + Math.floor(random() * 29 * DAY_MS)),
          },
        });
      }
    }
    return out;
  },
};
