/**
 * One call's stub put back together from its fragments — C706 12.6.3.7: a call starts with a
 * PFC_FIRST_FRAG fragment and ends with PFC_LAST_FRAG; the fragments in between belong to the
 * same call_id and arrive in order (a connection carries one call's fragments at a time). Used by
 * the server for requests and by the client for responses. Pure: no I/O.
 *
 * What it reports, for the caller to answer as its side does (the server with a fault, the client
 * with an error):
 *   abandoned     a first fragment arrived while another call was still being received; that
 *                 call is dropped
 *   unexpected    a later fragment with no call of its call_id in progress
 *   too-large     the call's stub just passed the limit; its further fragments are dropped
 *   dropped       a fragment of a call already over the limit
 */
import { PfcFlags } from '../constants';

export interface CallFragment {
  readonly callId: number;
}

export type Reassembly<C extends CallFragment> =
  | { readonly kind: 'more' }
  | { readonly kind: 'complete'; readonly call: C; readonly stub: Buffer }
  | { readonly kind: 'unexpected' }
  | { readonly kind: 'too-large'; readonly call: C }
  | { readonly kind: 'dropped' };

interface Pending<C> {
  readonly call: C;
  readonly chunks: Buffer[];
  size: number;
  /** Past the size limit: the rest of its fragments are dropped. */
  discarding: boolean;
}

export class StubReassembler<C extends CallFragment> {
  private pending: Pending<C> | undefined;

  /** `maxStubBytes`: the largest reassembled stub accepted. */
  constructor(private readonly maxStubBytes = Number.POSITIVE_INFINITY) {}

  /** The call whose fragments are still arriving (from its first fragment), if any. */
  get inProgress(): C | undefined {
    return this.pending?.call;
  }

  /**
   * Adds one fragment: `call` describes it (the first fragment's description is the call's),
   * `flags` are its pfc_flags, `stub` its stub bytes.
   */
  push(call: C, flags: number, stub: Buffer): { readonly abandoned?: C; readonly result: Reassembly<C> } {
    let abandoned: C | undefined;
    if ((flags & PfcFlags.PFC_FIRST_FRAG) !== 0) {
      if (this.pending !== undefined && !this.pending.discarding) abandoned = this.pending.call;
      this.pending = { call, chunks: [], size: 0, discarding: false };
    } else if (this.pending === undefined || this.pending.call.callId !== call.callId) {
      return { result: { kind: 'unexpected' } };
    }
    const result = this.add(this.pending, flags, stub);
    return abandoned === undefined ? { result } : { abandoned, result };
  }

  /** Forgets the call in progress (the connection state was lost, or the call orphaned). */
  reset(): void {
    this.pending = undefined;
  }

  private add(p: Pending<C>, flags: number, stub: Buffer): Reassembly<C> {
    let tooLarge = false;
    if (!p.discarding) {
      p.size += stub.length;
      if (p.size > this.maxStubBytes) {
        p.discarding = true;
        p.chunks.length = 0;
        tooLarge = true;
      } else {
        p.chunks.push(Buffer.from(stub));
      }
    }
    const last = (flags & PfcFlags.PFC_LAST_FRAG) !== 0;
    if (last) this.pending = undefined;
    if (tooLarge) return { kind: 'too-large', call: p.call };
    if (p.discarding) return { kind: 'dropped' };
    if (!last) return { kind: 'more' };
    return {
      kind: 'complete',
      call: p.call,
      stub: p.chunks.length === 1 ? (p.chunks[0] as Buffer) : Buffer.concat(p.chunks),
    };
  }
}
