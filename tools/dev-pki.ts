import { DevPki, readPassword } from '@hub/eds';

export interface DevPkiArgs {
  out: string;
  /** PKCS#12 password; default from DEV_PKI_PASSWORD / DEV_PKI_PASSWORD_FILE, else "dev-password" */
  password?: string;
  /** keep a local OCSP responder running (127.0.0.1, random port) until interrupted */
  serveOcsp?: boolean;
}

/**
 * Issues the development PKI (NCA-like root, intermediate, organisation and individual signing
 * certificates as PKCS#12, CRLs) into `out`. Local only: nothing here ever talks to the internet.
 */
export async function runDevPki(args: DevPkiArgs): Promise<{ files: string[]; ocspUrl?: string; close(): Promise<void> }> {
  const password = args.password ?? devPassword();
  const pki = await DevPki.create();
  const files = await pki.writeTo(args.out, password);
  if (!args.serveOcsp) return { files, close: async () => undefined };
  const responder = await pki.startOcspResponder();
  return { files, ocspUrl: responder.url, close: () => responder.close() };
}

function devPassword(): string {
  try {
    return readPassword({ env: 'DEV_PKI_PASSWORD', fileEnv: 'DEV_PKI_PASSWORD_FILE' });
  } catch {
    return 'dev-password';
  }
}

function parseArgs(argv: string[]): DevPkiArgs {
  const i = argv.indexOf('--out');
  const out = i >= 0 ? argv[i + 1] : undefined;
  if (!out) throw new Error('usage: node dist/tools/dev-pki.js --out <dir> [--serve-ocsp]   (password: DEV_PKI_PASSWORD or DEV_PKI_PASSWORD_FILE)');
  return { out, serveOcsp: argv.includes('--serve-ocsp') };
}

if (require.main === module) {
  (async () => {
    const result = await runDevPki(parseArgs(process.argv.slice(2)));
    for (const f of result.files) console.log(f);
    if (result.ocspUrl) {
      console.log(`OCSP responder for the intermediate CA: ${result.ocspUrl} (Ctrl+C to stop)`);
      process.once('SIGINT', () => void result.close());
      process.once('SIGTERM', () => void result.close());
    }
  })().catch((e: unknown) => {
    console.error((e as Error).message);
    process.exitCode = 1;
  });
}
