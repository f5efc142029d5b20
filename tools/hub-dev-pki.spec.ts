import { existsSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureHubDevPki } from './hub-dev-pki';

describe('ensureHubDevPki', () => {
  it('reuses a development PKI whose folder was moved, with its paths where the folder is now', async () => {
    const base = mkdtempSync(join(tmpdir(), 'hubpki-'));
    const first = await ensureHubDevPki(join(base, 'a'));
    renameSync(join(base, 'a'), join(base, 'b'));
    const moved = await ensureHubDevPki(join(base, 'b'));
    expect(moved.password).toBe(first.password); // reused, not issued again
    expect(moved.dir).toBe(join(base, 'b'));
    for (const file of [...Object.values(moved.keys), moved.env.EDS_KEY_FILE, moved.env.EDS_KEY_PASSWORD_FILE, ...moved.env.EDS_CRLS.split(',')]) {
      expect(file.startsWith(join(base, 'b'))).toBe(true);
      expect(existsSync(file)).toBe(true);
    }
  }, 60_000);
});
