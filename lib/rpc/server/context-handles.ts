/**
 * A table of context handles for the interfaces that are not the spooler's (LSA policy handles,
 * SAMR server/domain handles, winreg key handles) — [MS-RPCE] 2.2.4.2: u32 attributes + a 16-byte
 * uuid, all zeros being NULL. A handle belongs to the association group that opened it (the table
 * lives in the interface instance of that group) and answers only to the account that opened it:
 * any connection may join a group by its assoc_group_id ([MS-RPCE] 3.3.1.5.3), and [MS-SAMR]
 * 3.1.2's handle model assumes the presenter of a handle is its opener (as the spooler's
 * handle-table.ts does). Another account's handle is not found, like an unknown one: the caller
 * answers (each protocol faults or returns its own status). The cap bounds what one group holds.
 */
import { randomBytes } from 'node:crypto';
import type { AuthenticatedUser } from '../../common/identity';
import { CONTEXT_HANDLE_LENGTH } from '../ndr/ndr-reader';

export const DEFAULT_MAX_CONTEXT_HANDLES = 1024;
export const NULL_HANDLE: Buffer = Buffer.alloc(CONTEXT_HANDLE_LENGTH);

/** The account a caller acts as (anonymous: none), compared without case as Windows does. */
function accountOf(caller: AuthenticatedUser | undefined): string {
  return caller === undefined || caller.isAnonymous ? '' : `${caller.domain}\\${caller.userName}`.toUpperCase();
}

interface Entry<T> {
  readonly value: T;
  readonly owner: string;
}

export class ContextHandleTable<T> {
  private readonly handles = new Map<string, Entry<T>>();

  constructor(readonly maxHandles = DEFAULT_MAX_CONTEXT_HANDLES) {}

  get size(): number {
    return this.handles.size;
  }

  /** Registers an object its caller opened; undefined when the table is full. */
  add(value: T, opener: AuthenticatedUser | undefined): Buffer | undefined {
    if (this.handles.size >= this.maxHandles) return undefined;
    const wire = Buffer.alloc(CONTEXT_HANDLE_LENGTH);
    randomBytes(16).copy(wire, 4);
    this.handles.set(wire.toString('hex'), { value, owner: accountOf(opener) });
    return wire;
  }

  /** The object, when the handle is open and the caller is the account that opened it. */
  get(wire: Buffer, caller: AuthenticatedUser | undefined): T | undefined {
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

  clear(): void {
    this.handles.clear();
  }
}
