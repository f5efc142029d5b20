import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Pool } from 'pg';
import { ensureRoles, loadConfig } from '@hub/platform';
import { ensureHubDevPki, type DevKeyName, type HubDevPki } from '../../tools/hub-dev-pki';
import { EdsUser } from '../../tools/support/portal-client';

/** The dev PKI the test global setup made (and the hub under test trusts). */
export function devPki(): Promise<HubDevPki> {
  return ensureHubDevPki(process.env.HUB_TEST_DEV_PKI ?? join(__dirname, '..', '..', '.local-stack', 'dev-pki'));
}

/**
 * Logs in to a running hub with a dev PKI user (the individual entrepreneur unless told) and
 * returns the `Cookie` header value, for tests of routes that need a session.
 */
export async function loginCookie(baseUrl: string, user: DevKeyName = 'userEntrepreneur'): Promise<string> {
  const pki = await devPki();
  const result = await new EdsUser(pki.keys[user], pki.password).login(baseUrl);
  if (result.status !== 200 || !result.cookie) throw new Error(`portal login as ${user} failed: HTTP ${result.status} ${JSON.stringify(result.body)}`);
  return result.cookie;
}

/**
 * A database of its own for a test file (the shared one collects other branches' migrations):
 * created fresh, with the cluster's module roles given CONNECT and the owner CREATE. Returns the
 * config overrides that point a hub at it.
 */
export async function privateDatabase(label: string): Promise<{ DATABASE_URL: string }> {
  const config = loadConfig();
  const name = `hub_${label}${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const admin = new Pool({ connectionString: config.DATABASE_URL, max: 1 });
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const at = (url: string) => {
    const u = new URL(url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  await ensureRoles(at(config.DATABASE_URL), config);
  return { DATABASE_URL: at(config.DATABASE_URL) };
}

/** Drops a database privateDatabase made (connections closed first, forcibly). */
export async function dropPrivateDatabase(databaseUrl: string): Promise<void> {
  const admin = new Pool({ connectionString: loadConfig().DATABASE_URL, max: 1 });
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
