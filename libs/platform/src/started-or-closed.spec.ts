import type { INestApplicationContext } from '@nestjs/common';
import { startedOrClosed } from './started-or-closed';

const appClosing = () => {
  const state = { closed: 0 };
  const app = { close: async () => { state.closed++; } } as unknown as INestApplicationContext;
  return { app, state };
};

describe('startedOrClosed', () => {
  it('closes the application when a start-up step fails, and rethrows that failure', async () => {
    const { app, state } = appClosing();
    await expect(startedOrClosed(app, async () => { throw new Error('This server does not host this topic-partition'); })).rejects.toThrow('topic-partition');
    expect(state.closed).toBe(1);
  });

  it('hands back the application, open, when every step succeeds', async () => {
    const { app, state } = appClosing();
    await expect(startedOrClosed(app, async () => undefined)).resolves.toBe(app);
    expect(state.closed).toBe(0);
  });
});
