import type { Founder, LegalEntityRegistration } from '@hub/contracts';
import { Random } from '@hub/identity';
import { Topics } from '@hub/platform';
import type { FeedGenerator, SyntheticEntity, SyntheticFounder, SyntheticLegalForm } from '../population';
import { worldTraits } from '../world';

const DAY_MS = 86_400_000;

/** Kazakh and Russian wrappers of a trade name by legal form, as the register prints them. */
const WRAPPERS: Record<SyntheticLegalForm, { kk: (n: string) => string; ru: (n: string) => string; en: (n: string) => string }> = {
  LLP: { kk: (n) => `«${n}» ЖШС`, ru: (n) => `ТОО «${n}»`, en: (n) => `${n} LLP` },
  JSC: { kk: (n) => `«${n}» АҚ`, ru: (n) => `АО «${n}»`, en: (n) => `${n} JSC` },
  PRODUCTION_COOPERATIVE: { kk: (n) => `«${n}» ӨК`, ru: (n) => `ПК «${n}»`, en: (n) => `${n} Production Cooperative` },
  STATE_ENTERPRISE: { kk: (n) => `«${n}» МКК`, ru: (n) => `ГКП «${n}»`, en: (n) => `${n} State Enterprise` },
  NON_COMMERCIAL: { kk: (n) => `«${n}» қоғамдық қоры`, ru: (n) => `ОФ «${n}»`, en: (n) => `${n} Public Foundation` },
  BRANCH: { kk: (n) => `«${n}» ЖШС филиалы`, ru: (n) => `Филиал ТОО «${n}»`, en: (n) => `${n} LLP Branch` },
};

const HEAD_POSITION: Record<SyntheticLegalForm, string> = {
  LLP: 'Director', JSC: 'Chairman of the Management Board', PRODUCTION_COOPERATIVE: 'Chairman',
  STATE_ENTERPRISE: 'Director', NON_COMMERCIAL: 'Executive Director', BRANCH: 'Branch Director',
};

const STREETS = ['Abay Ave', 'Dostyk Ave', 'Respublika Ave', 'Tole Bi St', 'Kabanbay Batyr Ave', 'Zhibek Zholy St', 'Satpayev St', 'Mangilik El Ave'];

const NO_FOUNDER: Founder = {
  kind: 'NATURAL_PERSON', iin: null, surname: null, givenName: null, patronymic: null, citizenshipCountry: null,
  bin: null, nameKk: null, nameRu: null, incorporationCountry: null, foreignRegistrationNumber: null, sharePercent: null,
};

/** BPR §24.3 founder fields: a person's name split into surname, name and patronymic (as the population writes it). */
function founder(f: SyntheticFounder, form: SyntheticLegalForm): Founder {
  if (f.kind === 'PERSON') {
    const [surname, givenName, ...rest] = f.fullName.split(' ');
    return { ...NO_FOUNDER, iin: f.iin, surname, givenName: givenName ?? null, patronymic: rest.length ? rest.join(' ') : null, citizenshipCountry: 'KZ', sharePercent: f.sharePercent };
  }
  const wrap = WRAPPERS[form === 'JSC' ? 'JSC' : 'LLP'];
  return { ...NO_FOUNDER, kind: 'LEGAL_ENTITY', bin: f.bin, nameKk: wrap.kk(f.name), nameRu: wrap.ru(f.name), incorporationCountry: 'KZ', sharePercent: f.sharePercent };
}

/**
 * A mass registration address is one of a few business-centre addresses per city, written the way
 * clerks write it (case, punctuation and an office number vary), so a feature has to normalise it.
 * The own address's draws happen either way: the base world's records stay as they were.
 */
function massOrOwnAddress(city: string, mass: number | null, random: Random): string {
  const own = `${city}, ${STREETS[Math.floor(random() * STREETS.length)]} ${1 + Math.floor(random() * 250)}`;
  if (mass === null) return own;
  const street = STREETS[mass % STREETS.length];
  const variants = [`${city}, ${street} ${100 + mass}`, `${city.toUpperCase()}, ${street} ${100 + mass}, office ${1 + Math.floor(random() * 300)}`, `${city} ${street}, ${100 + mass}`];
  return variants[Math.floor(random() * variants.length)];
}

/**
 * The justice registry's view of an entity (BPR §24.3). Entrepreneurs are registered by the tax
 * authority, not the justice bodies, so they get no record here. Status leans on the hidden
 * insolvency propensity so the register shows a weak, honest signal of it.
 */
export const justiceFeed: FeedGenerator<LegalEntityRegistration> = {
  topic: Topics.justiceLegalEntities.name,
  records(entity: SyntheticEntity, random: Random, now: Date) {
    if (entity.kind === 'INDIVIDUAL_ENTREPRENEUR' || !entity.legalForm) return [];
    const form = entity.legalForm;
    const name = entity.name ?? 'Unnamed';
    const today = Math.floor(now.getTime() / DAY_MS);
    const registered = Math.min(Math.floor(entity.registeredOn.getTime() / DAY_MS), today);
    const reregistered = random() < 0.2 && today - registered > 30 ? registered + 1 + Math.floor(random() * (today - registered - 1)) : null;
    const traits = worldTraits(entity);
    const drawn = random() < entity.risk.insolvency * 0.4 ? 'IN_LIQUIDATION' : random() < 0.02 ? 'SUSPENDED' : 'ACTIVE';
    // Issue 13: owners also close solvent firms by choice; the register shows the same status.
    const status = traits.voluntaryLiquidation ? 'IN_LIQUIDATION' : drawn;
    const changedOn = (reregistered ?? registered) * DAY_MS;
    // The registry's event time: some moment between the last change and now, never in the future.
    const eventTime = Math.max(changedOn, now.getTime() - Math.floor(random() * 180 * DAY_MS));
    const city = entity.region.centre;
    const value: LegalEntityRegistration = {
      bin: entity.id,
      status,
      registrationAuthority: `Department of Justice of ${entity.region.name}`,
      initialRegistrationDate: registered,
      lastReregistrationDate: reregistered,
      nameKk: WRAPPERS[form].kk(name),
      nameRu: WRAPPERS[form].ru(name),
      nameEn: random() < 0.5 ? WRAPPERS[form].en(name) : null,
      shortNameRu: form === 'LLP' || form === 'JSC' ? WRAPPERS[form].ru(name) : null,
      legalForm: form,
      headFullName: entity.head?.fullName ?? null,
      headPosition: entity.head ? HEAD_POSITION[form] : null,
      okedPrimary: entity.okedPrimary,
      katoCode: entity.region.kato,
      address: massOrOwnAddress(city, traits.massAddress, random),
      eventTime: Math.min(eventTime, now.getTime()),
      founders: (entity.founders ?? []).map((f) => founder(f, form)),
      parentOrganization: entity.parentId
        ? { bin: entity.parentId, incorporationCountry: 'KZ', foreignRegistrationNumber: null, nameKk: null, nameRu: null }
        : null,
    };
    return [{ key: entity.id, value }];
  },
};
