/**
 * What the live view may see of a spooler: a window, never a copy. Printers and jobs come
 * through the same PrintProvider interface the RPC layer serves (EnumPrinters, OpenPrinter,
 * EnumJobs, SetJob, SetPrinter), called with the signed-in user's CallerContext, so the
 * spooler's own access checks decide what the user sees and may do. What the provider has no
 * call for is read, read-only, from the print server role's status parts: the devices behind a
 * printer's ports (toner, trays, faults) and the event log.
 */
import type { PrintEvent } from '../spooler/services/event-log';
import type { PortDevice, PrintServer } from '../spooler/print-server';
import type { PrintProvider } from '../spoolss/print-provider';

export interface SpoolerWindow {
  readonly serverName: string;
  readonly provider: PrintProvider;
  /** The devices behind a printer's ports, in port order; none for an unknown printer. */
  devicesOf(printerName: string): readonly PortDevice[];
  /** The newest `count` events, oldest first. */
  recentEvents(count: number): readonly PrintEvent[];
  /** The spooler's clock (hours of availability are judged by it). */
  now(): number;
}

export function spoolerWindowOf(printServer: PrintServer): SpoolerWindow {
  return {
    serverName: printServer.serverName,
    provider: printServer,
    devicesOf: (printerName) => {
      try {
        return printServer.devicesOf(printerName);
      } catch {
        // The printer went away between EnumPrinters and this read.
        return [];
      }
    },
    recentEvents: (count) => printServer.events.recent(count),
    now: () => printServer.clock.now(),
  };
}
