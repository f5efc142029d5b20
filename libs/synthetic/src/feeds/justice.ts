import type { Founder, LegalEntityRegistration } from '@hub/contracts';
import { Random } from '@hub/identity';
import { Topics } from '@hub/platform';
import type { FeedGenerator, SyntheticEntity, SyntheticFounder, SyntheticLegalForm, SyntheticPerson } from '../population';
import { WorldTraits, groupOwner, nominee, worldTraits } from '../world';

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
 * Who the register names (issue 13 worlds): a nominee replaces the founders (sole founder, 100 %) or
 * the head; a group owner takes the first founder's place. Without such traits (base) the entity's own.
 */
function registeredPeople(entity: SyntheticEntity, traits: WorldTraits): { head: SyntheticPerson | undefined; founders: SyntheticFounder[] } {
  const kato = entity.region.kato;
  let founders = entity.founders ?? [];
  if (traits.nomineeFounder !== null) {
    const p = nominee(kato, traits.nomineeBlock, traits.nomineeFounder);
    founders = [{ kind: 'PERSON', iin: p.iin, fullName: p.fullName, sharePercent: 100 }];
  } else if (traits.group !== null) {
    const owner = groupOwner(traits.group);
    const first = founders.findIndex((f) => f.kind === 'PERSON');
    const replaced: SyntheticFounder = { kind: 'PERSON', iin: owner.iin, fullName: owner.fullName, sharePercent: first >= 0 ? founders[first].sharePercent : 100 };
    founders = first >= 0 ? founders.map((f, i) => (i === first ? replaced : f)) : [replaced];
  }
  const head = traits.nomineeHead !== null ? nominee(kato, traits.nomineeBlock, traits.nomineeHead) : entity.head;
  return { head, founders };
}

/** A name as a clerk types it: now and then in capitals or with a doubled space (a feature has to normalise it). */
function typed(name: string, random: Random): string {
  const x = random();
  return x < 0.25 ? name.toUpperCase() : x < 0.4 ? name.replace(' ', '  ') : name;
}

/**
 * Re-registration days for a firm the world re-registers more than once: a sham firm's in the last
 * three years (about 1,000 days), another's over its whole life; distinct, ascending, before today.
 */
function reregistrationDays(count: number, recent: boolean, registered: number, today: number, random: Random): number[] {
  const from = recent ? Math.max(registered + 1, today - 1000) : registered + 1;
  const span = today - from;
  const days = new Set<number>();
  for (let i = 0; i < count && span > 0; i++) days.add(from + Math.floor(random() * span));
  return [...days].sort((a, b) => a - b);
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
    const people = registeredPeople(entity, traits);
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
      headFullName: people.head?.fullName ?? null,
      headPosition: people.head ? HEAD_POSITION[form] : null,
      okedPrimary: entity.okedPrimary,
      katoCode: entity.region.kato,
      address: massOrOwnAddress(city, traits.massAddress, random),
      eventTime: Math.min(eventTime, now.getTime()),
      founders: people.founders.map((f) => founder(f, form)),
      parentOrganization: entity.parentId
        ? { bin: entity.parentId, incorporationCountry: 'KZ', foreignRegistrationNumber: null, nameKk: null, nameRu: null }
        : null,
    };
    // Draws below happen only in a world with such traits: the base world's records stay as they were.
    if (traits.nomineeHead !== null && value.headFullName !== null) value.headFullName = typed(value.headFullName, random);
    if (traits.reregistrations === 0) return [{ key: entity.id, value }];
    // The register publishes each re-registration as it happens: one record per event, the last one the current state.
    const days = reregistrationDays(traits.reregistrations, traits.recentReregistrations, registered, today, random);
    if (days.length === 0) return [{ key: entity.id, value }];
    const last = days[days.length - 1];
    const current = { ...value, lastReregistrationDate: last, eventTime: Math.min(Math.max(value.eventTime, last * DAY_MS), now.getTime()) };
    const earlier = days.slice(0, -1).map((day) => ({ ...value, status: 'ACTIVE' as const, lastReregistrationDate: day, eventTime: day * DAY_MS + 3_600_000 }));
    return [...earlier, current].map((v) => ({ key: entity.id, value: v }));
  },
};
