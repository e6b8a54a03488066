/**
 * The facade's printer data calls (room printer-data/): keys and values of a printer or the server.
 */
import type { RegValue } from '../../common/reg-value';
import type { PrinterHandle } from '../../spoolss/types';
import { DriverCalls } from './driver-calls';
import { answer } from './spooler-facade';

export abstract class PrinterDataCalls extends DriverCalls {
  enumPrinterKey(handle: PrinterHandle, keyName: string): Promise<string[]> {
    return answer(() => this.spl.printerData.enumPrinterKey(handle, keyName));
  }

  enumPrinterDataEx(handle: PrinterHandle, keyName: string): Promise<RegValue[]> {
    return this.spl.printerData.enumPrinterDataEx(handle, keyName);
  }

  getPrinterDataEx(handle: PrinterHandle, keyName: string, valueName: string): Promise<RegValue> {
    return answer(() => this.spl.printerData.getPrinterDataEx(handle, keyName, valueName));
  }

  setPrinterDataEx(handle: PrinterHandle, keyName: string, value: RegValue): Promise<void> {
    return this.saved(this.spl.printerData.setPrinterDataEx(handle, keyName, value));
  }

  deletePrinterDataEx(handle: PrinterHandle, keyName: string, valueName: string): Promise<void> {
    return this.saved(this.spl.printerData.deletePrinterDataEx(handle, keyName, valueName));
  }

  deletePrinterKey(handle: PrinterHandle, keyName: string): Promise<void> {
    return this.saved(answer(() => this.spl.printerData.deletePrinterKey(handle, keyName)));
  }
}
