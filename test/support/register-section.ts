import type { INestApplication } from '@nestjs/common';
import { RegisterReader } from '@hub/register';
import { waitFor } from './index';

type Profile = NonNullable<Awaited<ReturnType<RegisterReader['profile']>>>;
type Sections = 'registration' | 'tax' | 'statistics' | 'courtCases' | 'utilityArrears';

/**
 * One source's section of the register's profile of `id`, once `ready` holds: a perimeter's public
 * facts reach the register asynchronously (bpr.facts.v1), so a test reads what the user will read.
 */
export async function registerSection<S extends Sections>(
  app: INestApplication, id: string, section: S,
  ready: (value: NonNullable<Profile[S]>) => boolean = () => true,
) {
  return waitFor(async () => {
    const profile = await app.get(RegisterReader).profile(id);
    const value = profile?.[section] ?? null;
    return value !== null && ready(value) ? (value) : undefined;
  }, `the register's ${section} section of ${id.slice(0, 4)}…`, 60_000);
}

/** The register's section of `id` as it is now (null: nothing published about it). */
export async function registerSectionNow<S extends Sections>(app: INestApplication, id: string, section: S) {
  return (await app.get(RegisterReader).profile(id))?.[section] ?? null;
}
