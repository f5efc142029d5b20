import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Database, loadConfig, migrateAsOwner, projectRoot, runMigrations } from '@hub/platform';
import { MESSAGE_LOG_MIGRATIONS } from './message-log.module';
import { MessageLog, type MessageLogEntry } from './message-log';
import { checkProof, type MessageLogProof } from './proof';

/**
 * The message log on the real PostgreSQL. Appends, verification and concurrency run on the shared
 * message_log schema (other tests write there too: the chain is verified as a whole and own rows
 * are found by unique message ids). Tampering needs the trigger disabled, so it happens only in
 * private schemas and a private database this file creates and drops, never in the shared log.
 */
const config = loadConfig();
const DIST = path.join(projectRoot(), 'dist');
const run = `ml${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const uid = (what: string) => `${run}-${what}-${randomBytes(4).toString('hex')}`;

const request = (messageId: string, o: Partial<MessageLogEntry> = {}): MessageLogEntry => ({
  messageId, correlationId: null, direction: 'IN', channel: 'KAFKA', type: 'KYC_REQUEST', senderBin: '123456789021', outcome: 'ACCEPTED',
  document: `<kyc:Request xmlns:kyc="urn:ndip:kyc:v1" id="${messageId}">Қазақстан &amp; "ТОО"<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></kyc:Request>\n`,
  ...o,
});

interface Exit { code: number | null; stdout: string; stderr: string }
function node(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIST, script), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('MessageLog on PostgreSQL', () => {
  const database = new Database(config.DATABASE_URL, 4);
  const log = new MessageLog(database);
  const privateSchemas: string[] = [];

  /** A log of its own, in a schema only this test file uses: safe to tamper with. */
  async function privateLog(): Promise<{ log: MessageLog; schema: string }> {
    const schema = `${run}_${privateSchemas.length}`;
    privateSchemas.push(schema);
    await runMigrations(config.DATABASE_URL, [{ ...MESSAGE_LOG_MIGRATIONS[0], schema }]);
    return { log: new MessageLog(database, { schema, pageSize: 3 }), schema };
  }

  /** Edits a row the way an attacker with superuser rights would: trigger off, change, trigger on. */
  async function tamper(schema: string, sql: string, params: unknown[]): Promise<void> {
    await database.transaction(async (c) => {
      await c.query(`ALTER TABLE "${schema}".entries DISABLE TRIGGER entries_append_only`);
      await c.query(sql.replaceAll('$schema', `"${schema}"`), params);
      await c.query(`ALTER TABLE "${schema}".entries ENABLE TRIGGER entries_append_only`);
    });
  }

  beforeAll(async () => {
    await migrateAsOwner(config.DATABASE_URL, config, MESSAGE_LOG_MIGRATIONS);
  });

  afterAll(async () => {
    for (const schema of privateSchemas) await database.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await database.close();
  });

  it('appends with a gapless seq and a chained hash, keeps the exact bytes, and the whole chain verifies', async () => {
    const id = uid('req');
    const bytes = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\r\n<a>\u00a0 bytes as received</a>', 'utf8');
    const a = await log.append(request(id));
    const b = await log.append(request(uid('res'), { correlationId: id, direction: 'OUT', type: 'KYC_RESULT', senderBin: null, document: bytes }));
    expect(BigInt(b.seq)).toBeGreaterThan(BigInt(a.seq));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);

    const [row] = await log.rows(id);
    expect(row).toMatchObject({ seq: a.seq, messageId: id, correlationId: null, direction: 'IN', channel: 'KAFKA', type: 'KYC_REQUEST', senderBin: '123456789021', outcome: 'ACCEPTED', hash: a.hash });
    const [stored] = await database.query<{ document: Buffer }>('SELECT document FROM message_log.entries WHERE seq = $1', [b.seq]);
    expect(stored.document.equals(bytes)).toBe(true);

    const result = await log.verify();
    expect(result).toMatchObject({ ok: true });
    expect(result.count).toBeGreaterThanOrEqual(Number(b.seq));
    expect(BigInt(result.head!.seq)).toBeGreaterThanOrEqual(BigInt(b.seq));
  });

  it('refuses entries it could not store exactly as hashed', async () => {
    await expect(log.append(request(''))).rejects.toMatchObject({ code: 'INVALID_ENTRY' });
    await expect(log.append(request(uid('nul'), { outcome: 'A\u0000B' }))).rejects.toMatchObject({ code: 'INVALID_ENTRY' });
    await expect(log.append(request(uid('sur'), { type: 'X\ud800' }))).rejects.toMatchObject({ code: 'INVALID_ENTRY' });
    await expect(log.append(request(uid('dir'), { direction: 'SIDEWAYS' as 'IN' }))).rejects.toMatchObject({ code: 'INVALID_ENTRY' });
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const { log: own, schema } = await privateLog();
    const { seq } = await own.append(request(uid('ro')));
    await expect(database.query(`UPDATE "${schema}".entries SET outcome = 'REFUSED:X' WHERE seq = $1`, [seq])).rejects.toThrow(/append-only/);
    await expect(database.query(`DELETE FROM "${schema}".entries WHERE seq = $1`, [seq])).rejects.toThrow(/append-only/);
    await expect(database.query(`TRUNCATE "${schema}".entries`)).rejects.toThrow(/append-only/);
    expect(await own.verify()).toMatchObject({ ok: true, count: 1 });
    // The shared log too (a harmless UPDATE of one's own row, which must fail).
    const mine = await log.append(request(uid('ro-shared')));
    await expect(database.query(`UPDATE message_log.entries SET outcome = outcome WHERE seq = $1`, [mine.seq])).rejects.toThrow(/append-only/);
  });

  it('a tampered document is found, and verify names its seq', async () => {
    const { log: own, schema } = await privateLog();
    const seqs = [];
    for (let i = 0; i < 7; i++) seqs.push((await own.append(request(uid(`t${i}`)))).seq);
    expect(await own.verify()).toMatchObject({ ok: true, count: 7, head: { seq: '7' } });

    await tamper(schema, `UPDATE $schema.entries SET document = convert_to('<forged/>', 'UTF8') WHERE seq = $1`, [seqs[4]]);
    expect(await own.verify()).toEqual({ ok: false, count: 4, brokenAt: '5', reason: expect.stringMatching(/document/), head: { seq: '4', hash: expect.any(String) } });

    // Recomputing the stored digest too does not help: the row's hash no longer matches.
    await tamper(schema, `UPDATE $schema.entries SET document_sha256 = encode(sha256(document), 'hex') WHERE seq = $1`, [seqs[4]]);
    expect(await own.verify()).toMatchObject({ ok: false, count: 4, brokenAt: '5', reason: expect.stringMatching(/hash/) });
  });

  it('an anchored head catches rows cut from the end, and a rewritten tail', async () => {
    const { log: own, schema } = await privateLog();
    for (let i = 0; i < 6; i++) await own.append(request(uid(`a${i}`)));
    const { head } = await own.verify();
    expect(head).toEqual({ seq: '6', hash: expect.any(String) });
    await own.append(request(uid('a-more')));
    expect(await own.verify(head)).toMatchObject({ ok: true, count: 7 });
    await tamper(schema, 'DELETE FROM $schema.entries WHERE seq >= 5', []);
    expect(await own.verify()).toMatchObject({ ok: true, count: 4 });
    expect(await own.verify(head)).toMatchObject({ ok: false, count: 4, brokenAt: '5', reason: expect.stringMatching(/ends at seq 4/) });
    // rows appended again after the cut cannot reproduce the anchored hash
    for (let i = 0; i < 3; i++) await own.append(request(uid(`b${i}`)));
    expect(await own.verify(head)).toMatchObject({ ok: false, brokenAt: '6', reason: expect.stringMatching(/anchored/) });
  });

  it('a changed field, a removed row and a rewritten hash are each found at the right seq', async () => {
    const a = await privateLog();
    for (let i = 0; i < 5; i++) await a.log.append(request(uid(`f${i}`)));
    await tamper(a.schema, `UPDATE $schema.entries SET outcome = 'REFUSED:REPLAY' WHERE seq = 2`, []);
    expect(await a.log.verify()).toMatchObject({ ok: false, count: 1, brokenAt: '2' });

    const b = await privateLog();
    for (let i = 0; i < 5; i++) await b.log.append(request(uid(`d${i}`)));
    await tamper(b.schema, 'DELETE FROM $schema.entries WHERE seq = 3', []);
    expect(await b.log.verify()).toMatchObject({ ok: false, count: 2, brokenAt: '3', reason: expect.stringMatching(/missing/) });

    // An attacker who rewrites a row and its own hash breaks the next row's prev_hash.
    const c = await privateLog();
    for (let i = 0; i < 5; i++) await c.log.append(request(uid(`h${i}`)));
    await tamper(c.schema, `UPDATE $schema.entries SET hash = repeat('a', 64) WHERE seq = 4`, []);
    expect(await c.log.verify()).toMatchObject({ ok: false, brokenAt: '4' });
  });

  it('keeps one linear chain when two pools append at once', async () => {
    const pools = [new Database(config.DATABASE_URL, 4), new Database(config.DATABASE_URL, 4)];
    try {
      const logs = pools.map((p) => new MessageLog(p));
      const perPool = 60;
      const results = await Promise.all(logs.map(async (l, p) => {
        const seqs: string[] = [];
        let next = 0;
        const lane = async () => { for (let i = next++; i < perPool; i = next++) seqs.push((await l.append(request(uid(`pool${p}-${i}`)))).seq); };
        await Promise.all([lane(), lane(), lane(), lane()]);
        return seqs;
      }));
      const all = results.flat();
      expect(new Set(all).size).toBe(2 * perPool);
      expect(interleaved(results[0], results[1])).toBe(true);
      expect(await log.verify()).toMatchObject({ ok: true });
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });

  it('commits appends made while a write is in flight together, and one refused row fails only itself', async () => {
    const { log: own, schema } = await privateLog();
    const txs = async () => Number((await database.query<{ n: string }>(`SELECT count(DISTINCT xmin::text)::text AS n FROM "${schema}".entries`))[0].n);
    // 12 calls in one tick: the first is written alone, the 11 queued behind it in one transaction
    await Promise.all(Array.from({ length: 12 }, (_, i) => own.append(request(uid(`g${i}`)))));
    expect(await txs()).toBe(2);

    await database.query(`ALTER TABLE "${schema}".entries ADD CONSTRAINT no_poison CHECK (outcome <> 'POISON')`);
    const calls = Array.from({ length: 8 }, (_, i) => own.append(request(uid(`p${i}`), { outcome: i === 5 ? 'POISON' : 'ACCEPTED' })));
    const settled = await Promise.allSettled(calls);
    expect(settled.map((r) => r.status)).toEqual(settled.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
    const seqs = settled.flatMap((r) => (r.status === 'fulfilled' ? [Number(r.value.seq)] : []));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 7 }, (_, i) => i + 13));
    expect(await own.verify()).toMatchObject({ ok: true, count: 19 });
  });

  it('keeps one linear chain when two processes append at once', async () => {
    const startAt = Date.now() + 2000;
    const count = 150;
    const [a, b] = await Promise.all(['A', 'B'].map((p) =>
      node('libs/message-log/src/testing/append-worker.js', ['message_log', `${run}-proc${p}`, String(count), String(startAt), '4'])));
    expect(a).toMatchObject({ code: 0 });
    expect(b).toMatchObject({ code: 0 });
    const seqsA = JSON.parse(a.stdout) as string[];
    const seqsB = JSON.parse(b.stdout) as string[];
    expect(new Set([...seqsA, ...seqsB]).size).toBe(2 * count);
    // They really overlapped: neither process's rows form one block.
    expect(interleaved(seqsA, seqsB)).toBe(true);
    expect(await log.verify()).toMatchObject({ ok: true });
  });

  it('exports a message with its chain proof, which checks without the database; a tampered export does not', async () => {
    const id = uid('export');
    const sent = request(id, { channel: 'SOAP' });
    await log.append(sent);
    await log.append(request(uid('after')));
    // a replay of the same message id: a second row for it, refused
    await log.append({ ...sent, outcome: 'REFUSED:REPLAY' });
    await log.append(request(uid('after')));

    const proof = (await log.export(id))!;
    expect(proof.entries.map((e) => e.outcome)).toEqual(['ACCEPTED', 'REFUSED:REPLAY']);
    expect(Buffer.from(proof.entries[0].document, 'base64').toString('utf8')).toBe(sent.document);
    expect(proof.links[0].seq).toBe(proof.entries[0].seq);
    expect(BigInt(proof.head.seq)).toBeGreaterThanOrEqual(BigInt(proof.entries[1].seq) + 1n);

    const json = JSON.parse(JSON.stringify(proof)) as MessageLogProof;
    expect(checkProof(json, [Buffer.from(sent.document as string)])).toMatchObject({ ok: true, head: proof.head });

    const tampered = JSON.parse(JSON.stringify(proof)) as MessageLogProof;
    tampered.entries[0].document = Buffer.from((sent.document as string).replace('ТОО', 'АО')).toString('base64');
    expect(checkProof(tampered)).toMatchObject({ ok: false, brokenAt: proof.entries[0].seq });
    expect(await log.export(uid('absent'))).toBeNull();
  });

  it('export in a private log with small pages still reaches the head', async () => {
    const { log: own } = await privateLog();
    const id = uid('paged');
    await own.append(request(uid('before')));
    await own.append(request(id));
    for (let i = 0; i < 8; i++) await own.append(request(uid(`p${i}`)));
    const proof = (await own.export(id))!;
    expect(proof.links.map((l) => l.seq)).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(checkProof(proof)).toMatchObject({ ok: true, head: { seq: '10' } });
  });

  describe('the npm tools (built, in dist/)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'messagelog-'));

    it('messagelog:export writes the signed XML and the proof; messagelog:check-proof accepts it and refuses a tampered copy', async () => {
      const id = uid('cli');
      const sent = request(id);
      await log.append(sent);
      await log.append(request(uid('cli-after')));
      const out = path.join(dir, 'proof.json');
      const exported = await node('tools/messagelog-export.js', [id, '--out', out]);
      expect(exported).toMatchObject({ code: 0 });
      const proof = JSON.parse(readFileSync(out, 'utf8')) as MessageLogProof;
      const xmlFile = path.join(dir, `proof.seq-${proof.entries[0].seq}.xml`);
      expect(readFileSync(xmlFile, 'utf8')).toBe(sent.document);

      // The checker gets no database configuration at all.
      const bare = { PATH: process.env.PATH ?? '' };
      const good = await node('tools/messagelog-check-proof.js', [out, '--xml', xmlFile], bare);
      expect(good).toMatchObject({ code: 0 });
      expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, head: proof.head });

      const badFile = path.join(dir, 'tampered.json');
      proof.entries[0].outcome = 'REFUSED:SIGNATURE_INVALID';
      writeFileSync(badFile, JSON.stringify(proof));
      const bad = await node('tools/messagelog-check-proof.js', [badFile], bare);
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, brokenAt: proof.entries[0].seq });

      expect((await node('tools/messagelog-export.js', [uid('nope')])).code).toBe(1);
    });

    it('messagelog:verify exits 0 on an intact chain and non-zero naming the seq on a broken one', async () => {
      const ok = await node('tools/messagelog-verify.js', []);
      expect(ok).toMatchObject({ code: 0 });
      expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });

      // A database of its own, whose message_log is then broken: the shared log stays intact.
      const dbName = `${run}_db`;
      await database.query(`CREATE DATABASE "${dbName}"`);
      const url = new URL(config.DATABASE_URL);
      url.pathname = `/${dbName}`;
      const own = new Database(url.toString(), 1);
      try {
        await runMigrations(url.toString(), MESSAGE_LOG_MIGRATIONS);
        const ownLog = new MessageLog(own);
        for (let i = 0; i < 4; i++) await ownLog.append(request(uid(`v${i}`)));
        await own.transaction(async (c) => {
          await c.query('ALTER TABLE message_log.entries DISABLE TRIGGER entries_append_only');
          await c.query(`UPDATE message_log.entries SET sender_bin = '999999999999' WHERE seq = 3`);
          await c.query('ALTER TABLE message_log.entries ENABLE TRIGGER entries_append_only');
        });
        const broken = await node('tools/messagelog-verify.js', [], { ...process.env, DATABASE_URL: url.toString() });
        expect(broken.code).toBe(1);
        expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, brokenAt: '3', count: 2 });
        expect(broken.stderr).toMatch(/BROKEN at seq 3/);
        const { head } = JSON.parse(ok.stdout) as { head: { seq: string; hash: string } };
        expect(await node('tools/messagelog-verify.js', ['--anchor', `${head.seq}:${head.hash}`])).toMatchObject({ code: 0 });
        expect(await node('tools/messagelog-verify.js', ['--anchor', `${head.seq}:${'0'.repeat(64)}`])).toMatchObject({ code: 1 });
      } finally {
        await own.close();
        await database.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      }
    });
  });
});

/** True when the two seq lists alternate at least a few times in the merged order. */
function interleaved(a: string[], b: string[]): boolean {
  const owner = [...a.map((s) => [BigInt(s), 0] as const), ...b.map((s) => [BigInt(s), 1] as const)].sort((x, y) => (x[0] < y[0] ? -1 : 1));
  let switches = 0;
  for (let i = 1; i < owner.length; i++) if (owner[i][1] !== owner[i - 1][1]) switches++;
  return switches >= 3;
}
