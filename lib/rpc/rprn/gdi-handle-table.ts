/**
 * The per-association table of GDI_HANDLE context handles ([MS-RPRN] 2.2.1.1.2): the printer
 * information contexts RpcCreatePrinterIC opens and RpcDeletePrinterIC closes. Like printer
 * handles (handle-table.ts), one lives on the association that opened it, an unknown one faults
 * with nca_s_fault_context_mismatch, and a client holds a bounded number at once.
 */
import type { PrinterIc } from '../../spoolss/spooler-extras';
import { ContextHandleTable } from './handle-table';

export const DEFAULT_MAX_GDI_HANDLES = 64;

export class GdiHandleTable extends ContextHandleTable<PrinterIc> {
  constructor(maxHandles = DEFAULT_MAX_GDI_HANDLES) {
    super(maxHandles);
  }
}
