import { BinAttribute, BinEntityType, Random, generateBin, generateIin } from '@hub/identity';
import type { LegalEntityRegistrationRecord, LegalForm } from '@hub/source-justice';
import { REGIONS } from './regions';

const DAY_MS = 86_400_000;
const OKED = ['62010', '46900', '41201', '47111', '49410', '01110', '68201', '69201', '56101', '43210'];
const FORMS: LegalForm[] = ['LLP', 'LLP', 'LLP', 'LLP', 'JSC', 'PRODUCTION_COOPERATIVE', 'BRANCH'];
const NAMES = ['Altyn', 'Dala', 'Kazyna', 'Samruk', 'Nur', 'Tenge', 'Zhuldyz', 'Aral', 'Baiterek', 'Steppe', 'Orda', 'Kok'];
const TRADES = ['Trade', 'Stroy', 'Agro', 'Logistics', 'Consulting', 'Energy', 'IT', 'Service'];
const SURNAMES = ['Akhmetov', 'Bekova', 'Dzhaksybekov', 'Ermekova', 'Ibraimov', 'Kassymova', 'Nurlanov', 'Omarova', 'Seitkali', 'Tokayeva'];
const GIVEN = ['Aidar', 'Aigerim', 'Bauyrzhan', 'Dana', 'Yerlan', 'Madina', 'Nursultan', 'Saule', 'Timur', 'Zhanna'];

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** A plausible registration record, deterministic for a seeded random source. */
export function syntheticLegalEntity(random: Random, now: Date): LegalEntityRegistrationRecord {
  const year = 2000 + Math.floor(random() * 25);
  const month = 1 + Math.floor(random() * 12);
  const legalForm = pick(random, FORMS);
  const bin = generateBin(random, { year, month }, BinEntityType.RESIDENT_LEGAL_ENTITY, legalForm === 'BRANCH' ? BinAttribute.BRANCH : BinAttribute.HEAD_OFFICE);
  const region = pick(random, REGIONS);
  const registered = Math.floor(Date.UTC(year, month - 1, 1 + Math.floor(random() * 27)) / DAY_MS);
  const name = `${pick(random, NAMES)} ${pick(random, TRADES)}`;
  const headSurname = pick(random, SURNAMES);
  const headName = pick(random, GIVEN);
  const founderIin = generateIin(random, new Date(Date.UTC(1960 + Math.floor(random() * 40), Math.floor(random() * 12), 1 + Math.floor(random() * 28))), random() < 0.5 ? 'male' : 'female');
  const reregistered = random() < 0.2 ? Math.min(registered + Math.floor(random() * 2000), Math.floor(now.getTime() / DAY_MS) - 1) : null;
  return {
    bin,
    status: random() < 0.9 ? 'ACTIVE' : pick(random, ['SUSPENDED', 'IN_LIQUIDATION', 'LIQUIDATED'] as const),
    registrationAuthority: `Department of Justice of ${region.name}`,
    initialRegistrationDate: registered,
    lastReregistrationDate: reregistered,
    nameKk: `«${name}» ЖШС`,
    nameRu: `ТОО «${name}»`,
    nameEn: random() < 0.5 ? `${name} LLP` : null,
    shortNameRu: null,
    legalForm,
    headFullName: `${headSurname} ${headName}`,
    headPosition: 'Director',
    okedPrimary: pick(random, OKED),
    katoCode: region.kato,
    address: `${region.centre}, ${1 + Math.floor(random() * 200)} Abay Ave`,
    eventTime: now.getTime() - Math.floor(random() * 30 * DAY_MS),
    // BPR §24.3: the head is the sole founder, a natural person holding the whole share.
    founders: [{
      kind: 'NATURAL_PERSON', iin: founderIin, surname: headSurname, givenName: headName, patronymic: null, citizenshipCountry: 'KZ',
      bin: null, nameKk: null, nameRu: null, incorporationCountry: null, foreignRegistrationNumber: null, sharePercent: 100,
    }],
    parentOrganization: null,
  };
}
