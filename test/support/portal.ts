import { join } from 'node:path';
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
