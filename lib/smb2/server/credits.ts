/**
 * The credit window — [MS-SMB2] 3.3.1.1 (algorithm for the MessageId window), 3.3.5.2.3
 * (verifying the sequence number), 3.3.1.2 (granting credits).
 *
 * The client may use the MessageIds the server has granted and not yet seen. A request whose
 * MessageId (or any of the CreditCharge ids it covers) lies outside that set is a protocol
 * violation: the connection is dropped, as Windows does.
 */
export const MAX_CREDITS = 8192;

export class CreditWindow {
  /** Lowest MessageId not yet used; ids below it are all consumed. */
  private low = 0n;
  /** Number of ids granted from `low` on (some may be used out of order, see `used`). */
  private size = 1n;
  private readonly used = new Set<bigint>();

  /** Credits the client still holds. */
  get outstanding(): number {
    return Number(this.size) - this.used.size;
  }

  /** Consumes `charge` ids from `messageId`; false (nothing consumed) if any lies outside the window or was used. */
  consume(messageId: bigint, charge: number): boolean {
    const n = BigInt(Math.max(1, charge));
    // In-order ids (every sequential client): slide the window without touching the Set.
    if (messageId === this.low && this.used.size === 0 && n <= this.size) {
      this.low += n;
      this.size -= n;
      return true;
    }
    if (messageId < this.low || messageId + n > this.low + this.size) return false;
    for (let id = messageId; id < messageId + n; id++) if (this.used.has(id)) return false;
    for (let id = messageId; id < messageId + n; id++) this.used.add(id);
    while (this.used.has(this.low)) {
      this.used.delete(this.low);
      this.low++;
      this.size--;
    }
    return true;
  }

  /**
   * How many credits to grant for a request asking for `requested`: what was asked, capped so the
   * client never holds more than MAX_CREDITS, and at least one when it would otherwise hold none.
   */
  grant(requested: number): number {
    const room = Math.max(0, MAX_CREDITS - this.outstanding);
    let granted = Math.min(Math.max(requested, 1), room);
    if (granted === 0 && this.outstanding === 0) granted = 1;
    this.size += BigInt(granted);
    return granted;
  }
}
