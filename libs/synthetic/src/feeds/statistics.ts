import type { StatisticalEntity } from '@hub/contracts';
import { Random } from '@hub/identity';
import { Topics } from '@hub/platform';
import type { FeedGenerator, SyntheticEntity } from '../population';

const DAY_MS = 86_400_000;

/** OKED codes the synthetic population uses, with their names (OKED 2 wording, shortened). */
export const OKED_NAMES: Readonly<Record<string, string>> = {
  '01110': 'Growing of cereals, legumes and oilseeds', '01410': 'Raising of dairy cattle', '10710': 'Manufacture of bread and fresh pastry',
  '25110': 'Manufacture of metal structures', '41201': 'Construction of residential buildings', '43210': 'Electrical installation works',
  '45200': 'Maintenance and repair of motor vehicles', '46900': 'Non-specialised wholesale trade', '47111': 'Retail sale in non-specialised stores, mainly food',
  '49410': 'Freight transport by road', '52290': 'Other transportation support activities', '56101': 'Restaurant activities',
  '62010': 'Computer programming activities', '68201': 'Renting and operating of own or leased real estate', '69201': 'Accounting and audit activities',
  '70220': 'Business and other management consultancy', '71121': 'Engineering design activities', '85590': 'Other education',
  '86230': 'Dental practice activities', '96020': 'Hairdressing and other beauty treatment',
};
const CODES = Object.keys(OKED_NAMES);

/**
 * Size classes by headcount (KRP) per synthetic size band (micro, small, medium, large). The
 * 3-digit codes are illustrative of the classifier's layout; the bureau's edition is authoritative.
 */
export const SIZE_CLASSES: Readonly<Record<0 | 1 | 2 | 3, ReadonlyArray<readonly [string, string]>>> = {
  0: [['105', 'Small enterprises (<= 5)'], ['110', 'Small enterprises (6-10)'], ['115', 'Small enterprises (11-15)']],
  1: [['120', 'Small enterprises (16-50)'], ['130', 'Small enterprises (51-100)']],
  2: [['140', 'Medium enterprises (101-150)'], ['145', 'Medium enterprises (151-200)'], ['150', 'Medium enterprises (201-250)']],
  3: [['160', 'Large enterprises (251-500)'], ['165', 'Large enterprises (501-1000)'], ['170', 'Large enterprises (> 1000)']],
};

const nameOf = (code: string): string => OKED_NAMES[code] ?? `Economic activity ${code}`;

/**
 * The statistical register's view of an entity (BPR §24.4). The signal it carries: entities with a
 * high fictitious-invoicing propensity declare many unrelated secondary activities (a "trades in
 * everything" shell), while honest ones declare few.
 */
export const statisticsFeed: FeedGenerator<StatisticalEntity> = {
  topic: Topics.statisticsEntities.name,
  records(entity: SyntheticEntity, random: Random, now: Date) {
    const expected = 0.4 + 6 * entity.risk.fictitiousInvoicing;
    const count = Math.min(CODES.length - 1, Math.floor(expected + random() * 1.5));
    const secondary = new Set<string>();
    while (secondary.size < count) {
      const code = CODES[Math.floor(random() * CODES.length)];
      if (code !== entity.okedPrimary) secondary.add(code);
    }
    const band = SIZE_CLASSES[entity.sizeClass];
    const [sizeClassCode, sizeClassName] = band[Math.floor(random() * band.length)];
    const recorded = Math.max(entity.registeredOn.getTime(), now.getTime() - 365 * DAY_MS);
    return [{
      key: entity.id,
      value: {
        id: entity.id,
        katoCode: entity.region.kato,
        okedPrimary: entity.okedPrimary,
        okedPrimaryName: nameOf(entity.okedPrimary),
        okedSecondary: [...secondary].map((code) => ({ code, name: nameOf(code) })),
        sizeClassCode,
        sizeClassName,
        eventTime: Math.min(now.getTime() - 60_000, recorded + Math.floor(random() * Math.max(1, now.getTime() - recorded))),
      },
    }];
  },
};
