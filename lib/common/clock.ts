/**
 * The spooler's sense of time, injectable: devices print pages and the scheduler waits for
 * availability windows and pool-error timeouts through a SpoolerClock. Production uses the
 * system clock; tests use VirtualClock and advance simulated time, so they assert on simulated
 * minutes and never on wall-clock durations.
 */

export interface SpoolerTimer {
  cancel(): void;
}

export interface SpoolerClock {
  /** Milliseconds since the Unix epoch (UTC). */
  now(): number;
  /** Runs `fn` once, `ms` from now. */
  setTimer(ms: number, fn: () => void): SpoolerTimer;
}

export const systemClock: SpoolerClock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    return { cancel: () => clearTimeout(t) };
  },
};

interface PendingTimer {
  readonly due: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

const tick = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Simulated time. `advance(ms)` fires due timers in order, letting the work they start (file
 * writes, promise chains) settle before the next one, so a job's pages follow one another as
 * they would in real time.
 */
export class VirtualClock implements SpoolerClock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];
  private readonly settlers: (() => Promise<void>)[] = [];

  constructor(start: number | Date = Date.UTC(2025, 0, 6, 9, 0, 0)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): SpoolerTimer {
    const timer: PendingTimer = { due: this.current + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /**
   * Work that must finish before simulated time moves on (the spooler's file writes): without
   * it, real I/O would race simulated time and the results would depend on the machine.
   */
  addSettler(settler: () => Promise<void>): void {
    this.settlers.push(settler);
  }

  private async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) await tick();
    for (const s of this.settlers) await s();
    for (let i = 0; i < 3; i++) await tick();
  }

  /** Timers not yet fired. */
  get pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    await this.settle();
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const next = this.timers.reduce<PendingTimer | undefined>(
        (a, t) => (t.due <= end && (!a || t.due < a.due || (t.due === a.due && t.seq < a.seq)) ? t : a),
        undefined,
      );
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.due);
      next.fn();
      await this.settle();
    }
    this.current = end;
    await this.settle();
  }

  /**
   * Advances in `stepMs` steps until `done()` holds; returns the simulated milliseconds spent.
   * Throws after `limitMs` so a test that never finishes fails instead of hanging.
   */
  async runUntil(done: () => boolean, stepMs = 1000, limitMs = 24 * 3600 * 1000): Promise<number> {
    const start = this.current;
    while (!done()) {
      if (this.current - start >= limitMs) throw new Error(`condition not reached within ${limitMs} simulated ms`);
      await this.advance(stepMs);
    }
    return this.current - start;
  }
}
