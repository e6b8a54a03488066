/**
 * Domain types of the print server, in Windows' terms (the fields of PRINTER_INFO_2, DRIVER_INFO_8,
 * JOB_INFO_2, FORM_INFO_1, PORT_INFO_2 ...). The wire layer (lib/rpc/rprn) picks the fields a
 * level needs and lays them out; domain code never sees bytes.
 */
/** SPLCLIENT_INFO_1 — [MS-RPRN] 2.2.1.2.7. pMachineName and pUserName are NULLed before a module sees them. */
export interface SplClientInfo1 {
  readonly size: number;
  readonly machineName?: string;
  readonly userName?: string;
  readonly buildNum: number;
  readonly majorVersion: number;
  readonly minorVersion: number;
  readonly processorArchitecture: number;
}

/** Who is calling, as the transport authenticated them. */
export interface CallerContext {
  readonly userName: string;
  readonly domain?: string;
  /** Group names from the server config (e.g. "Administrators", "Users"). */
  readonly groups: readonly string[];
  /** Member of Administrators. */
  readonly isAdministrator: boolean;
  /** True for a caller that came over the network (or the in-process client acting as one). */
  readonly remote: boolean;
  /** The client machine's name, when known. */
  readonly machineName?: string;
}

export interface OpenPrinterOptions {
  /** The access the caller asked for (PRINTER_ACCESS_*, SERVER_ACCESS_*, MAXIMUM_ALLOWED, generic rights). */
  readonly desiredAccess: number;
  readonly datatype?: string;
  readonly devMode?: Buffer;
  /** From RpcOpenPrinterEx's SPLCLIENT_CONTAINER: handed to CopyFiles modules. */
  readonly clientInfo?: SplClientInfo1;
}

/** An open handle. Opaque to callers but the id, the kind and what was granted. */
export interface PrinterHandle {
  readonly id: string;
  readonly kind: 'server' | 'printer' | 'job' | 'xcv';
  readonly grantedAccess: number;
  /** An Xcv handle's monitor and, for `,XcvPort <port>`, its port ([MS-RPRN] 3.1.4.6.5). */
  readonly xcv?: { readonly monitor: string; readonly port?: string };
  /** The printer's name, for printer handles. */
  readonly printerName?: string;
  /** The server name as the caller wrote it in OpenPrinter (`NTPRINT`, `127.0.0.1`, ...). */
  readonly serverName: string;
}

export interface PrinterInfo {
  readonly serverName: string;
  readonly printerName: string;
  readonly shareName: string;
  /** Comma-separated in PRINTER_INFO_2; a pool has several. */
  readonly portNames: readonly string[];
  readonly driverName: string;
  readonly comment: string;
  readonly location: string;
  readonly devMode?: Buffer;
  readonly sepFile: string;
  readonly printProcessor: string;
  readonly datatype: string;
  readonly parameters: string;
  readonly securityDescriptor?: Buffer;
  readonly attributes: number;
  readonly priority: number;
  readonly defaultPriority: number;
  /** Minutes after midnight UTC; StartTime == UntilTime means always available. */
  readonly startTime: number;
  readonly untilTime: number;
  readonly status: number;
  readonly jobCount: number;
  readonly averagePpm: number;
  /** PRINTER_ENUM_* flags for PRINTER_INFO_1. */
  readonly flags: number;
  /** PRINTER_INFO_1 pDescription ("name,driver,location"). */
  readonly description: string;
  /** Counters for PRINTER_INFO_0. */
  readonly totalJobs: number;
  readonly totalBytes: number;
  readonly totalPages: number;
  readonly changeId: number;
  /** Directory-service GUID for PRINTER_INFO_7 (empty when unpublished). */
  readonly objectGuid: string;
  readonly dsAction: number;
}

export interface DriverInfo {
  /** cVersion: 3 for user-mode drivers, 4 for v4. */
  readonly version: number;
  readonly name: string;
  readonly environment: string;
  /** Full paths, as the server returns them to this caller. */
  readonly driverPath: string;
  readonly dataFile: string;
  readonly configFile: string;
  readonly helpFile: string;
  readonly dependentFiles: readonly string[];
  readonly monitorName: string;
  readonly defaultDataType: string;
  readonly previousNames: readonly string[];
  readonly driverDate: Date;
  readonly driverVersion: bigint;
  readonly mfgName: string;
  readonly oemUrl: string;
  readonly hardwareId: string;
  readonly provider: string;
  readonly printProcessor: string;
  readonly vendorSetup: string;
  readonly colorProfiles: readonly string[];
  readonly infPath: string;
  readonly printerDriverAttributes: number;
  readonly coreDriverDependencies: readonly string[];
  readonly minInboxDriverVerDate: Date;
  readonly minInboxDriverVerVersion: bigint;
  /** Each file relative to PRINT$ (`x64\3\unidrv.dll`): what a client downloads. */
  readonly files: readonly DriverFile[];
}

export interface DriverFile {
  /** Relative to PRINT$, backslashes. */
  readonly path: string;
  /** DRIVER_FILE_INFO type: 0 render, 1 config, 2 data, 3 help, 4 other. */
  readonly fileType: 0 | 1 | 2 | 3 | 4;
}

/**
 * CORE_PRINTER_DRIVER — [MS-RPRN] 2.2.2.13: a core printer driver of the server, as
 * RpcGetCorePrinterDrivers (3.1.4.4.9) returns it for each GUID asked for.
 */
export interface CorePrinterDriver {
  /** The curly braced GUID, upper case (`{D20EA372-DD35-4950-9ED8-A6335AFE79F0}`). */
  readonly coreDriverGuid: string;
  /** ftDriverDate: when the package was published (the INF's DriverVer date). */
  readonly driverDate: Date;
  /** dwlDriverVersion: w<<48 | x<<32 | y<<16 | z of the INF's DriverVer. */
  readonly driverVersion: bigint;
  /** szPackageID: the package's INF in the server's driver store (at most 259 characters on the wire). */
  readonly packageId: string;
}

export interface GetPrinterDriverResult {
  readonly driver: DriverInfo;
  readonly serverMaxVersion: number;
  readonly serverMinVersion: number;
}

export interface DocInfo {
  readonly documentName: string;
  readonly outputFile?: string;
  readonly datatype?: string;
}

export interface JobInfo {
  readonly jobId: number;
  readonly printerName: string;
  readonly serverName: string;
  readonly machineName: string;
  readonly userName: string;
  readonly documentName: string;
  readonly notifyName: string;
  readonly datatype: string;
  readonly printProcessor: string;
  readonly parameters: string;
  readonly driverName: string;
  readonly devMode?: Buffer;
  readonly statusText: string;
  readonly status: number;
  readonly priority: number;
  readonly position: number;
  readonly startTime: number;
  readonly untilTime: number;
  readonly totalPages: number;
  readonly size: number;
  readonly submitted: Date;
  /** Milliseconds spent printing so far. */
  readonly time: number;
  readonly pagesPrinted: number;
}

export interface FormInfo {
  /** FORM_USER 0, FORM_BUILTIN 1, FORM_PRINTER 2. */
  readonly flags: number;
  readonly name: string;
  /** Thousandths of a millimetre. */
  readonly width: number;
  readonly height: number;
  readonly imageableArea: {
    readonly left: number;
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
  };
}

export interface PortInfo {
  readonly portName: string;
  readonly monitorName: string;
  readonly description: string;
  /** PORT_TYPE_WRITE 1, READ 2, REDIRECTED 4, NET_ATTACHED 8. */
  readonly portType: number;
}

export interface MonitorInfo {
  readonly name: string;
  readonly environment: string;
  readonly dllName: string;
}

export interface PrintProcessorInfo {
  readonly name: string;
}

/** Changes SetPrinter may carry (level 2 fields, or a command alone). */
/**
 * AddPrinter(Ex) level 2 ([MS-RPRN] 3.1.4.2.3, 3.1.4.2.15): the PRINTER_INFO_2 fields a client
 * gives, with the DEVMODE and security descriptor of their containers.
 */
export type NewPrinter = NonNullable<PrinterChange['fields']> & { readonly printerName?: string };

export interface PrinterChange {
  readonly command?: number;
  readonly fields?: Partial<
    Pick<
      PrinterInfo,
      | 'printerName'
      | 'shareName'
      | 'portNames'
      | 'driverName'
      | 'comment'
      | 'location'
      | 'sepFile'
      | 'printProcessor'
      | 'datatype'
      | 'parameters'
      | 'attributes'
      | 'priority'
      | 'defaultPriority'
      | 'startTime'
      | 'untilTime'
      | 'securityDescriptor'
      | 'devMode'
    >
  >;
}
