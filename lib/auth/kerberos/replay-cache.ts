/**
 * The acceptor's replay cache — RFC 4120 3.2.3: an authenticator (client, time, microseconds,
 * server) is accepted once within the clock skew; older ones are refused as skewed anyway, so an
 * entry lives until its ctime leaves the skew window. Bounded: when full of live entries the
 * oldest goes (counted in `evicted`), so memory cannot grow with the request rate.
 */
import { createHash } from 'node:crypto';

export interface ReplayCacheOptions {
  readonly maxEntries?: number;
  readonly skewMs: number;
}

export class ReplayCache {
  /** Insertion order is expiry order closely enough: ctimes are within the skew of "now". */
  private readonly entries = new Map<string, number>();
  private readonly maxEntries: number;
  evicted = 0;

  constructor(private readonly options: ReplayCacheOptions) {
    this.maxEntries = options.maxEntries ?? 10000;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Records an authenticator; false when it was seen before (a replay). `cipher` is the
   * authenticator's ciphertext: two clients sending in the same microsecond still differ there.
   */
  checkAndInsert(
    who: { readonly client: string; readonly server: string; readonly ctime: Date; readonly cusec: number },
    cipher: Buffer,
    now: Date,
  ): boolean {
    this.expire(now.getTime());
    const key = createHash('sha256')
      .update(`${who.client}\0${who.server}\0${who.ctime.getTime()}\0${who.cusec}\0`)
      .update(cipher)
      .digest('base64');
    if (this.entries.has(key)) return false;
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
      this.evicted++;
    }
    this.entries.set(key, who.ctime.getTime() + this.options.skewMs);
    return true;
  }

  private expire(now: number): void {
    for (const [key, expires] of this.entries) {
      if (expires >= now) break;
      this.entries.delete(key);
    }
  }
}
