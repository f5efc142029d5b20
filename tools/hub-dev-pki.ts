import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { KeyUsageFlags } from '@peculiar/x509';
import { DevPki, OrganisationRole, generateRsaKeys, toPkcs12, type IssuedCert } from '@hub/eds';
import { computeCheckDigit } from '@hub/identity';

const DAY = 86_400_000;

/** A valid 12-digit BIN/IIN from its first 11 digits (bumping the serial if the check digit is 10). */
function withCheckDigit(first11: string): string {
  for (let n = Number(first11); ; n++) {
    const base = String(n).padStart(11, '0');
    const d = computeCheckDigit(base);
    if (d !== null) return `${base}${d}`;
  }
}

/** Who is who in the development PKI (BINs follow the BIN structure: YYMM, 4 = resident legal entity, 0 = head office). */
export const DEV_IDENTITIES = {
  hubBin: withCheckDigit('21074000001'),
  ndipBin: withCheckDigit('17064000002'),
  otherBin: withCheckDigit('19014000003'),
  entrepreneurIin: withCheckDigit('85030230012'),
  headIin: withCheckDigit('79111540021'),
  employeeIin: withCheckDigit('92062030031'),
  companyBin: withCheckDigit('15034000004'),
} as const;

export interface HubDevPki {
  dir: string;
  password: string;
  createdAt: string;
  validUntil: string;
  identities: typeof DEV_IDENTITIES;
  /** PKCS#12 files by purpose */
  keys: Record<DevKeyName, string>;
  /** the hub's EDS settings for this PKI, as environment variables */
  env: Record<string, string>;
}

export type DevKeyName =
  | 'hub' | 'ndip' | 'ndipExpired' | 'ndipRevoked' | 'ndipUntrusted' | 'otherOrganisation' | 'ndipNoNonRepudiation'
  | 'userEntrepreneur' | 'userHead' | 'userEmployee' | 'userExpired' | 'userRevoked';

/**
 * The development stand-in for the NCA (root, intermediate, CRLs) with the hub's key, an NDIP
 * system's key and failure fixtures (expired, revoked, untrusted, another organisation, wrong key
 * usage) plus demo users for the portal. Reused while its CRLs and certificates stay valid for a
 * day more; otherwise issued anew. Local only: nothing here talks to the internet.
 */
/**
 * The manifest with its paths moved to where the folder is now: it records absolute paths, and the
 * folder may be reached another way than when it was written (a copied checkout, a symlinked
 * cache, a worktree since removed), which left every hub started from it unable to read its key.
 */
function rebased(manifest: HubDevPki, dir: string): HubDevPki {
  const from = manifest.dir;
  if (!from || from === dir) return manifest;
  const move = (value: unknown): unknown => {
    if (typeof value === 'string') return value.split(from + sep).join(dir + sep);
    if (Array.isArray(value)) return value.map(move);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, move(v)]));
    return value;
  };
  return { ...(move(manifest) as HubDevPki), dir };
}

export async function ensureHubDevPki(dirArg: string, options: { force?: boolean; now?: Date } = {}): Promise<HubDevPki> {
  const dir = resolve(dirArg);
  const manifestPath = join(dir, 'manifest.json');
  const now = options.now ?? new Date();
  if (!options.force && existsSync(manifestPath)) {
    const existing = rebased(JSON.parse(readFileSync(manifestPath, 'utf8')) as HubDevPki, dir);
    const filesThere = Object.values(existing.keys).every((file) => existsSync(file)) && existsSync(existing.env.EDS_KEY_PASSWORD_FILE);
    if (filesThere && new Date(existing.validUntil).getTime() - now.getTime() > DAY && existing.identities.hubBin === DEV_IDENTITIES.hubBin) return existing;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const password = randomBytes(12).toString('base64url');
  const pki = await DevPki.create({ now, bin: DEV_IDENTITIES.hubBin });
  const chain = [pki.intermediate.certificate, pki.root.certificate];
  const id = DEV_IDENTITIES;
  const organisation = (bin: string, roles: OrganisationRole[], name: string, extra: Partial<Parameters<DevPki['issueLeaf']>[0]> = {}) =>
    pki.issueLeaf({ kind: 'organisation', bin, iin: id.headIin, roles, organisationName: name, commonName: name, ...extra });

  const hub = await organisation(id.hubBin, [OrganisationRole.INFORMATION_SYSTEM], 'BPR INTEGRATION HUB (DEV)', { keys: generateRsaKeys() });
  const ndip = await organisation(id.ndipBin, [OrganisationRole.INFORMATION_SYSTEM], 'NDIP ONE-STOP-SHOP (DEV)', { keys: generateRsaKeys() });
  const ndipExpired = await organisation(id.ndipBin, [OrganisationRole.INFORMATION_SYSTEM], 'NDIP EXPIRED (DEV)', {
    notBefore: new Date(now.getTime() - 400 * DAY), notAfter: new Date(now.getTime() - 30 * DAY),
  });
  const ndipRevoked = await organisation(id.ndipBin, [OrganisationRole.INFORMATION_SYSTEM], 'NDIP REVOKED (DEV)');
  const ndipNoNonRepudiation = await organisation(id.ndipBin, [OrganisationRole.INFORMATION_SYSTEM], 'NDIP AUTH KEY (DEV)', {
    keyUsage: KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment,
  });
  const otherOrganisation = await organisation(id.otherBin, [OrganisationRole.INFORMATION_SYSTEM], 'OTHER SYSTEM (DEV)');
  // An "NCA" nobody pinned: same names, different keys.
  const rogue = await DevPki.create({ now, bin: id.ndipBin });
  const ndipUntrusted = await rogue.issueLeaf({ kind: 'organisation', bin: id.ndipBin, roles: [OrganisationRole.INFORMATION_SYSTEM], organisationName: 'NDIP ONE-STOP-SHOP (DEV)' });

  const userEntrepreneur = await pki.issueLeaf({ kind: 'individual', iin: id.entrepreneurIin, commonName: 'ИП АХМЕТОВ БАУЫРЖАН' });
  const userHead = await organisation(id.companyBin, [OrganisationRole.HEAD], 'ТОО ДАЛА ТРЕЙД', { iin: id.headIin, commonName: 'СЕРІКОВА ӘЙГЕРІМ' });
  const userEmployee = await organisation(id.companyBin, [OrganisationRole.EMPLOYEE], 'ТОО ДАЛА ТРЕЙД', {
    iin: id.employeeIin, commonName: 'ЖАНБОЛАТОВ ЕРЛАН', keyUsage: KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment,
  });
  const userExpired = await pki.issueLeaf({
    kind: 'individual', iin: id.entrepreneurIin, commonName: 'ИП АХМЕТОВ БАУЫРЖАН',
    notBefore: new Date(now.getTime() - 400 * DAY), notAfter: new Date(now.getTime() - 10 * DAY),
  });
  const userRevoked = await pki.issueLeaf({ kind: 'individual', iin: id.entrepreneurIin, commonName: 'ИП АХМЕТОВ БАУЫРЖАН' });
  pki.revoke(ndipRevoked.certificate);
  pki.revoke(userRevoked.certificate);

  const validUntil = new Date(now.getTime() + 30 * DAY);
  const files: Array<[string, Buffer | string]> = [
    ['root.pem', pki.root.certificate.toPem()],
    ['intermediate.pem', pki.intermediate.certificate.toPem()],
    ['root.crl', await pki.rootCrl(now, validUntil)],
    ['intermediate.crl', await pki.intermediateCrl(now, validUntil)],
    ['password.txt', `${password}\n`],
  ];
  const p12 = (name: string, cert: IssuedCert, certChain = chain) => {
    files.push([name, toPkcs12(cert, certChain, password, name.replace(/\.p12$/, ''))]);
    return join(dir, name);
  };
  const keys: Record<DevKeyName, string> = {
    hub: p12('hub.p12', hub),
    ndip: p12('ndip.p12', ndip),
    ndipExpired: p12('ndip-expired.p12', ndipExpired),
    ndipRevoked: p12('ndip-revoked.p12', ndipRevoked),
    ndipUntrusted: p12('ndip-untrusted.p12', ndipUntrusted, [rogue.intermediate.certificate, rogue.root.certificate]),
    ndipNoNonRepudiation: p12('ndip-auth-only.p12', ndipNoNonRepudiation),
    otherOrganisation: p12('other-organisation.p12', otherOrganisation),
    userEntrepreneur: p12('user-entrepreneur.p12', userEntrepreneur),
    userHead: p12('user-head.p12', userHead),
    userEmployee: p12('user-employee.p12', userEmployee),
    userExpired: p12('user-expired.p12', userExpired),
    userRevoked: p12('user-revoked.p12', userRevoked),
  };
  for (const [name, data] of files) writeFileSync(join(dir, name), data, { mode: name.endsWith('.pem') || name.endsWith('.crl') ? 0o644 : 0o600 });
  const manifest: HubDevPki = {
    dir,
    password,
    createdAt: now.toISOString(),
    validUntil: validUntil.toISOString(),
    identities: DEV_IDENTITIES,
    keys,
    env: {
      EDS_KEY_FILE: keys.hub,
      EDS_KEY_PASSWORD_FILE: join(dir, 'password.txt'),
      EDS_TRUST_ANCHORS: join(dir, 'root.pem'),
      EDS_INTERMEDIATES: join(dir, 'intermediate.pem'),
      EDS_CRLS: [join(dir, 'root.crl'), join(dir, 'intermediate.crl')].join(','),
      NDIP_SENDER_BINS: id.ndipBin,
    },
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2), { mode: 0o600 });
  return manifest;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const out = args[args.indexOf('--out') + 1];
  if (!args.includes('--out') || !out) {
    console.error('usage: node dist/tools/hub-dev-pki.js --out <dir> [--force] [--env]   (prints the EDS settings as shell exports with --env)');
    process.exit(2);
  }
  ensureHubDevPki(out, { force: args.includes('--force') })
    .then((pki) => {
      if (args.includes('--env')) for (const [k, v] of Object.entries(pki.env)) console.log(`export ${k}='${v}'`);
      else console.log(`dev PKI in ${pki.dir}: hub BIN ${pki.identities.hubBin}, NDIP BIN ${pki.identities.ndipBin}, valid until ${pki.validUntil}`);
    })
    .catch((e: unknown) => {
      console.error((e as Error).message);
      process.exitCode = 1;
    });
}
