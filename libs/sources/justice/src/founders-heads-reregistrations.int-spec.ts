import { generateIin, seededRandom } from '@hub/identity';
import type { Database } from '@hub/platform';
import { syntheticLegalEntity } from '@hub/synthetic';
import { JusticeStore, closeJusticeStore, openJusticeStore } from './justice-store.int-support';
import { EntityStatus, Founder, LegalEntity } from './legal-entity';
import { validateLegalEntity } from './legal-entity.rules';
import type { LegalEntityRepository } from './legal-entity.repository';
import type { JusticePreliminaryIndexer } from './preliminary/justice-preliminary.indexer';
import { MASS_FOUNDER_FULL_AT, massDirectorFeature, massFounderFeature } from './registration-people.rules';
import { frequentReregistrationFeature } from './reregistration.rules';

const DAY_MS = 86_400_000;

/**
 * Mass founder, mass director and the re-registration history in the justice store (issue 13 item 2),
 * on a database of its own: the counts are set-based, the upsert queues in the same statement the
 * firms whose count an arrival changed, and every record of a batch adds the re-registration it shows.
 */
describe('founders, heads and re-registrations in the justice store', () => {
  const random = seededRandom(20261203);
  const now = new Date();
  const today = Math.floor(now.getTime() / DAY_MS);
  let db: Database;
  let repository: LegalEntityRepository;
  let indexer: JusticePreliminaryIndexer;
  let clock = now.getTime() - 86_400_000;

  const iin = () => generateIin(random, new Date(Date.UTC(1960 + Math.floor(random() * 40), Math.floor(random() * 12), 1 + Math.floor(random() * 28))), 'male');
  const person = (id: string, surname = 'Akhmetov', givenName = 'Yerlan'): Founder => ({
    kind: 'NATURAL_PERSON', iin: id, surname, givenName, patronymic: null, citizenshipCountry: 'KZ',
    bin: null, nameKk: null, nameRu: null, incorporationCountry: null, foreignRegistrationNumber: null, sharePercent: 50,
  });
  interface Shape { founders?: Founder[]; head?: string; kato?: string; status?: EntityStatus; bin?: string; reregistered?: number | null; at?: number }
  /** A valid registration, stamped later than anything stored before unless `at` says when. */
  const firm = (shape: Shape = {}): LegalEntity => {
    const base = syntheticLegalEntity(random, now);
    const bin = shape.bin ?? base.bin;
    // Address and default head follow the BIN: a firm stored again moves only what the test changes.
    const record = {
      ...base, bin, address: `Almaty, Registry St ${bin}`, katoCode: shape.kato ?? '751000000', status: shape.status ?? 'ACTIVE', initialRegistrationDate: today - 4000,
      founders: shape.founders ?? [person(iin())], headFullName: shape.head ?? `Head ${bin}`,
      lastReregistrationDate: shape.reregistered === undefined ? null : shape.reregistered, eventTime: shape.at ?? (clock += 1000),
    };
    const validated = validateLegalEntity(record, null, now);
    if (!validated.ok) throw new Error(validated.reason);
    return validated.value;
  };
  const store = (entities: LegalEntity[], shown?: LegalEntity[]) =>
    repository.upsert(entities.map((entity, i) => ({ entity, position: { topic: 'justice', partition: 0, offset: String(clock + i) } })), shown);
  const queued = async (): Promise<string[]> => (await db.query<{ id: string }>('DELETE FROM src_justice.recompute_outbox RETURNING id')).map((r) => r.id).sort();
  const features = async (bin: string) => (await indexer.features([bin], now))[0].features;
  const history = async (bin: string) =>
    (await db.query<{ d: string }>("SELECT to_char(reregistration_date, 'YYYY-MM-DD') AS d FROM src_justice.reregistrations WHERE bin = $1 ORDER BY 1", [bin])).map((r) => r.d);
  const bins = (entities: LegalEntity[]) => entities.map((e) => e.bin).sort();
  const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

  let justice: JusticeStore | undefined;
  beforeAll(async () => {
    justice = await openJusticeStore();
    ({ db, repository, indexer } = justice);
  });

  afterAll(() => closeJusticeStore(justice));

  it('counts the other live firms sharing a founder IIN, not a namesake, and queues the co-founded firms of a newcomer', async () => {
    const nominee = iin();
    const cofounded = [firm({ founders: [person(nominee)] }), firm({ founders: [person(nominee), person(iin(), 'Kim', 'Sergei')] }), firm({ founders: [person(nominee)] })];
    const namesake = firm({ founders: [person(iin())] });
    await store([...cofounded, namesake]);
    expect(await queued()).toEqual(bins([...cofounded, namesake]));
    expect((await features(cofounded[0].bin)).MASS_FOUNDER).toBe(massFounderFeature(2));
    expect((await features(namesake.bin)).MASS_FOUNDER).toBe(0);

    // A fourth firm of the same founder: it and its three co-founded firms are recomputed, the namesake's firm is not.
    const fourth = firm({ founders: [person(nominee)] });
    await store([fourth]);
    expect(await queued()).toEqual(bins([...cofounded, fourth]));
    expect((await features(cofounded[1].bin)).MASS_FOUNDER).toBe(massFounderFeature(3));

    // One is liquidated: it no longer counts for the others, and they are recomputed.
    await store([firm({ founders: [person(nominee)], status: 'LIQUIDATED', bin: cofounded[2].bin })]);
    expect(await queued()).toEqual(bins([...cofounded, fourth]));
    expect((await features(fourth.bin)).MASS_FOUNDER).toBe(massFounderFeature(2));

    // The founder sells out of one firm: its former co-founded firms are recomputed, and it counts none.
    await store([firm({ founders: [person(iin())], bin: cofounded[1].bin })]);
    expect(await queued()).toEqual(bins([...cofounded, fourth]));
    expect((await features(cofounded[1].bin)).MASS_FOUNDER).toBe(0);
    expect((await features(fourth.bin)).MASS_FOUNDER).toBe(massFounderFeature(1));
  });

  it('does not recompute the co-founded firms of a founder whose feature is already full', async () => {
    const nominee = iin();
    const crowd = Array.from({ length: MASS_FOUNDER_FULL_AT + 3 }, () => firm({ founders: [person(nominee)] }));
    await store(crowd);
    await queued();
    expect((await features(crowd[0].bin)).MASS_FOUNDER).toBe(1);
    const newcomer = firm({ founders: [person(nominee)] });
    await store([newcomer]);
    expect(await queued()).toEqual([newcomer.bin]);
  });

  it('counts the other live firms whose head has the same name however it is typed, and queues them when a head arrives or leaves', async () => {
    const headed = [firm({ head: 'Zhunusov Timur Bolatovich' }), firm({ head: 'ZHUNUSOV TIMUR BOLATOVICH' }), firm({ head: 'Zhunusov  Timur Bolatovich' })];
    const other = firm({ head: 'Жунусов Тимур Болатович' });
    const elsewhere = firm({ head: 'Zhunusov Timur Bolatovich', kato: '711000000' });
    await store([...headed, other, elsewhere]);
    await queued();
    expect((await features(headed[0].bin)).MASS_DIRECTOR).toBe(massDirectorFeature(2));
    // Cyrillic and Latin spellings are not unified; a namesake heading a firm in another region is not counted.
    expect((await features(other.bin)).MASS_DIRECTOR).toBe(0);
    expect((await features(elsewhere.bin)).MASS_DIRECTOR).toBe(0);
    const renamed = firm({ head: 'Omarov Askar', bin: headed[2].bin, founders: [person(iin())] });
    await store([renamed]);
    expect(await queued()).toEqual(bins(headed));
    expect((await features(headed[0].bin)).MASS_DIRECTOR).toBe(massDirectorFeature(1));
  });

  it('keeps every re-registration a batch shows, once, and drops none on replay', async () => {
    const days = [today - 700, today - 300, today - 40];
    const [first, second, third] = days.map((day, i) => firm({ reregistered: day, at: now.getTime() - (3 - i) * 3_600_000 }));
    const bin = first.bin;
    const records = [first, { ...second, bin }, { ...third, bin }];
    // One batch carries three records of one firm: the row is the latest, the history all three.
    await store([records[2]], records);
    expect(await queued()).toEqual([bin]);
    expect(await history(bin)).toEqual(days.map(iso));
    expect((await features(bin)).FREQUENT_REREGISTRATION).toBe(frequentReregistrationFeature(days.map(iso), now));
    expect((await features(bin)).FREQUENT_REREGISTRATION).toBeGreaterThan(0.5);

    // Replaying any of them adds nothing and queues nothing.
    expect(await store([records[0]])).toBe(0);
    expect(await store([records[2]], records)).toBe(0);
    expect(await queued()).toEqual([]);
    expect(await history(bin)).toEqual(days.map(iso));

    // An older record arriving late leaves the row as it is, but its date joins the history and the firm is recomputed.
    const late = { ...firm({ reregistered: today - 900, at: now.getTime() - 10 * 3_600_000 }), bin };
    expect(await store([late])).toBe(0);
    expect(await queued()).toEqual([bin]);
    expect(await history(bin)).toEqual([today - 900, ...days].map(iso));

    // A record that a newer state contradicts (a date after the newest last re-registration) is not kept.
    const stale = { ...firm({ reregistered: today - 20, at: now.getTime() - 9 * 3_600_000 }), bin };
    expect(await store([stale])).toBe(0);
    expect(await history(bin)).not.toContain(iso(today - 20));
    expect(await queued()).toEqual([]);

    // A newer record correcting the last re-registration back removes the dates after it.
    const corrected = { ...firm({ reregistered: today - 300, at: now.getTime() - 60_000 }), bin };
    await store([corrected]);
    expect(await history(bin)).toEqual([today - 900, today - 700, today - 300].map(iso));
    expect(await queued()).toEqual([bin]);
  });

  it('keys the founders and heads of rows stored before keys existed, and queues them', async () => {
    const shared = iin();
    const a = firm({ founders: [person(shared)], head: 'Ibraimov Marat' });
    const b = firm({ founders: [person(shared)], head: 'IBRAIMOV  MARAT' });
    await store([a, b]);
    await queued();
    await db.query('UPDATE src_justice.legal_entities SET founder_keys = NULL, head_key = NULL WHERE bin = ANY($1::bpchar[])', [[a.bin, b.bin]]);
    expect((await features(a.bin)).MASS_FOUNDER).toBe(0);
    expect(await repository.keyStoredPeople(1)).toBe(2);
    expect(await queued()).toEqual(bins([a, b]));
    expect(await features(a.bin)).toMatchObject({ MASS_FOUNDER: massFounderFeature(1), MASS_DIRECTOR: massDirectorFeature(1) });
    expect(await repository.keyStoredPeople()).toBe(0);
  });
});
