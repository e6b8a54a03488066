/**
 * Gives the memory of clients that have gone back to the system. READ and WRITE buffers are
 * external memory (megabytes each) owned by small JS objects; once a connection closes, or its
 * READ pool is trimmed, they are garbage, but V8 only frees them in a full collection, and an idle
 * server allocates nothing that would start one: without this its RSS stays at the peak of the
 * last load (207 MB instead of 74 in `npm run bench -- --only limits`).
 *
 * So, once things are quiet (RECLAIM_DELAY_MS after the last such event) and at most every
 * MIN_INTERVAL_MS, the server runs one full collection — with the collector jest's leak detector
 * uses: `gc` exposed for one new context, then hidden again. Where V8 refuses, nothing happens.
 *
 * Then one more, MIN_INTERVAL_MS later. V8 grows its young generation under load (from 16 to
 * 33 MB while 20 clients came and went) and gives it back only in a collection before which the
 * process allocated little (under 1 MB/s over the last 5 s: heap.cc ReduceNewSpaceSize); the first
 * collection follows the clients' teardown too closely for that, so the second one does it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const RECLAIM_DELAY_MS = 3000;
const MIN_INTERVAL_MS = 10000;
/** Collections after the first, each MIN_INTERVAL_MS after the previous one, for the young generation. */
const FOLLOW_UPS = 1;

let fullCollection: (() => void) | null | undefined;

/** V8's full collection, or undefined where it cannot be had. */
function collector(): (() => void) | undefined {
  if (fullCollection === undefined) {
    // Node started with --expose-gc: use it, and leave the flag as it is.
    const exposed: unknown = (globalThis as { gc?: unknown }).gc;
    if (typeof exposed === 'function') return (fullCollection = exposed as () => void);
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      fullCollection = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      fullCollection = null;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  }
  return fullCollection ?? undefined;
}

export class MemoryReclaimer {
  private timer: NodeJS.Timeout | undefined;
  private lastRun = 0;
  private followUpsOwed = 0;
  private closed = false;
  /** Collections run (for tests and logs). */
  runs = 0;

  constructor(
    private readonly delayMs = RECLAIM_DELAY_MS,
    private readonly minIntervalMs = MIN_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Large buffers became garbage: collect once nothing more happens for a while, and once more later. */
  schedule(): void {
    if (this.closed) return;
    this.followUpsOwed = FOLLOW_UPS;
    this.arm(this.delayMs);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), ms);
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    const wait = this.lastRun + this.minIntervalMs - this.now();
    if (wait > 0) {
      this.arm(wait);
      return;
    }
    this.lastRun = this.now();
    this.runs++;
    collector()?.();
    if (this.followUpsOwed > 0) {
      this.followUpsOwed--;
      this.arm(this.minIntervalMs);
    }
  }
}
