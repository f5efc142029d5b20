import type { RecomputeOutbox } from '@hub/perimeter';
import { Database, runMigrations } from '@hub/platform';
import { dropPrivateDatabase, privateDatabase } from '@hub/test-support';
import { JUSTICE_MIGRATIONS } from './justice.module';
import { LegalEntityRepository } from './legal-entity.repository';
import { JusticePreliminaryIndexer } from './preliminary/justice-preliminary.indexer';

/** The justice perimeter's store on a private PostgreSQL database, for the int specs of its counts and fan-out. */
export interface JusticeStore { url: string; db: Database; repository: LegalEntityRepository; indexer: JusticePreliminaryIndexer }

export async function openJusticeStore(): Promise<JusticeStore> {
  const url = (await privateDatabase('justice')).DATABASE_URL;
  await runMigrations(url, [JUSTICE_MIGRATIONS]);
  const db = new Database(url, 2);
  // The outbox registration is the hub's wiring; these specs read the outbox table directly.
  const indexer = new JusticePreliminaryIndexer(db, { register: () => undefined } as unknown as RecomputeOutbox);
  return { url, db, repository: new LegalEntityRepository(db), indexer };
}

export async function closeJusticeStore(store: JusticeStore | undefined): Promise<void> {
  await store?.db.close();
  if (store) await dropPrivateDatabase(store.url);
}
