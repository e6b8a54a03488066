/**
 * A table of context handles for the interfaces that are not the spooler's (LSA policy handles,
 * SAMR server/domain handles, winreg key handles) — [MS-RPCE] 2.2.4.2: u32 attributes + a 16-byte
 * uuid, all zeros being NULL. A handle belongs to the association group that opened it (the table
 * lives in the interface instance of that group); an unknown handle is the caller's to answer
 * (each protocol returns its own status). The cap bounds what one group can hold open.
 */
import { randomBytes } from 'node:crypto';
import { CONTEXT_HANDLE_LENGTH } from '../ndr/ndr-reader';

export const DEFAULT_MAX_CONTEXT_HANDLES = 1024;
export const NULL_HANDLE: Buffer = Buffer.alloc(CONTEXT_HANDLE_LENGTH);

export class ContextHandleTable<T> {
  private readonly handles = new Map<string, T>();

  constructor(readonly maxHandles = DEFAULT_MAX_CONTEXT_HANDLES) {}

  get size(): number {
    return this.handles.size;
  }

  /** Registers an object; undefined when the table is full. */
  add(value: T): Buffer | undefined {
    if (this.handles.size >= this.maxHandles) return undefined;
    const wire = Buffer.alloc(CONTEXT_HANDLE_LENGTH);
    randomBytes(16).copy(wire, 4);
    this.handles.set(wire.toString('hex'), value);
    return wire;
  }

  get(wire: Buffer): T | undefined {
    return this.handles.get(wire.toString('hex'));
  }

  remove(wire: Buffer): T | undefined {
    const key = wire.toString('hex');
    const value = this.handles.get(key);
    this.handles.delete(key);
    return value;
  }

  clear(): void {
    this.handles.clear();
  }
}
