/**
 * The facade's handle and printer calls (rooms handles/ and printers/): OpenPrinter,
 * ClosePrinter, EnumPrinters, GetPrinter, SetPrinter, AddPrinter, DeletePrinter.
 */
import { AccessMask } from '../../spoolss/constants';
import { PrinterChangeFlag } from '../../spoolss/printer-notify';
import type {
  CallerContext,
  NewPrinter,
  OpenPrinterOptions,
  PrinterChange,
  PrinterHandle,
  PrinterInfo,
} from '../../spoolss/types';
import { answer, SpoolerFacade } from './spooler-facade';

export abstract class PrinterCalls extends SpoolerFacade {
  openPrinter(name: string | undefined, options: OpenPrinterOptions, caller: CallerContext): Promise<PrinterHandle> {
    return answer(() => this.spl.handles.openPrinter(name, options, caller));
  }

  async closePrinter(handle: PrinterHandle): Promise<void> {
    await this.spl.jobs.closeDocument(handle);
    this.spl.handles.forget(handle);
  }

  enumPrinters(flags: number, name: string | undefined, caller: CallerContext): Promise<PrinterInfo[]> {
    return answer(() => this.spl.printers.enumPrinters(flags, name, caller));
  }

  getPrinter(handle: PrinterHandle): Promise<PrinterInfo> {
    return answer(() => this.spl.printers.getPrinter(handle));
  }

  getServerSecurityDescriptor(handle: PrinterHandle): Promise<Buffer> {
    return answer(() => this.spl.printers.serverSecurityDescriptor(handle));
  }

  async setPrinter(handle: PrinterHandle, change: PrinterChange): Promise<void> {
    await this.saved(this.spl.printers.setPrinter(handle, change));
    // A new port list (a pool) is printed to at once; a port taken off has its device unplugged.
    await this.spl.printing.attachPorts();
    if (handle.printerName !== undefined)
      this.changes.changed({ printerName: handle.printerName, change: PrinterChangeFlag.PRINTER_CHANGE_SET_PRINTER });
  }

  async addPrinter(
    serverName: string | undefined,
    printer: NewPrinter,
    options: OpenPrinterOptions,
    caller: CallerContext,
  ): Promise<PrinterHandle> {
    const { server, name } = await this.saved(answer(() => this.spl.printers.addPrinter(serverName, printer, caller)));
    await this.spl.printing.attachPorts();
    const desiredAccess = AccessMask.PRINTER_ALL_ACCESS;
    return answer(() => this.spl.handles.openPrinter(`\\\\${server}\\${name}`, { ...options, desiredAccess }, caller));
  }

  async deletePrinter(handle: PrinterHandle): Promise<void> {
    await this.saved(this.spl.printers.deletePrinter(handle));
    // The devices of ports no printer uses any more are unplugged.
    await this.spl.printing.attachPorts();
  }

  watchPrinters(listener: () => void): void {
    this.spl.printers.watch(listener);
  }
}
