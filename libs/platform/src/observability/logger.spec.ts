import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, cb) { lines.push(chunk.toString()); cb(); } });
  return { lines, logger: createLogger('info', stream) };
}

describe('createLogger', () => {
  it('masks IIN/BIN in messages, nested fields and errors', () => {
    const { lines, logger } = capture();
    logger.info({ record: { bin: '150640012345', owners: ['850415300126'] } }, 'stored 150640012345');
    logger.error({ err: new Error('bad bin 150640012345') }, 'failed');
    const out = lines.join('');
    expect(out).not.toMatch(/150640012345|850415300126/);
    expect(out).toContain('1506******45');
    expect(out).toContain('8504******26');
  });
});
