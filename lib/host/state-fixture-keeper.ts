/**
 * Keeps `<state>/server.json` (fixture-export.ts) current while a server runs, so that the state
 * folder is a fixture folder: written at start, then every `intervalMs` when it differs from what
 * was last written, and once more at stop. The registry beside it, `<state>/registry.reg`, is the
 * spooler's own (lib/spooler/services/registry-store.ts): this keeper never writes it, so the
 * registry has one writer. One write at a time; a failed write is logged and retried at the next
 * tick.
 */
import type { Logger } from '../common/logger';
import { serverJsonOf, stateFixtureDir, writeStateSettings, type FixtureSnapshot } from './fixture-export';

export const STATE_FIXTURE_INTERVAL_MS = 5000;

export class StateFixtureKeeper {
  private last: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly stateDir: string,
    private readonly snapshot: () => FixtureSnapshot,
    private readonly logger: Logger,
    private readonly intervalMs = STATE_FIXTURE_INTERVAL_MS,
  ) {}

  /** Writes now (when changed), after any write in progress. */
  save(): Promise<void> {
    const run = this.writing.then(async () => {
      const serverJson = serverJsonOf(this.snapshot(), stateFixtureDir(this.stateDir));
      if (this.last === serverJson) return;
      await writeStateSettings(this.stateDir, serverJson);
      this.last = serverJson;
    });
    this.writing = run.catch(() => undefined);
    return run;
  }

  start(): void {
    this.timer ??= setInterval(() => {
      this.save().catch((err: unknown) =>
        this.logger.warn('the state could not be saved as a fixture; retrying', {
          component: 'host',
          error: String(err),
        }),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops the ticks and writes the final state. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.save();
  }
}
