import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { MessageLog, PgReplayStore } from '@hub/message-log';
import { testConfig } from '@hub/test-support';
import { startHub } from '../apps/hub/src/hub.app';

/** The hub mounts the message log: it migrates schema message_log and injects the log and replay store. */
describe('message log in the hub', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startHub(testConfig());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('appends to the migrated, shared log and the chain verifies; the replay store is shared', async () => {
    const id = `e2e-${randomBytes(6).toString('hex')}`;
    const log = app.get(MessageLog);
    const { seq } = await log.append({ messageId: id, direction: 'IN', channel: 'SOAP', type: 'KYC_REQUEST', senderBin: '123456789021', outcome: 'ACCEPTED', document: '<x/>' });
    expect(await log.rows(id)).toMatchObject([{ seq, messageId: id }]);
    expect(await log.verify()).toMatchObject({ ok: true });

    const replay = app.get(PgReplayStore);
    const now = new Date();
    const until = new Date(now.getTime() + 360_000);
    await expect(replay.remember('123456789021', id, until, now)).resolves.toBe(true);
    await expect(replay.remember('123456789021', id, until, now)).resolves.toBe(false);
  });
});
