import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, Logger } from '@hub/platform';
import { SEARCH_KEY_VERSION } from './search-key';
import { SearchKeyStateRepository } from './search-key-state.repository';

/** Subjects re-keyed per transaction: short row locks beside the ingest that writes the same table. */
const BATCH = 1000;
/** Wait before looking again while another instance holds the state row, or after a failure. */
const BUSY_WAIT_MS = 500;
const RETRY_WAIT_MS = 10_000;

/**
 * Brings the stored search skeletons to this build's SEARCH_KEY_VERSION, in the background from
 * start-up, so that every name is found by a query folded the way this build folds it. Instances
 * share the work a batch at a time (the state row's lock); a stopped one leaves the rest to the next
 * start. Searches meanwhile answer from the keys as they are: a name the old folds keyed differently
 * may be missed until its batch is done.
 */
@Injectable()
export class SearchKeyRefresh implements OnApplicationBootstrap, OnApplicationShutdown {
  private stopping = false;
  private running?: Promise<void>;

  constructor(
    private readonly state: SearchKeyStateRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /** Runs batches until the stored keys are of SEARCH_KEY_VERSION (or newer), or until shutdown. */
  async run(version = SEARCH_KEY_VERSION): Promise<void> {
    let rewritten = 0;
    while (!this.stopping) {
      const step = await this.state.step(version, BATCH).catch((error: unknown) => {
        this.log.warn({ err: error }, 'search key refresh batch failed; retrying');
        return null;
      });
      if (!step) {
        await this.pause(RETRY_WAIT_MS);
        continue;
      }
      switch (step.kind) {
        case 'BUSY':
          await this.pause(BUSY_WAIT_MS);
          continue;
        case 'CURRENT':
          // A newer build keyed them (a rollback): its keys stay; this build's queries fold the old way.
          if (step.version > version) this.log.warn({ stored: step.version, built: version }, 'search keys are of a newer version than this build');
          return;
        case 'BATCH':
          rewritten += step.rewritten;
          if (step.finished) {
            this.log.info({ version, rewritten }, 'search keys refreshed');
            return;
          }
          continue;
        default:
          return assertNever(step);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const until = Date.now() + ms;
      const tick = () => (this.stopping || Date.now() >= until ? resolve() : setTimeout(tick, 100).unref());
      tick();
    });
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected refresh step ${JSON.stringify(value)}`);
}
