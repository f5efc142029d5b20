import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DatabasePools, Stores, loadConfig } from '@hub/platform';
import { RegisterRepository, SearchService } from '@hub/register';

/**
 * The floor of one search on this machine (issue 12's "p99 < 50 ms at 20 clients"): a bare
 * node:http server answering GET /api/v1/search with the hub's own register code — the same
 * SearchService and RegisterRepository (the same prepared statements and group reads), on a pool of
 * the register's role with its settings and the hub's DATABASE_POOL_SIZE — and nothing else: no
 * Nest or Express, no session, rate limit or metrics, no query-string parser beyond URLSearchParams.
 * So hub ÷ floor is what the HTTP framework and the portal's guarantees (a session on every route)
 * cost, and the floor's own p99 is what 50 ms has to be argued against on this machine.
 *
 * Runs as a child with the hub's Node flags (fork), so its CPU is measured apart from the load
 * generator's, as the hub's is.
 */
async function serve(): Promise<void> {
  const config = loadConfig();
  const pools = new DatabasePools(config);
  const search = new SearchService(new RegisterRepository(pools.for(Stores.register)));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://floor');
    const q = url.searchParams.get('q') ?? '';
    search.search(q, url.searchParams.get('legalForm'), Number(url.searchParams.get('page') ?? 1)).then(
      (page) => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(page)),
      (e: Error) => res.writeHead(500).end(e.message),
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
}

/** Starts the floor server as a child with `nodeArgs` and the hub's environment (its database). */
export function startSearchFloor(nodeArgs: readonly string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; baseUrl: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { execArgv: [...nodeArgs], env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (m: { port: number }) => resolve({ child, baseUrl: `http://127.0.0.1:${m.port}` }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the search floor server exited ${code}`)));
  });
}

if (require.main === module) {
  serve().catch((e: Error) => {
    process.stderr.write(`search floor: ${e.stack ?? e.message}\n`);
    process.exit(1);
  });
}
