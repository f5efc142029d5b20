import 'reflect-metadata';
import { loadConfig, serveUntilSignalled } from '@hub/platform';
import { perimeterNamed } from './perimeter-app.module';
import { startPerimeter } from './perimeter.app';

/*
 * One source's perimeter as its own process. Environment:
 *   SOURCE                      tax | justice | statistics | court | utility (required)
 *   DATABASE_URL                where its PostgreSQL is; it logs in as its source's role (hub_<source>,
 *                               the only one granted its src_* schema; hub_tax alone reads the financials)
 *                               and migrates as hub_owner (libs/platform/src/database/stores.ts)
 *   HUB_<ROLE>_PASSWORD[_FILE], DATABASE_SECRETS_DIR   those roles' passwords
 *   KAFKA_BROKERS, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD
 *                               the perimeter's own broker credentials (read its feeds, write bpr.preliminary-indexes.v1 and bpr.facts.v1)
 *   SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_USERNAME, SCHEMA_REGISTRY_PASSWORD
 *   KAFKA_GROUP_ID              defaults to kz-perimeter-<SOURCE> so it never shares offsets with the hub
 *   FRESHNESS_WATCH_LANES_OF    the hub's KAFKA_GROUP_ID: this perimeter's feeds back off while the hub's register
 *                               lane is behind, read from that lane group's committed offsets (needs Describe on
 *                               the group <hub group>.projections); unset, the perimeter never backs off
 *   KAFKA_CLIENT_ID, TOPIC_PREFIX, HTTP_HOST, HTTP_PORT, LOG_LEVEL, PROVISION_ON_START as for the hub
 */
serveUntilSignalled('perimeter', async () => {
  const name = perimeterNamed(process.env.SOURCE);
  const config = loadConfig({ KAFKA_GROUP_ID: `kz-perimeter-${name}`, KAFKA_CLIENT_ID: `kz-perimeter-${name}`, ...process.env });
  return startPerimeter(config, name);
});
