/**
 * The structured events of AddPrinterConnection / DeletePrinterConnection, in the order they
 * happen: one per call the client makes, per module call (both spoolers' GenerateCopyFilePaths
 * and SpoolerCopyFileEvent, see lib/point-and-print/spooler-trace), per download, per event-log
 * entry, per DrvPrinterEvent, per policy decision and per warning, and the stages of the package
 * sequence (Package Point and Print: core drivers, package path, CAB, staging, installation,
 * fallback). The Point-and-Print engine's
 * reports (lib/point-and-print/copy-files-events) are among them. The CLI prints them; tests
 * assert them.
 */
import type { PrinterEvent } from '../point-and-print/constants';
import type {
  CopyFilesPathsEvent,
  CopyFilesWarningEvent,
  PolicyDecisionEvent,
} from '../point-and-print/copy-files-events';
import type { SpoolerTraceEvent } from '../point-and-print/spooler-trace';
import type { EventLogEntry } from './client-state';

export type ClientFlowEvent =
  /** A step of DESIGN.md's AddPrinterConnection flow begins. */
  | { readonly kind: 'step'; readonly step: number; readonly title: string }
  /** A call to the server's spooler or transport (OpenPrinterEx, GetPrinterDriver2, EnumPrinterKey ...). */
  | { readonly kind: 'call'; readonly name: string; readonly detail: string }
  /** How the connection's calls and files travel (remote connections): transport, security provider, auth level. */
  | { readonly kind: 'transport'; readonly rpc: string; readonly files: string; readonly label: string }
  /** SourceDir/TargetDir the server returned for a CopyFiles key, or that the client derived. */
  | CopyFilesPathsEvent
  | SpoolerTraceEvent
  | {
      readonly kind: 'download';
      readonly what: 'driver' | 'copyfiles' | 'package';
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
  | DriverPackageEvent
  | PolicyDecisionEvent
  | CopyFilesWarningEvent
  | {
      readonly kind: 'state';
      readonly action: 'connection-recorded' | 'connection-removed';
      readonly name: string;
      readonly file: string;
    };

/** A stage of the package sequence ([MS-PRSOD] 3.1) and what it found or did. */
export interface DriverPackageEvent {
  readonly kind: 'package';
  readonly stage:
    | 'core-driver'
    | 'package-path'
    | 'verified'
    | 'staged'
    | 'install-file'
    | 'installed'
    | 'unavailable'
    | 'failed'
    | 'fallback';
  readonly detail: string;
  /** A file or folder on disk the stage wrote. */
  readonly path?: string;
}

export type ClientFlowListener = (event: ClientFlowEvent) => void;
