import { SearchKeyRefresh } from './search-key-refresh';
import type { RefreshStep, SearchKeyStateRepository } from './search-key-state.repository';

/** A state repository that answers the given steps in turn, and the logger's calls. */
function refreshWith(steps: Array<RefreshStep | Error>) {
  const asked: number[] = [];
  const state = {
    step: async (version: number) => {
      asked.push(version);
      const next = steps.shift();
      if (!next) throw new Error('asked for a step after the refresh should have stopped');
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as SearchKeyStateRepository;
  const logged: Array<[string, unknown, string]> = [];
  const log = {
    info: (fields: unknown, msg: string) => logged.push(['info', fields, msg]),
    warn: (fields: unknown, msg: string) => logged.push(['warn', fields, msg]),
  } as never;
  return { refresh: new SearchKeyRefresh(state, log), asked, logged, steps };
}

const batch = (rewritten: number, finished: boolean): RefreshStep => ({ kind: 'BATCH', read: 1000, rewritten, through: finished ? '' : 'x', finished });

describe('SearchKeyRefresh', () => {
  it('runs batches until the last one, waiting while another instance holds the state', async () => {
    const { refresh, asked, logged, steps } = refreshWith([batch(3, false), { kind: 'BUSY' }, batch(4, false), batch(1, true)]);
    await refresh.run(2);
    expect(asked).toEqual([2, 2, 2, 2]);
    expect(steps).toEqual([]);
    expect(logged).toEqual([['info', { version: 2, rewritten: 8 }, 'search keys refreshed']]);
  });

  it('stops at once when the keys are current, and warns when a newer build made them', async () => {
    const current = refreshWith([{ kind: 'CURRENT', version: 2 }]);
    await current.refresh.run(2);
    expect(current.logged).toEqual([]);
    const newer = refreshWith([{ kind: 'CURRENT', version: 3 }]);
    await newer.refresh.run(2);
    expect(newer.logged).toEqual([['warn', { stored: 3, built: 2 }, 'search keys are of a newer version than this build']]);
  });

  it('retries a failed batch after a wait, and a shutdown ends the wait', async () => {
    jest.useFakeTimers();
    try {
      const { refresh, asked, logged } = refreshWith([new Error('connection reset'), batch(0, true)]);
      const running = refresh.run(2);
      await jest.advanceTimersByTimeAsync(9_000);
      expect(asked).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1_200);
      await running;
      expect(asked).toHaveLength(2);
      expect(logged.map(([level, , msg]) => [level, msg])).toEqual([['warn', 'search key refresh batch failed; retrying'], ['info', 'search keys refreshed']]);

      const stopped = refreshWith([new Error('connection reset')]);
      const stopping = stopped.refresh.run(2);
      await jest.advanceTimersByTimeAsync(100);
      const shutdown = stopped.refresh.onApplicationShutdown();
      await jest.advanceTimersByTimeAsync(200);
      await Promise.all([stopping, shutdown]);
      expect(stopped.asked).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
