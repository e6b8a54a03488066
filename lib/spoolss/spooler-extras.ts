/**
 * The spooler's less common methods, grouped by the part of [MS-RPRN] they come from, as optional
 * parts of a PrintProvider: a provider without one (a remote provider) answers the method with
 * ERROR_NOT_SUPPORTED on the wire. Each part is served on the local server by its own room.
 *
 *   JobNamedProperties   3.1.4.12   RpcGet/Set/Delete JobNamedProperty(Value), RpcEnumJobNamedProperties
 *   PrinterIcs           3.1.4.2.x  RpcCreatePrinterIC, RpcPlayGdiScriptOnPrinterIC, RpcDeletePrinterIC
 *   BidiCommunication    3.1.4.2.27 RpcSendRecvBidiData
 *   BranchOfficeLog      3.1.4.13.1 RpcLogJobInfoForBranchOffice
 *   PrinterPublishing    2.2.1.10.8 SetPrinter level 7 (PRINTER_INFO_7 dwAction)
 *   PerMachineConnections 3.1.4.2.x RpcAdd/Delete/EnumPerMachineConnection(s)
 */
import type { CallerContext, PrinterHandle } from './types';

// ---- job named properties ([MS-RPRN] 2.2.1.14) -----------------------------------------------

/** EPrintPropertyType 2.2.1.14.3 and RPC_PrintPropertyValue 2.2.1.14.1. */
export type PrintPropertyValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'int32'; readonly value: number }
  | { readonly type: 'int64'; readonly value: bigint }
  | { readonly type: 'byte'; readonly value: number }
  | { readonly type: 'buffer'; readonly value: Buffer };

/** RPC_PrintNamedProperty 2.2.1.14.2. */
export interface PrintNamedProperty {
  readonly name: string;
  readonly value: PrintPropertyValue;
}

export interface JobNamedProperties {
  getJobNamedPropertyValue(handle: PrinterHandle, jobId: number, name: string): Promise<PrintPropertyValue>;
  setJobNamedProperty(handle: PrinterHandle, jobId: number, property: PrintNamedProperty): Promise<void>;
  deleteJobNamedProperty(handle: PrinterHandle, jobId: number, name: string): Promise<void>;
  enumJobNamedProperties(handle: PrinterHandle, jobId: number): Promise<PrintNamedProperty[]>;
}

// ---- printer information contexts -------------------------------------------------------------

/** UNIVERSAL_FONT_ID: a device font as GDI names it (checksum of its name, index in the device's list). */
export interface UniversalFontId {
  readonly checksum: number;
  readonly index: number;
}

/** What an information context knows of its printer: the device fonts GDI asks for. */
export interface PrinterIc {
  readonly printerName: string;
  readonly deviceFonts: readonly UniversalFontId[];
}

export interface PrinterIcs {
  createPrinterIC(handle: PrinterHandle, devMode: Buffer | undefined): Promise<PrinterIc>;
}

// ---- bidirectional communication --------------------------------------------------------------

/** BIDI_TYPE values (winspool.h), as RPC_BIDI_DATA carries them ([MS-RPRN] 2.2.1.11.1). */
export type BidiData =
  | { readonly type: 'null' }
  | { readonly type: 'int' | 'bool' | 'float'; readonly value: number }
  | { readonly type: 'string' | 'text' | 'enum'; readonly value: string }
  | { readonly type: 'blob'; readonly value: Buffer };

export interface BidiRequestEntry {
  readonly reqNumber: number;
  readonly schema?: string;
  readonly data: BidiData;
}

export interface BidiResponseEntry extends BidiRequestEntry {
  /** A Win32 error code for this one request. */
  readonly result: number;
}

export interface BidiCommunication {
  /** ERROR_NOT_SUPPORTED (a Win32Error) when the printer's port monitor has no bidi support. */
  sendRecvBidiData(
    handle: PrinterHandle,
    action: string | undefined,
    requests: readonly BidiRequestEntry[],
  ): Promise<BidiResponseEntry[]>;
}

// ---- branch office print remote logging ---------------------------------------------------------

/** RPC_BranchOfficeJobDataPrinted 2.2.1.15.5 (event 307) but its Size, a LONGLONG on the wire. */
export interface JobPrintedFields {
  readonly status: number;
  readonly documentName: string;
  readonly userName: string;
  readonly machineName: string;
  readonly printerName: string;
  readonly portName: string;
  readonly totalPages: number;
}

/** EBranchOfficeJobEventType 2.2.1.15.1 and the structures of 2.2.1.15.3-7, one per event. */
export type BranchOfficeJobData = { readonly jobId: number } & (
  | ({ readonly event: 'printed'; readonly size: bigint } & JobPrintedFields)
  | {
      readonly event: 'rendered';
      readonly size: bigint;
      readonly icmMethod: number;
      readonly color: number;
      readonly printQuality: number;
      readonly yResolution: number;
      readonly copies: number;
      readonly ttOption: number;
    }
  | {
      readonly event: 'error';
      readonly lastError: number;
      readonly documentName: string;
      readonly userName: string;
      readonly printerName: string;
      readonly dataType: string;
      readonly totalSize: bigint;
      readonly printedSize: bigint;
      readonly totalPages: number;
      readonly printedPages: number;
      readonly machineName: string;
      readonly jobError: string;
      readonly errorDescription: string;
    }
  | {
      readonly event: 'pipelineError';
      readonly documentName: string;
      readonly printerName: string;
      readonly extraErrorInfo: string;
    }
  | { readonly event: 'offlineFileFull'; readonly machineName: string }
);

export interface BranchOfficeLog {
  logJobInfoForBranchOffice(handle: PrinterHandle, entries: readonly BranchOfficeJobData[]): Promise<void>;
}

// ---- directory publishing ---------------------------------------------------------------------

export interface PrinterPublishing {
  /**
   * SetPrinter level 7: DSPRINT_PUBLISH, _UPDATE, _UNPUBLISH or _REPUBLISH. Resolves with the
   * status Windows returns on success: ERROR_SUCCESS, or ERROR_IO_PENDING while the directory
   * cannot be reached.
   */
  setPrinterPublishing(handle: PrinterHandle, action: number): Promise<number>;
}

// ---- per-machine connections -------------------------------------------------------------------

/** A connection every user of the machine gets (HKLM ...\Print\Connections). */
export interface PerMachineConnection {
  /** `\\server\printer`, as PRINTER_INFO_4 names it. */
  readonly printerName: string;
  readonly serverName: string;
  readonly provider: string;
}

export interface PerMachineConnections {
  addPerMachineConnection(
    server: string | undefined,
    printerName: string,
    printServer: string,
    provider: string,
    caller: CallerContext,
  ): Promise<void>;
  deletePerMachineConnection(server: string | undefined, printerName: string, caller: CallerContext): Promise<void>;
  enumPerMachineConnections(server: string | undefined, caller: CallerContext): Promise<PerMachineConnection[]>;
}
