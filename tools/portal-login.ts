import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { EdsUser } from './support/portal-client';

const USAGE = `usage: npm run portal:login -- --url http://127.0.0.1:3000 --p12 <file.p12> (--password-file <file> | PORTAL_P12_PASSWORD=…) [--cookie]
  Logs in to the portal with an EDS (challenge, sign, verify) and prints the session token
  (use it as "Authorization: Bearer <token>") or, with --cookie, the Cookie header value.`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const url = arg('--url') ?? 'http://127.0.0.1:3000';
  const p12 = arg('--p12');
  const passwordFile = arg('--password-file');
  const password = passwordFile ? readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '') : process.env.PORTAL_P12_PASSWORD;
  if (!p12 || password === undefined) {
    console.error(USAGE);
    process.exit(2);
  }
  const result = await new EdsUser(p12, password).login(url.replace(/\/$/, ''));
  if (result.status !== 200) {
    console.error(`login refused (HTTP ${result.status}): ${JSON.stringify(result.body.code)} ${JSON.stringify(result.body.message ?? '')}`);
    process.exitCode = 1;
    return;
  }
  console.log(args.includes('--cookie') ? result.cookie : result.token);
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exitCode = 1;
});
