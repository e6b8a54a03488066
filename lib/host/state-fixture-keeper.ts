/**
 * Keeps `<state>/fixture/` (fixture-export.ts) current while a server runs: written at start, then
 * every `intervalMs` when the state differs from what was last written (the registry export and
 * server.json compared byte for byte), and once more at stop, after the spooler's last change.
 * One write at a time; a failed write is logged and retried at the next tick. So
 * `pointprint export` of a running server is at most one interval old.
 */
import type { Logger } from '../common/logger';
import { fixtureFilesOf, stateFixtureDir, writeFixtureFolder, type FixtureSnapshot } from './fixture-export';

export const STATE_FIXTURE_INTERVAL_MS = 5000;

export class StateFixtureKeeper {
  private last: { registry: Buffer; serverJson: string } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly dir: string;

  constructor(
    stateDir: string,
    private readonly snapshot: () => FixtureSnapshot,
    private readonly logger: Logger,
    private readonly intervalMs = STATE_FIXTURE_INTERVAL_MS,
  ) {
    this.dir = stateFixtureDir(stateDir);
  }

  /** Writes now (when changed), after any write in progress. */
  save(): Promise<void> {
    const run = this.writing.then(async () => {
      const snapshot = this.snapshot();
      const files = fixtureFilesOf(this.dir, snapshot);
      if (this.last?.registry.equals(files.registry) && this.last.serverJson === files.serverJson) return;
      await writeFixtureFolder(this.dir, snapshot, files);
      this.last = files;
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
