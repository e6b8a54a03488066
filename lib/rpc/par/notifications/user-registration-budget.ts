/**
 * Remote notification registrations per user, across the association groups of one endpoint: a
 * user cannot hold more than its share by opening more connections.
 */
export class UserRegistrationBudget {
  private readonly counts = new Map<string, number>();

  /** Takes one for `user`; false when the user already holds `max`. */
  take(user: string, max: number): boolean {
    const n = this.counts.get(user) ?? 0;
    if (n >= max) return false;
    this.counts.set(user, n + 1);
    return true;
  }

  give(user: string): void {
    const n = (this.counts.get(user) ?? 0) - 1;
    if (n <= 0) this.counts.delete(user);
    else this.counts.set(user, n);
  }

  held(user: string): number {
    return this.counts.get(user) ?? 0;
  }
}
