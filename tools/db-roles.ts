import 'reflect-metadata';
import { ALL_STORES, OWNER_ROLE, ensureRoles, loadConfig, runtimeRoles } from '@hub/platform';

/**
 * `npm run db:roles`: creates (or updates) the migration owner and every module's runtime role in
 * the database at DATABASE_URL, with passwords from the configuration (<ROLE>_PASSWORD,
 * <ROLE>_PASSWORD_FILE, DATABASE_SECRETS_DIR), and hands existing module schemas to the owner.
 * Needs a login that may create roles: locally the trust-auth superuser; in production a DBA's.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await ensureRoles(config.DATABASE_URL, config, ALL_STORES);
  process.stdout.write(`database roles ready: ${[OWNER_ROLE, ...runtimeRoles(ALL_STORES)].join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`db:roles failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
