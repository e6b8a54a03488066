/**
 * The per-pipe table of PRINTER_HANDLE context handles — [MS-RPCE] 2.2.4.2 / C706 (a context
 * handle is u32 attributes + a 16-byte uuid; all zeros is NULL). A handle lives on the pipe that
 * opened it: another pipe's, a closed or an invented handle is not found, and the call faults with
 * nca_s_fault_context_mismatch as the Windows RPC runtime answers. The cap bounds what one client
 * can hold open.
 */
import { randomBytes } from 'node:crypto';
import type { PrinterHandle } from '../../spoolss/types';
import { CONTEXT_HANDLE_LENGTH } from '../ndr/ndr-reader';

export const DEFAULT_MAX_HANDLES_PER_PIPE = 1024;
export const NULL_CONTEXT_HANDLE: Buffer = Buffer.alloc(CONTEXT_HANDLE_LENGTH);

/** Context handles of one kind held by one association: 20-byte wire forms to their objects. */
export class ContextHandleTable<T> {
  private readonly handles = new Map<string, T>();

  constructor(readonly maxHandles = DEFAULT_MAX_HANDLES_PER_PIPE) {}

  get size(): number {
    return this.handles.size;
  }

  get full(): boolean {
    return this.handles.size >= this.maxHandles;
  }

  /** Registers an open handle and returns its 20-byte wire form. */
  add(handle: T): Buffer {
    const wire = Buffer.alloc(CONTEXT_HANDLE_LENGTH);
    randomBytes(16).copy(wire, 4);
    this.handles.set(wire.toString('hex'), handle);
    return wire;
  }

  get(wire: Buffer): T | undefined {
    return this.handles.get(wire.toString('hex'));
  }

  remove(wire: Buffer): T | undefined {
    const key = wire.toString('hex');
    const h = this.handles.get(key);
    this.handles.delete(key);
    return h;
  }

  /** Empties the table, returning what was open (for closing when the pipe goes away). */
  drain(): T[] {
    const all = [...this.handles.values()];
    this.handles.clear();
    return all;
  }
}

export class PrinterHandleTable extends ContextHandleTable<PrinterHandle> {}
