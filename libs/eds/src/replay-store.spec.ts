import { InMemoryReplayStore } from './replay-store';

describe('InMemoryReplayStore', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, s));

  it('refuses the same (sender, id) twice while it is inside its window', async () => {
    const store = new InMemoryReplayStore();
    await expect(store.remember('111111111111', 'm-1', at(60), at(0))).resolves.toBe(true);
    await expect(store.remember('111111111111', 'm-1', at(90), at(30))).resolves.toBe(false);
  });

  it('accepts the same id from another sender', async () => {
    const store = new InMemoryReplayStore();
    await expect(store.remember('111111111111', 'm-1', at(60), at(0))).resolves.toBe(true);
    await expect(store.remember('222222222222', 'm-1', at(60), at(0))).resolves.toBe(true);
  });

  it('does not let a separator in the id collide two different pairs', async () => {
    const store = new InMemoryReplayStore();
    await expect(store.remember('a', 'b:c', at(60), at(0))).resolves.toBe(true);
    await expect(store.remember('a:b', 'c', at(60), at(0))).resolves.toBe(true);
  });

  it('accepts the pair again once its record has expired', async () => {
    const store = new InMemoryReplayStore();
    await expect(store.remember('111111111111', 'm-1', at(60), at(0))).resolves.toBe(true);
    await expect(store.remember('111111111111', 'm-1', at(200), at(60))).resolves.toBe(true);
    await expect(store.remember('111111111111', 'm-1', at(300), at(120))).resolves.toBe(false);
  });
});
