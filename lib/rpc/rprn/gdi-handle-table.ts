/**
 * The per-association table of GDI_HANDLE context handles ([MS-RPRN] 2.2.1.1.2): the printer
 * information contexts RpcCreatePrinterIC opens and RpcDeletePrinterIC closes. Like printer
 * handles, one lives on the association that opened it, an unknown one faults with
 * nca_s_fault_context_mismatch, and a client holds a bounded number at once.
 */
import { randomBytes } from 'node:crypto';
import type { PrinterIc } from '../../spoolss/spooler-extras';
import { CONTEXT_HANDLE_LENGTH } from '../ndr/ndr-reader';

export const DEFAULT_MAX_GDI_HANDLES = 64;

export class GdiHandleTable {
  private readonly ics = new Map<string, PrinterIc>();

  constructor(readonly maxHandles = DEFAULT_MAX_GDI_HANDLES) {}

  get full(): boolean {
    return this.ics.size >= this.maxHandles;
  }

  add(ic: PrinterIc): Buffer {
    const wire = Buffer.alloc(CONTEXT_HANDLE_LENGTH);
    randomBytes(16).copy(wire, 4);
    this.ics.set(wire.toString('hex'), ic);
    return wire;
  }

  get(wire: Buffer): PrinterIc | undefined {
    return this.ics.get(wire.toString('hex'));
  }

  remove(wire: Buffer): boolean {
    return this.ics.delete(wire.toString('hex'));
  }

  clear(): void {
    this.ics.clear();
  }
}
