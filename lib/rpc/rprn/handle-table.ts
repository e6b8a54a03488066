/**
 * The per-association table of PRINTER_HANDLE context handles — [MS-RPCE] 2.2.4.2 / C706 (a
 * context handle is u32 attributes + a 16-byte uuid; all zeros is NULL). A handle lives in the
 * association group that opened it and answers only to the account that opened it: any connection
 * may join a group by its assoc_group_id ([MS-RPCE] 3.3.1.5.3), and [MS-SAMR] 3.1.2's handle
 * model assumes the presenter of a handle is its opener (Samba's server checks the opener's SID
 * on every lookup). Another group's, another account's, a closed or an invented handle is not
 * found, and the call faults with nca_s_fault_context_mismatch as the Windows RPC runtime
 * answers. The cap bounds what one client can hold open.
 */
import { randomBytes } from 'node:crypto';
import type { CallerContext, PrinterHandle } from '../../spoolss/types';
import { CONTEXT_HANDLE_LENGTH } from '../ndr/ndr-reader';

export const DEFAULT_MAX_HANDLES_PER_PIPE = 1024;
export const NULL_CONTEXT_HANDLE: Buffer = Buffer.alloc(CONTEXT_HANDLE_LENGTH);

/** The account a caller acts as, compared without case as Windows compares account names. */
function accountOf(caller: CallerContext): string {
  return `${caller.domain}\\${caller.userName}`.toUpperCase();
}

interface Entry<T> {
  readonly value: T;
  readonly owner: string;
}

/** Context handles of one kind held by one association: 20-byte wire forms to their objects. */
export class ContextHandleTable<T> {
  private readonly handles = new Map<string, Entry<T>>();

  constructor(readonly maxHandles = DEFAULT_MAX_HANDLES_PER_PIPE) {}

  get size(): number {
    return this.handles.size;
  }

  get full(): boolean {
    return this.handles.size >= this.maxHandles;
  }

  /** Registers a handle its caller opened and returns its 20-byte wire form. */
  add(handle: T, opener: CallerContext): Buffer {
    const wire = Buffer.alloc(CONTEXT_HANDLE_LENGTH);
    randomBytes(16).copy(wire, 4);
    this.handles.set(wire.toString('hex'), { value: handle, owner: accountOf(opener) });
    return wire;
  }

  /** The handle, when it is open and the caller is the account that opened it. */
  get(wire: Buffer, caller: CallerContext): T | undefined {
    const entry = this.handles.get(wire.toString('hex'));
    return entry?.owner === accountOf(caller) ? entry.value : undefined;
  }

  /** Forgets a handle (after get() found it for the caller). */
  remove(wire: Buffer): T | undefined {
    const key = wire.toString('hex');
    const entry = this.handles.get(key);
    this.handles.delete(key);
    return entry?.value;
  }

  /** Empties the table, returning what was open (for closing when the association goes away). */
  drain(): T[] {
    const all = [...this.handles.values()].map((e) => e.value);
    this.handles.clear();
    return all;
  }
}

export class PrinterHandleTable extends ContextHandleTable<PrinterHandle> {}
