/**
 * A budget of one resource shared by every connection of the server: a cap per key (a user, or
 * before logon the peer's address) and a cap for the whole server. Opens, pipes and the bytes of
 * received frames are each counted in one (resource-budgets.ts puts them together).
 *
 * tryTake never waits: a full budget is refused (the caller answers STATUS_INSUFFICIENT_RESOURCES).
 * take waits, in order, until the amount fits (the caller stops reading meanwhile); a waiter whose
 * own key is full does not hold up one whose key has room. Keys at zero are forgotten, so a budget
 * holds nothing once its users have gone.
 */

interface Waiter {
  /** Who waits (a connection's transport), to give up its waits when it closes. */
  readonly owner: object;
  readonly key: string;
  readonly amount: number;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

/** A wait given up (the connection closed). */
export class BudgetWaitCancelled extends Error {
  override readonly name = 'BudgetWaitCancelled';
}

export class ResourceBudget {
  private readonly byKey = new Map<string, number>();
  private total = 0;
  private waiters: Waiter[] = [];
  /** Keys currently refused or waiting, for one log line per episode. */
  private readonly exhaustedKeys = new Set<string>();
  private serverExhausted = false;

  constructor(
    /** What is counted, for logs ("opens", "receive bytes"). */
    readonly name: string,
    readonly perKey: number,
    readonly perServer: number,
    private readonly onExhausted: (scope: 'user' | 'server', key: string, budget: ResourceBudget) => void = () =>
      undefined,
  ) {
    if (!(perKey > 0) || !(perServer >= perKey))
      throw new RangeError(`budget ${name}: per key ${perKey} must be positive and at most per server ${perServer}`);
  }

  /** What `key` holds now. */
  usedBy(key: string): number {
    return this.byKey.get(key) ?? 0;
  }

  /** What every key holds together. */
  get used(): number {
    return this.total;
  }

  /** Keys holding something (zero once everyone has given everything back). */
  get keys(): number {
    return this.byKey.size;
  }

  /** Waits not yet granted. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Takes `amount` for `key` if both caps allow it; false (nothing taken) otherwise. */
  tryTake(key: string, amount = 1): boolean {
    // A newcomer never overtakes a wait held up by the server's cap.
    if (this.serverBlockedWaiter() || !this.fits(key, amount)) {
      this.noteExhausted(key, amount);
      return false;
    }
    this.add(key, amount);
    return true;
  }

  /** Takes `amount` for `key`, waiting (in order) until it fits. More than one key may hold is refused at once. */
  take(key: string, amount: number, owner: object): Promise<void> {
    if (amount > this.perKey) return Promise.reject(new RangeError(`${amount} exceeds the ${this.name} budget`));
    if (!this.serverBlockedWaiter() && this.fits(key, amount)) {
      this.add(key, amount);
      return Promise.resolve();
    }
    this.noteExhausted(key, amount);
    return new Promise((resolve, reject) => this.waiters.push({ owner, key, amount, resolve, reject }));
  }

  /** Gives back what `key` took; grants the waits that now fit. */
  give(key: string, amount = 1): void {
    const held = this.byKey.get(key) ?? 0;
    const back = Math.min(held, amount);
    if (back <= 0) return;
    if (held - back === 0) this.byKey.delete(key);
    else this.byKey.set(key, held - back);
    this.total -= back;
    this.grantWaiters();
    if (this.total < this.perServer) this.serverExhausted = false;
    if (this.usedBy(key) < this.perKey) this.exhaustedKeys.delete(key);
  }

  /** Gives up the waits of `owner` (its connection closed); they reject with BudgetWaitCancelled. */
  cancelWaits(owner: object): void {
    const kept: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.owner === owner) w.reject(new BudgetWaitCancelled(`${this.name} wait cancelled`));
      else kept.push(w);
    }
    this.waiters = kept;
    this.grantWaiters();
  }

  private fits(key: string, amount: number): boolean {
    return this.usedBy(key) + amount <= this.perKey && this.total + amount <= this.perServer;
  }

  private add(key: string, amount: number): void {
    this.byKey.set(key, this.usedBy(key) + amount);
    this.total += amount;
  }

  /** A waiter whose own key has room: only the server's cap holds it up. */
  private blockedByServer(w: Waiter): boolean {
    return this.usedBy(w.key) + w.amount <= this.perKey;
  }

  private serverBlockedWaiter(): boolean {
    return this.waiters.some((w) => this.blockedByServer(w));
  }

  private grantWaiters(): void {
    const still: Waiter[] = [];
    let serverBlocked = false;
    for (const w of this.waiters) {
      // A waiter held up by the server's cap holds up the ones after it (no overtaking);
      // one held up by its own key's cap does not.
      if (!serverBlocked && this.fits(w.key, w.amount)) {
        this.add(w.key, w.amount);
        w.resolve();
        continue;
      }
      if (this.blockedByServer(w)) serverBlocked = true;
      still.push(w);
    }
    this.waiters = still;
  }

  private noteExhausted(key: string, amount: number): void {
    if (this.total + amount > this.perServer) {
      if (!this.serverExhausted) {
        this.serverExhausted = true;
        this.onExhausted('server', key, this);
      }
    } else if (!this.exhaustedKeys.has(key)) {
      this.exhaustedKeys.add(key);
      this.onExhausted('user', key, this);
    }
  }
}
