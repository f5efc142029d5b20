import 'reflect-metadata';
import path from 'node:path';
import { seededRandom } from '@hub/identity';
import { Topics, connectMessaging, createLogger, loadConfig, projectRoot } from '@hub/platform';
import { syntheticLegalEntity } from '@hub/synthetic';
import { ensureHubDevPki } from './hub-dev-pki';

/**
 * The portal demo (`npm start` runs it): registers the dev PKI's demo company (the BIN of the
 * user-head.p12 certificate, "ТОО «ДАЛА ТРЕЙД»") so a search finds it, a report can be issued on it
 * and its head sees who checked it; then prints how to log in.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dir = process.env.HUB_DEV_PKI ?? path.join(projectRoot(), '.local-stack', 'dev-pki');
  const pki = await ensureHubDevPki(dir);
  const bin = pki.identities.companyBin;
  const clients = await connectMessaging(config, createLogger('warn'), '-portal-demo');
  try {
    const record = { ...syntheticLegalEntity(seededRandom(14), new Date()), bin, status: 'ACTIVE', legalForm: 'LLP', nameRu: 'ТОО «ДАЛА ТРЕЙД»', nameKk: '«ДАЛА ТРЕЙД» ЖШС', nameEn: 'DALA TRADE LLP', eventTime: Date.now() };
    await clients.publisher.publish(Topics.justiceLegalEntities, [{ key: bin, value: record }]);
  } finally {
    await clients.close();
  }
  const url = `http://127.0.0.1:${config.HTTP_PORT}/`;
  process.stdout.write([
    '',
    `Portal: ${url}  (log in with an EDS: pick a .p12 and type its password)`,
    `  entrepreneur (individual):   ${pki.keys.userEntrepreneur}`,
    `  company head (BIN ${bin}): ${pki.keys.userHead}`,
    `  refused on purpose: ${pki.keys.userExpired} (CERT_EXPIRED), ${pki.keys.userRevoked} (REVOKED), ${pki.keys.userEmployee} (KEY_USAGE)`,
    `  password: in ${path.join(pki.dir, 'password.txt')}`,
    `  try: search "дала трейт" (a typo), open the card, get the signed report; log in as the head to see who checked the company`,
    `  scripts: npm run portal:login -- --url ${url} --p12 ${pki.keys.userEntrepreneur} --password-file ${path.join(pki.dir, 'password.txt')}`,
    '',
  ].join('\n'));
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
