/**
 * DrvPrinterEvent — winddiui.h: `BOOL DrvPrinterEvent(LPWSTR pPrinterName, int DriverEvent,
 * DWORD Flags, LPARAM lParam)`, which the client spooler calls in the printer driver's UI DLL.
 * Nothing a server sends is executed here: the driver's files are data on the client's disk, and
 * the "driver" that receives the events is a handler the client is configured with (by default
 * one that accepts every event, as a driver without special needs returns TRUE).
 */
import type { PrinterEvent } from '../point-and-print/constants';

export type DriverEventHandler = (
  printerName: string,
  event: PrinterEvent,
  flags: number,
) => boolean | Promise<boolean>;

export const acceptAllDriverEvents: DriverEventHandler = () => true;
