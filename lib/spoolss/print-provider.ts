/**
 * PrintProvider: the router-level interface of Windows' print stack (what localspl and win32spl
 * both implement). The local provider (PrintServer) implements it in process; the remote provider
 * implements it over SMB2 + MS-RPRN; lib/rpc/rprn adapts the wire to it on the server side.
 *
 * Errors are thrown as Win32Error with the code Windows returns (ERROR_INVALID_PRINTER_NAME,
 * ERROR_ACCESS_DENIED, ERROR_FILE_NOT_FOUND, ...). Buffer sizing (ERROR_INSUFFICIENT_BUFFER,
 * ERROR_MORE_DATA) is a wire concern: providers return whole results.
 */
import type { RegValue } from '../common/reg-value';
import type {
  CallerContext,
  DocInfo,
  DriverInfo,
  FormInfo,
  CorePrinterDriver,
  GetPrinterDriverResult,
  JobInfo,
  NewPrinter,
  MonitorInfo,
  OpenPrinterOptions,
  PortInfo,
  PrinterChange,
  PrinterHandle,
  PrinterInfo,
  PrintProcessorInfo,
} from './types';
import type { PrinterChangeSource } from './printer-notify';
import type {
  BidiCommunication,
  BranchOfficeLog,
  JobNamedProperties,
  PerMachineConnections,
  PrinterIcs,
  PrinterPublishing,
} from './spooler-extras';

export interface PrintProvider {
  /**
   * Printer and job changes as they happen, for notification clients ([MS-RPRN] 3.1.1); a
   * provider without it (a remote one) has no change notifications to offer.
   */
  readonly changes?: PrinterChangeSource;
  /**
   * OpenPrinter(Ex): `name` is `\\SERVER`, `\\SERVER\printer`, `\\SERVER\share`, a bare printer or
   * share name, or undefined/"" for the local server. `\\SERVER\printer,Job 12` opens a job.
   */
  openPrinter(name: string | undefined, options: OpenPrinterOptions, caller: CallerContext): Promise<PrinterHandle>;
  closePrinter(handle: PrinterHandle): Promise<void>;

  /** EnumPrinters: PRINTER_ENUM_* flags; `name` a server or empty. */
  enumPrinters(flags: number, name: string | undefined, caller: CallerContext): Promise<PrinterInfo[]>;
  getPrinter(handle: PrinterHandle): Promise<PrinterInfo>;
  /** GetPrinter level 3 on a server handle: the print server's own security descriptor. */
  getServerSecurityDescriptor?(handle: PrinterHandle): Promise<Buffer>;
  setPrinter(handle: PrinterHandle, change: PrinterChange): Promise<void>;
  /**
   * AddPrinter(Ex) level 2 ([MS-RPRN] 3.1.4.2.3, 3.1.4.2.15): the new printer, opened for its
   * creator with PRINTER_ALL_ACCESS. Optional: the local provider has it.
   */
  addPrinter?(
    serverName: string | undefined,
    printer: NewPrinter,
    options: OpenPrinterOptions,
    caller: CallerContext,
  ): Promise<PrinterHandle>;
  /** DeletePrinter (3.1.4.2.4): needs DELETE on the handle. */
  deletePrinter?(handle: PrinterHandle): Promise<void>;
  /** Calls `listener` after a printer is added or deleted or its settings change. */
  watchPrinters?(listener: () => void): void;

  enumPrinterDrivers(serverName: string | undefined, environment: string, caller: CallerContext): Promise<DriverInfo[]>;
  /** GetPrinterDriver2: the printer's driver for `environment`. */
  getPrinterDriver(
    handle: PrinterHandle,
    environment: string,
    clientMajorVersion: number,
  ): Promise<GetPrinterDriverResult>;
  /** GetPrinterDriverDirectory: `\\SERVER\print$\<arch>` for a remote caller. */
  getPrinterDriverDirectory(
    serverName: string | undefined,
    environment: string,
    caller: CallerContext,
  ): Promise<string>;
  /** AddPrinterDriverEx: administrators only. */
  addPrinterDriver(
    serverName: string | undefined,
    driver: DriverInfo,
    fileCopyFlags: number,
    caller: CallerContext,
  ): Promise<void>;

  /**
   * DeletePrinterDriver(Ex) ([MS-RPRN] 3.1.4.4.5, 3.1.4.4.7): dwDeleteFlag DPD_* and the version
   * DPD_DELETE_SPECIFIC_VERSION names. Optional: the local provider has it.
   */
  deletePrinterDriver?(
    serverName: string | undefined,
    environment: string,
    driverName: string,
    deleteFlags: number,
    version: number,
    caller: CallerContext,
  ): Promise<void>;

  /**
   * RpcGetCorePrinterDrivers ([MS-RPRN] 3.1.4.4.9, MS-PAR RpcAsyncGetCorePrinterDrivers): one
   * CORE_PRINTER_DRIVER per GUID asked for, in that order. Win32Error ERROR_INVALID_ENVIRONMENT
   * for an unknown environment, ERROR_INVALID_PARAMETER for no GUIDs or one that is not a
   * curly braced GUID, ERROR_NOT_FOUND for a GUID the server has no core driver for (what
   * smbtorture's printserver tests, written against Windows, expect as HRESULTs).
   */
  getCorePrinterDrivers(
    serverName: string | undefined,
    environment: string,
    coreDriverGuids: readonly string[],
    caller: CallerContext,
  ): Promise<CorePrinterDriver[]>;
  /**
   * RpcGetPrinterDriverPackagePath ([MS-RPRN] 3.1.4.4.10, MS-PAR RpcAsyncGetPrinterDriverPackagePath):
   * the path of the package's CAB: `\\SERVER\print$\<arch>\PCC\<inf>_<arch>_<hash>.cab` when
   * `serverName` names the server, the server's local path when it is undefined (as Windows).
   * `language` is an MUI locale name or undefined.
   * Win32Error ERROR_INVALID_ENVIRONMENT, ERROR_FILE_NOT_FOUND for an empty or unknown package
   * ID. The wire layer does the size probe (cchDriverPackageCab 0 answers S_OK with the size,
   * <352>; too small, ERROR_INSUFFICIENT_BUFFER).
   */
  getPrinterDriverPackagePath(
    serverName: string | undefined,
    environment: string,
    language: string | undefined,
    packageId: string,
    caller: CallerContext,
  ): Promise<string>;
  /**
   * RpcAsyncCorePrinterDriverInstalled ([MS-PAR] 3.1.4.2.10; MS-RPRN has no wire twin): whether
   * the core driver, at this date and version or newer, is installed. ERROR_INVALID_ENVIRONMENT.
   */
  corePrinterDriverInstalled(
    serverName: string | undefined,
    environment: string,
    coreDriverGuid: string,
    driverDate: Date,
    driverVersion: bigint,
    caller: CallerContext,
  ): Promise<boolean>;
  /**
   * RpcAsyncUploadPrinterDriverPackage ([MS-PAR] 3.1.4.2.8): puts the package of an INF into the
   * server's driver store and returns its INF path there (the package ID). Administrators only.
   */
  uploadPrinterDriverPackage(
    serverName: string | undefined,
    infPath: string,
    environment: string,
    flags: number,
    caller: CallerContext,
  ): Promise<string>;
  /**
   * RpcAsyncInstallPrinterDriverFromPackage ([MS-PAR] 3.1.4.2.7): installs a driver the driver
   * store's package (or, with no INF path, any package of the environment) defines.
   * Administrators only.
   */
  installPrinterDriverFromPackage(
    serverName: string | undefined,
    infPath: string | undefined,
    driverName: string,
    environment: string,
    flags: number,
    caller: CallerContext,
  ): Promise<void>;
  /** RpcAsyncDeletePrinterDriverPackage ([MS-PAR] 3.1.4.2.12): administrators only. */
  deletePrinterDriverPackage(
    serverName: string | undefined,
    infPath: string,
    environment: string,
    caller: CallerContext,
  ): Promise<void>;

  enumPrinterKey(handle: PrinterHandle, keyName: string): Promise<string[]>;
  /** For a remote caller and a `CopyFiles\<name>` key, ends with the synthetic SourceDir and TargetDir. */
  enumPrinterDataEx(handle: PrinterHandle, keyName: string): Promise<RegValue[]>;
  getPrinterDataEx(handle: PrinterHandle, keyName: string, valueName: string): Promise<RegValue>;
  setPrinterDataEx(handle: PrinterHandle, keyName: string, value: RegValue): Promise<void>;
  deletePrinterDataEx(handle: PrinterHandle, keyName: string, valueName: string): Promise<void>;
  deletePrinterKey(handle: PrinterHandle, keyName: string): Promise<void>;

  enumForms(handle: PrinterHandle): Promise<FormInfo[]>;
  getForm(handle: PrinterHandle, formName: string): Promise<FormInfo>;
  /** AddForm ([MS-RPRN] 3.1.4.5.1): ERROR_FILE_EXISTS for a known name. Optional: the local provider has it. */
  addForm?(handle: PrinterHandle, form: FormInfo): Promise<void>;
  /** SetForm (3.1.4.5.6): ERROR_INVALID_PARAMETER for a built-in form. */
  setForm?(handle: PrinterHandle, formName: string, form: FormInfo): Promise<void>;
  /** DeleteForm (3.1.4.5.2): ERROR_INVALID_PARAMETER for a built-in form, ERROR_INVALID_FORM_NAME for none. */
  deleteForm?(handle: PrinterHandle, formName: string): Promise<void>;
  enumPorts(serverName: string | undefined, caller: CallerContext): Promise<PortInfo[]>;
  enumMonitors(serverName: string | undefined, caller: CallerContext): Promise<MonitorInfo[]>;
  /**
   * XcvData ([MS-RPRN] 3.1.4.6.5) on an `,XcvMonitor` / `,XcvPort` handle: the monitor's answer
   * (pdwStatus), the output (cbOutputData bytes) and the size it needs. ERROR_INVALID_HANDLE (thrown)
   * for another kind of handle. Optional: the local provider has it.
   */
  xcvData?(handle: PrinterHandle, dataName: string, input: Buffer, cbOutputData: number): Promise<XcvDataResult>;
  /** AddPort (opnum 37): the monitor's dialog, so ERROR_NOT_SUPPORTED from a remote caller. */
  addPort?(serverName: string | undefined, monitorName: string, caller: CallerContext): Promise<void>;
  /** ConfigurePort (opnum 38): as AddPort. */
  configurePort?(serverName: string | undefined, portName: string, caller: CallerContext): Promise<void>;
  /** DeletePort (3.1.4.6.2): ERROR_UNKNOWN_PORT, else ERROR_NOT_SUPPORTED (the monitors are XcvData ones). */
  deletePort?(serverName: string | undefined, portName: string, caller: CallerContext): Promise<void>;
  enumPrintProcessors(
    serverName: string | undefined,
    environment: string,
    caller: CallerContext,
  ): Promise<PrintProcessorInfo[]>;

  /** AddPrintProcessor ([MS-RPRN] 3.1.4.8.1): `pathName` is the DLL in the print processor directory. */
  addPrintProcessor?(
    serverName: string | undefined,
    environment: string,
    pathName: string,
    printProcessor: string,
    caller: CallerContext,
  ): Promise<void>;
  /** DeletePrintProcessor (3.1.4.8.3). */
  deletePrintProcessor?(
    serverName: string | undefined,
    environment: string,
    printProcessor: string,
    caller: CallerContext,
  ): Promise<void>;
  /** GetPrintProcessorDirectory ([MS-RPRN] 3.1.4.8.4). Optional: the local provider has it. */
  getPrintProcessorDirectory?(
    serverName: string | undefined,
    environment: string,
    caller: CallerContext,
  ): Promise<string>;
  /** EnumPrintProcessorDatatypes (3.1.4.8.5): ERROR_UNKNOWN_PRINTPROCESSOR for none or an unknown one. */
  enumPrintProcessorDatatypes?(
    serverName: string | undefined,
    printProcessor: string | undefined,
    caller: CallerContext,
  ): Promise<string[]>;

  /**
   * ResetPrinter ([MS-RPRN] 3.1.4.2.13): the handle's datatype (undefined: the printer's) and
   * DEVMODE for the next StartDocPrinter; ERROR_INVALID_DATATYPE for one the print processor lacks.
   */
  resetPrinter?(handle: PrinterHandle, datatype: string | undefined, devMode: Buffer | undefined): Promise<void>;
  startDocPrinter(handle: PrinterHandle, doc: DocInfo): Promise<number>;
  startPagePrinter(handle: PrinterHandle): Promise<void>;
  writePrinter(handle: PrinterHandle, data: Buffer): Promise<number>;
  endPagePrinter(handle: PrinterHandle): Promise<void>;
  endDocPrinter(handle: PrinterHandle): Promise<void>;
  abortPrinter(handle: PrinterHandle): Promise<void>;
  enumJobs(handle: PrinterHandle, firstJob: number, count: number): Promise<JobInfo[]>;
  getJob(handle: PrinterHandle, jobId: number): Promise<JobInfo>;
  /**
   * SetJob: JOB_CONTROL_* command (0 = none) and/or the fields of a JOB_INFO_1/2 container
   * (priority 1-99, 1-based position in the printer's queue, document name).
   */
  setJob(handle: PrinterHandle, jobId: number, command: number, fields?: SetJobFields): Promise<void>;

  // The less common methods (spooler-extras.ts); a provider without one answers ERROR_NOT_SUPPORTED.
  readonly jobNamedProperties?: JobNamedProperties;
  readonly printerIcs?: PrinterIcs;
  readonly bidi?: BidiCommunication;
  readonly branchOfficeLog?: BranchOfficeLog;
  readonly publishing?: PrinterPublishing;
  readonly perMachineConnections?: PerMachineConnections;
}

/** What a port monitor answered to XcvData. */
export interface XcvDataResult {
  /** pdwStatus: the monitor's Win32 status. */
  readonly status: number;
  /** pOutputData, cbOutputData bytes long. */
  readonly output: Buffer;
  /** pcbOutputNeeded. */
  readonly needed: number;
}

/** The job fields SetJob applies — [MS-RPRN] 3.1.4.3.1. */
export interface SetJobFields {
  readonly priority?: number;
  readonly position?: number;
  readonly documentName?: string;
}
