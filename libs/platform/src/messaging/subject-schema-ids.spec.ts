import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { RegistryUnavailableError, SubjectSchemaIds } from './subject-schema-ids';
import { FailureKind, classifyFailure } from './transient-error';

/** A stand-in for the Confluent API's subject endpoints, counting requests. */
describe('SubjectSchemaIds', () => {
  let server: Server;
  let url: string;
  let versions: Record<string, Array<{ version: number; id: number }>>;
  let status: number | undefined;
  let requests: string[];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url!);
      if (status) { res.writeHead(status).end('{}'); return; }
      const m = /^\/subjects\/([^/]+)\/versions(?:\/(\d+))?$/.exec(req.url!);
      const list = m ? versions[decodeURIComponent(m[1])] : undefined;
      if (!m || !list) { res.writeHead(404).end('{"error_code":40401}'); return; }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(m[2] ? { id: list.find((v) => v.version === Number(m[2]))!.id } : list.map((v) => v.version)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    versions = { 't-value': [{ version: 1, id: 11 }] };
    status = undefined;
    requests = [];
  });

  it('knows the ids of a subject and fetches each version once', async () => {
    let now = 1000;
    const ids = new SubjectSchemaIds(url, {}, () => now);
    expect(await ids.includes('t-value', 11, 900, new Set())).toBe(true);
    expect(await ids.includes('t-value', 11, 900, new Set())).toBe(true);
    expect(requests).toEqual(['/subjects/t-value/versions', '/subjects/t-value/versions/1']);

    // A new version registered later: a record produced after the cache was fetched refreshes it.
    versions['t-value'].push({ version: 2, id: 12 });
    now = 20_000;
    expect(await ids.includes('t-value', 12, 19_000, new Set())).toBe(true);
    expect(requests.slice(2)).toEqual(['/subjects/t-value/versions', '/subjects/t-value/versions/2']);
  });

  it('a wrong id refreshes at most once per batch, and never for records older than the cache', async () => {
    const now = 100_000;
    const ids = new SubjectSchemaIds(url, {}, () => now);
    const batch = new Set<string>();
    expect(await ids.includes('t-value', 99, now, batch)).toBe(false);
    expect(await ids.includes('t-value', 99, now, batch)).toBe(false);
    expect(requests.filter((r) => r === '/subjects/t-value/versions')).toHaveLength(1); // the first load is this batch's refresh
    expect(await ids.includes('t-value', 99, now, new Set())).toBe(false);
    expect(requests.filter((r) => r === '/subjects/t-value/versions')).toHaveLength(2); // next batch: one refresh
    expect(await ids.includes('t-value', 99, now - 60_000, new Set())).toBe(false);
    expect(requests.filter((r) => r === '/subjects/t-value/versions')).toHaveLength(2);
  });

  it.each([
    [404, 'REGISTRY_SUBJECT_MISSING'],
    [500, 'REGISTRY_UNAVAILABLE'],
    [503, 'REGISTRY_UNAVAILABLE'],
  ])('registry answering %s for the subject is an infrastructure failure (%s), never a bad record', async (code, expected) => {
    status = code === 404 ? undefined : code;
    const ids = new SubjectSchemaIds(url, {});
    const error = await ids.includes(code === 404 ? 'missing-value' : 't-value', 11, 0, new Set()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnavailableError);
    expect(classifyFailure(error)).toEqual({ kind: FailureKind.INFRASTRUCTURE, code: expected });
  });

  it('an unreachable registry is an infrastructure failure', async () => {
    const ids = new SubjectSchemaIds('http://127.0.0.1:1', {});
    const error = await ids.includes('t-value', 11, 0, new Set()).catch((e: unknown) => e);
    expect(classifyFailure(error)).toEqual({ kind: FailureKind.INFRASTRUCTURE, code: 'REGISTRY_UNAVAILABLE' });
  });
});
