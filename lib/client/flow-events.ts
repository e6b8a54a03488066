/**
 * The structured events of AddPrinterConnection / DeletePrinterConnection, in the order they
 * happen: one per call the client makes, per module call (both spoolers' GenerateCopyFilePaths
 * and SpoolerCopyFileEvent, see lib/spooler/spooler-trace), per download, per event-log entry,
 * per DrvPrinterEvent, per policy decision and per warning. The CLI prints them; tests assert them.
 */
import type { PrinterEvent } from '../point-and-print/constants';
import type { SpoolerTraceEvent } from '../point-and-print/spooler-trace';
import type { EventLogEntry } from './client-state';

export type ClientFlowEvent =
  /** A step of DESIGN.md's AddPrinterConnection flow begins. */
  | { readonly kind: 'step'; readonly step: number; readonly title: string }
  /** A call to the server's spooler or transport (OpenPrinterEx, GetPrinterDriver2, EnumPrinterKey ...). */
  | { readonly kind: 'call'; readonly name: string; readonly detail: string }
  /**
   * The synthetic values the server returned for a CopyFiles key; `derived` when the server sent
   * none (Samba) and the client made them up as a Windows server would.
   */
  | {
      readonly kind: 'copyfiles-paths';
      readonly key: string;
      readonly sourceDir: string;
      readonly targetDir: string;
      readonly derived?: true;
    }
  | SpoolerTraceEvent
  | {
      readonly kind: 'download';
      readonly what: 'driver' | 'copyfiles';
      readonly source: string;
      /** Windows path on the client. */
      readonly target: string;
      /** Where it is on disk. */
      readonly path: string;
      readonly size: number;
    }
  | { readonly kind: 'eventlog'; readonly entry: EventLogEntry }
  | {
      readonly kind: 'DrvPrinterEvent';
      readonly printerName: string;
      readonly event: PrinterEvent;
      readonly flags: number;
      readonly result: boolean;
    }
  | { readonly kind: 'policy'; readonly subject: string; readonly allowed: boolean; readonly reason: string }
  | { readonly kind: 'warning'; readonly message: string; readonly key?: string }
  | {
      readonly kind: 'state';
      readonly action: 'connection-recorded' | 'connection-removed';
      readonly name: string;
      readonly file: string;
    };

export type ClientFlowListener = (event: ClientFlowEvent) => void;
