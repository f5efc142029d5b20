import type { AvroPublisher, Database, Logger } from '@hub/platform';
import type { SignedMessageLog, StatusEventSigner } from './envelope.ports';
import type { ProjectsRepository } from './projects.repository';
import { StatusPublisher } from './status.publisher';

function publisher(waiting: boolean) {
  const queries: string[] = [];
  const client = { query: jest.fn(async (sql: string) => { queries.push(sql); return { rows: [{ ok: true }] }; }), release: jest.fn() };
  const db = { pool: { connect: jest.fn(async () => client) } } as unknown as Database;
  const repo = { hasUnpublished: jest.fn(async () => waiting), unpublished: jest.fn(async () => ({ events: [], publishedUpTo: new Map() })), markPublished: jest.fn() };
  const p = new StatusPublisher(repo as unknown as ProjectsRepository, db, {} as AvroPublisher, {} as StatusEventSigner, {} as SignedMessageLog, {} as Logger);
  return { p, db, repo, client, queries };
}

describe('StatusPublisher drain', () => {
  it('with nothing waiting, takes no client and no lock (one look, every 250 ms tick of an idle hub)', async () => {
    const { p, db, repo } = publisher(false);
    await expect(p.drain()).resolves.toBe(0);
    expect(repo.hasUnpublished).toHaveBeenCalledTimes(1);
    expect(db.pool.connect).not.toHaveBeenCalled();
    expect(repo.unpublished).not.toHaveBeenCalled();
  });

  it('with events waiting, reads them under the publishing lock and lets it go', async () => {
    const { p, repo, client, queries } = publisher(true);
    await expect(p.drain()).resolves.toBe(0);
    expect(repo.unpublished).toHaveBeenCalledWith(2000);
    expect(queries).toEqual(['SELECT pg_try_advisory_lock($1) AS ok', 'SELECT pg_advisory_unlock($1)']);
    expect(client.release).toHaveBeenCalledTimes(1);
  });
});
