/**
 * The client's MessageId and credit accounting — [MS-SMB2] 3.2.4.1.2 (CreditCharge),
 * 3.2.4.1.3 (MessageId), 3.2.5.1.4 (granting credits).
 *
 * Every request consumes as many consecutive MessageIds as its CreditCharge (at least one); the
 * server adds the credits of each response's CreditResponse (interim ones included). A request
 * that needs more credits than the client holds waits, FIFO, for responses to bring some back.
 */
import { Smb2CreditError } from './client-errors';

interface Waiter {
  readonly charge: number;
  readonly resolve: (firstId: bigint) => void;
  readonly reject: (err: Error) => void;
}

export class CreditManager {
  private nextMessageId = 0n;
  /** Credits granted and not yet used; the server grants one before NEGOTIATE. */
  private available = 1;
  private readonly waiters: Waiter[] = [];

  get balance(): number {
    return this.available;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** The first of `charge` consecutive MessageIds, when enough credits are at hand. */
  tryTake(charge: number): bigint | undefined {
    const n = Math.max(1, charge);
    if (this.waiters.length > 0 || this.available < n) return undefined;
    return this.take(n);
  }

  /**
   * Waits for `charge` credits. `canWait` says whether calls are outstanding (whose responses may
   * grant more); when none are, waiting would hang, so it fails at once.
   */
  acquire(charge: number, canWait: boolean): Promise<bigint> {
    const id = this.tryTake(charge);
    if (id !== undefined) return Promise.resolve(id);
    if (!canWait) return Promise.reject(this.starved(charge));
    return new Promise((resolve, reject) => this.waiters.push({ charge: Math.max(1, charge), resolve, reject }));
  }

  grant(credits: number): void {
    this.available += credits;
    while (this.waiters.length > 0) {
      const head = this.waiters[0];
      if (head === undefined || this.available < head.charge) break;
      this.waiters.shift();
      head.resolve(this.take(head.charge));
    }
  }

  /** Called when nothing is outstanding any more: waiters that cannot be served never will be. */
  failStarved(): void {
    for (const w of this.waiters.splice(0)) w.reject(this.starved(w.charge));
  }

  failAll(err: Error): void {
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  private take(n: number): bigint {
    const id = this.nextMessageId;
    this.nextMessageId += BigInt(n);
    this.available -= n;
    return id;
  }

  private starved(charge: number): Smb2CreditError {
    return new Smb2CreditError(
      `a request needs ${charge} credits, the server granted ${this.available} and none are outstanding`,
    );
  }
}
