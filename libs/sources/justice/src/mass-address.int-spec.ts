import { seededRandom } from '@hub/identity';
import type { Database } from '@hub/platform';
import { syntheticLegalEntity } from '@hub/synthetic';
import { JusticeStore, closeJusticeStore, openJusticeStore } from './justice-store.int-support';
import { EntityStatus, LegalEntity } from './legal-entity';
import { validateLegalEntity } from './legal-entity.rules';
import type { LegalEntityRepository } from './legal-entity.repository';
import type { JusticePreliminaryIndexer } from './preliminary/justice-preliminary.indexer';
import { MASS_ADDRESS_FULL_AT, massAddressFeature } from './registration-address.rules';

/**
 * The mass-address count in the justice store (issue 13 item 2), on a database of its own (the shared
 * one collects other branches' migrations): the count is set-based, and the upsert queues for
 * recompute the firms whose count a registration changed, in the same statement.
 */
describe('mass registration address in the justice store', () => {
  const random = seededRandom(20261202);
  const now = new Date();
  let db: Database;
  let repository: LegalEntityRepository;
  let indexer: JusticePreliminaryIndexer;
  let clock = now.getTime() - 86_400_000;

  /** A valid registration at `address` with `status`, stamped later than anything stored before. */
  const firm = (address: string, status: EntityStatus = 'ACTIVE', bin?: string): LegalEntity => {
    const record = { ...syntheticLegalEntity(random, now), address, status, eventTime: (clock += 1000) };
    const validated = validateLegalEntity({ ...record, bin: bin ?? record.bin }, null, now);
    if (!validated.ok) throw new Error(validated.reason);
    return validated.value;
  };
  const store = (entities: LegalEntity[]) =>
    repository.upsert(entities.map((entity, i) => ({ entity, position: { topic: 'justice', partition: 0, offset: String(clock + i) } })));
  const queued = async (): Promise<string[]> => {
    const rows = await db.query<{ id: string }>('DELETE FROM src_justice.recompute_outbox RETURNING id');
    return rows.map((r) => r.id).sort();
  };
  const feature = async (bin: string): Promise<number> => (await indexer.features([bin], now))[0].features.MASS_REGISTRATION_ADDRESS;
  const bins = (entities: LegalEntity[]) => entities.map((e) => e.bin).sort();

  let justice: JusticeStore | undefined;
  beforeAll(async () => {
    justice = await openJusticeStore();
    ({ db, repository, indexer } = justice);
  });

  afterAll(() => closeJusticeStore(justice));

  it('counts the live firms at a building however its address is written, and queues the address-mates of each arrival or departure', async () => {
    const centre = [firm('Almaty, Dostyk Ave 105'), firm('ALMATY, Dostyk Ave 105, office 17'), firm('Almaty Dostyk Ave, 105')];
    const own = firm('Almaty, Satpayev St 7');
    await store([...centre, own]);
    expect(await queued()).toEqual(bins([...centre, own]));
    expect(await feature(centre[0].bin)).toBe(massAddressFeature(2));
    expect(await feature(own.bin)).toBe(0);

    // A fourth firm arrives: it and the three already there are recomputed, the firm elsewhere is not.
    const fourth = firm('almaty, dostyk avenue 105, office 3');
    await store([fourth]);
    expect(await queued()).toEqual(bins([...centre, fourth]));
    expect(await feature(centre[1].bin)).toBe(massAddressFeature(3));

    // One is liquidated: it no longer counts, and its former mates are recomputed.
    const closed = firm(centre[2].address, 'LIQUIDATED', centre[2].bin);
    await store([closed]);
    expect(await queued()).toEqual(bins([...centre, fourth]));
    expect(await feature(centre[0].bin)).toBe(massAddressFeature(2));
    expect(await feature(closed.bin)).toBe(massAddressFeature(3));

    // A change that moves no firm (a new head, the same address) recomputes that firm alone; a redelivery nothing.
    const renamed = firm('Almaty, Dostyk Ave 105, office 17', 'ACTIVE', centre[1].bin);
    await store([renamed]);
    expect(await queued()).toEqual([renamed.bin]);
    expect(await store([renamed])).toBe(0);
    expect(await queued()).toEqual([]);

    // A firm moving out recomputes the mates it left and those it joins.
    const moved = firm('Almaty, Satpayev St 7, office 2', 'ACTIVE', fourth.bin);
    await store([moved]);
    expect(await queued()).toEqual(bins([...centre, fourth, own]));
    expect(await feature(own.bin)).toBe(massAddressFeature(1));
  });

  it('does not recompute the mates of a mass address whose feature is already full, until departures bring it back', async () => {
    const crowd = Array.from({ length: MASS_ADDRESS_FULL_AT + 3 }, (_, i) => firm(`Astana, Mangilik El Ave 55, office ${i + 1}`));
    await store(crowd);
    await queued();
    expect(await feature(crowd[0].bin)).toBe(1);
    const newcomer = firm('ASTANA, Mangilik El Ave 55');
    await store([newcomer]);
    expect(await queued()).toEqual([newcomer.bin]);

    // Five leave in one batch: from 13 live firms to 8, so every mate's count falls below full.
    const leaving = crowd.slice(0, 5).map((e) => firm(e.address, 'IN_LIQUIDATION', e.bin));
    await store(leaving);
    expect(await queued()).toEqual(bins([...crowd, newcomer]));
    expect(await feature(newcomer.bin)).toBe(massAddressFeature(MASS_ADDRESS_FULL_AT + 4 - 5 - 1));
  });

  it('keys the addresses of rows stored before keys existed, and queues them', async () => {
    const a = firm('Shymkent, Tole Bi St 12, office 1');
    const b = firm('Shymkent Tole Bi St, 12');
    await store([a, b]);
    await queued();
    await db.query('UPDATE src_justice.legal_entities SET address_key = NULL WHERE bin = ANY($1::bpchar[])', [[a.bin, b.bin]]);
    expect(await feature(a.bin)).toBe(0);
    expect(await repository.keyStoredAddresses(1)).toBe(2);
    expect(await queued()).toEqual(bins([a, b]));
    expect(await feature(a.bin)).toBe(massAddressFeature(1));
    expect(await repository.keyStoredAddresses()).toBe(0);
  });
});
