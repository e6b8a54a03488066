/**
 * Custom-marshaled INFO records ([MS-RPRN] 2.2.2, read by unpackFlat with the layouts of
 * structures/info-layouts.ts) back into the spooler's domain objects: the inverse of
 * printerInfoRecord / driverInfoRecord / jobInfoRecord ... A level carries only some fields; the
 * others get their empty value. Driver file paths come back as the server wrote them
 * (`\\NTPRINT\print$\x64\3\UNIDRV.DLL`); `files` lists them relative to PRINT$.
 */
import { dateToFiletime, filetimeToDate, type SystemTime } from '../../../common/binary/filetime';
import type { NdrRecord } from '../../ndr/ndr-struct';
import type {
  DriverFile,
  DriverInfo,
  FormInfo,
  JobInfo,
  MonitorInfo,
  PortInfo,
  PrinterInfo,
  PrintProcessorInfo,
} from '../../../spoolss/types';
import type { FlatRecord } from '../structures/flat-buffer';

const str = (rec: FlatRecord, k: string): string => {
  const v = rec[k];
  return typeof v === 'string' ? v : '';
};
const num = (rec: FlatRecord, k: string): number => {
  const v = rec[k];
  return typeof v === 'number' ? v : 0;
};
const big = (rec: FlatRecord, k: string): bigint => {
  const v = rec[k];
  return typeof v === 'bigint' ? v : 0n;
};
const list = (rec: FlatRecord, k: string): string[] => {
  const v = rec[k];
  return Array.isArray(v) ? [...(v as readonly string[])] : [];
};
const bytes = (rec: FlatRecord, k: string): Buffer | undefined => {
  const v = rec[k];
  return Buffer.isBuffer(v) ? v : undefined;
};

/** `\\SERVER` -> `SERVER`. */
function bareServer(name: string): string {
  return name.replace(/^\\\\/, '');
}

/** `\\SERVER\printer` -> { server, printer }; a bare name stays as it is. */
function splitPrinterName(name: string): { server: string; printer: string } {
  const m = /^\\\\([^\\]+)\\(.*)$/.exec(name);
  return m?.[1] !== undefined && m[2] !== undefined ? { server: m[1], printer: m[2] } : { server: '', printer: name };
}

export function printerInfoFromRecord(rec: FlatRecord, serverName: string): PrinterInfo {
  const qualified = str(rec, 'pPrinterName') || str(rec, 'pName');
  const { server, printer } = splitPrinterName(qualified);
  const devMode = bytes(rec, 'pDevMode');
  const securityDescriptor = bytes(rec, 'pSecurityDescriptor');
  const ports = str(rec, 'pPortName');
  return {
    serverName: bareServer(str(rec, 'pServerName')) || server || serverName,
    printerName: printer,
    shareName: str(rec, 'pShareName'),
    portNames: ports === '' ? [] : ports.split(','),
    driverName: str(rec, 'pDriverName'),
    comment: str(rec, 'pComment'),
    location: str(rec, 'pLocation'),
    ...(devMode !== undefined && { devMode }),
    sepFile: str(rec, 'pSepFile'),
    printProcessor: str(rec, 'pPrintProcessor'),
    datatype: str(rec, 'pDatatype'),
    parameters: str(rec, 'pParameters'),
    ...(securityDescriptor !== undefined && { securityDescriptor }),
    attributes: num(rec, 'Attributes'),
    priority: num(rec, 'Priority'),
    defaultPriority: num(rec, 'DefaultPriority'),
    startTime: num(rec, 'StartTime'),
    untilTime: num(rec, 'UntilTime'),
    status: num(rec, 'Status') || num(rec, 'dwStatus'),
    jobCount: num(rec, 'cJobs'),
    averagePpm: num(rec, 'AveragePPM'),
    flags: num(rec, 'Flags'),
    description: str(rec, 'pDescription'),
    totalJobs: num(rec, 'cTotalJobs'),
    totalBytes: num(rec, 'dwHighPartTotalBytes') * 0x100000000 + num(rec, 'cTotalBytes'),
    totalPages: num(rec, 'cTotalPagesPrinted'),
    changeId: num(rec, 'cChangeID'),
    objectGuid: str(rec, 'pszObjectGUID'),
    dsAction: num(rec, 'dwAction'),
  };
}

/**
 * A driver file path as a server returns it, relative to PRINT$: `\\SERVER\print$\x64\3\a.dll`
 * (Samba, us) or `...\spool\drivers\x64\3\a.dll` (a local path). Undefined for anything else.
 */
export function printDollarRelative(filePath: string): string | undefined {
  const unc = /^\\\\[^\\]+\\print\$\\(.+)$/i.exec(filePath);
  if (unc?.[1] !== undefined) return unc[1];
  const local = /\\spool\\drivers\\(.+)$/i.exec(filePath);
  return local?.[1];
}

/** The driver's files relative to PRINT$, deduplicated, in the order the server's DriverInfo lists them. */
export function driverFilesFromPaths(d: {
  driverPath: string;
  configFile: string;
  dataFile: string;
  helpFile: string;
  dependentFiles: readonly string[];
}): { files: DriverFile[]; unplaced: string[] } {
  const files: DriverFile[] = [];
  const unplaced: string[] = [];
  const seen = new Set<string>();
  const add = (p: string, fileType: DriverFile['fileType']): void => {
    if (p === '') return;
    const rel = printDollarRelative(p);
    if (rel === undefined) {
      unplaced.push(p);
      return;
    }
    if (seen.has(rel.toLowerCase())) return;
    seen.add(rel.toLowerCase());
    files.push({ path: rel, fileType });
  };
  add(d.driverPath, 0);
  add(d.configFile, 1);
  add(d.dataFile, 2);
  add(d.helpFile, 3);
  for (const dep of d.dependentFiles) add(dep, 4);
  return { files, unplaced };
}

export function driverInfoFromRecord(rec: FlatRecord): { driver: DriverInfo; unplaced: string[] } {
  const paths = {
    driverPath: str(rec, 'pDriverPath'),
    dataFile: str(rec, 'pDataFile'),
    configFile: str(rec, 'pConfigFile'),
    helpFile: str(rec, 'pHelpFile'),
    dependentFiles: list(rec, 'pDependentFiles'),
  };
  const { files, unplaced } = driverFilesFromPaths(paths);
  return {
    driver: {
      version: num(rec, 'cVersion'),
      name: str(rec, 'pName'),
      environment: str(rec, 'pEnvironment'),
      ...paths,
      monitorName: str(rec, 'pMonitorName'),
      defaultDataType: str(rec, 'pDefaultDataType'),
      previousNames: list(rec, 'pszzPreviousNames'),
      driverDate: filetimeToDate(big(rec, 'ftDriverDate')),
      driverVersion: big(rec, 'dwlDriverVersion'),
      mfgName: str(rec, 'pszMfgName'),
      oemUrl: str(rec, 'pszOEMUrl'),
      hardwareId: str(rec, 'pszHardwareID'),
      provider: str(rec, 'pszProvider'),
      printProcessor: str(rec, 'pszPrintProcessor'),
      vendorSetup: str(rec, 'pszVendorSetup'),
      colorProfiles: list(rec, 'pszzColorProfiles'),
      infPath: str(rec, 'pszInfPath'),
      printerDriverAttributes: num(rec, 'dwPrinterDriverAttributes'),
      coreDriverDependencies: list(rec, 'pszzCoreDriverDependencies'),
      minInboxDriverVerDate: filetimeToDate(big(rec, 'ftMinInboxDriverVerDate')),
      minInboxDriverVerVersion: big(rec, 'dwlMinInboxDriverVerVersion'),
      files,
    },
    unplaced,
  };
}

function systemTimeToDate(v: unknown): Date {
  const t = v as SystemTime | undefined;
  if (t === undefined || typeof t !== 'object' || t.year === 0) return new Date(0);
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.milliseconds));
}

export function jobInfoFromRecord(rec: FlatRecord, serverName: string): JobInfo {
  const { server, printer } = splitPrinterName(str(rec, 'pPrinterName'));
  const devMode = bytes(rec, 'pDevMode');
  return {
    jobId: num(rec, 'JobId'),
    printerName: printer,
    serverName: server || serverName,
    machineName: str(rec, 'pMachineName'),
    userName: str(rec, 'pUserName'),
    documentName: str(rec, 'pDocument'),
    notifyName: str(rec, 'pNotifyName'),
    datatype: str(rec, 'pDatatype'),
    printProcessor: str(rec, 'pPrintProcessor'),
    parameters: str(rec, 'pParameters'),
    driverName: str(rec, 'pDriverName'),
    ...(devMode !== undefined && { devMode }),
    statusText: str(rec, 'pStatus'),
    status: num(rec, 'Status'),
    priority: num(rec, 'Priority'),
    position: num(rec, 'Position'),
    startTime: num(rec, 'StartTime'),
    untilTime: num(rec, 'UntilTime'),
    totalPages: num(rec, 'TotalPages'),
    size: num(rec, 'SizeHigh') * 0x100000000 + num(rec, 'Size'),
    submitted: systemTimeToDate(rec.Submitted),
    time: num(rec, 'Time'),
    pagesPrinted: num(rec, 'PagesPrinted'),
  };
}

export function formInfoFromRecord(rec: FlatRecord): FormInfo {
  return {
    flags: num(rec, 'Flags'),
    name: str(rec, 'pName'),
    width: num(rec, 'cx'),
    height: num(rec, 'cy'),
    imageableArea: {
      left: num(rec, 'left'),
      top: num(rec, 'top'),
      right: num(rec, 'right'),
      bottom: num(rec, 'bottom'),
    },
  };
}

export function portInfoFromRecord(rec: FlatRecord): PortInfo {
  return {
    portName: str(rec, 'pPortName') || str(rec, 'pName'),
    monitorName: str(rec, 'pMonitorName'),
    description: str(rec, 'pDescription'),
    portType: num(rec, 'fPortType'),
  };
}

export function monitorInfoFromRecord(rec: FlatRecord): MonitorInfo {
  return { name: str(rec, 'pName'), environment: str(rec, 'pEnvironment'), dllName: str(rec, 'pDLLName') };
}

export function printProcessorInfoFromRecord(rec: FlatRecord): PrintProcessorInfo {
  return { name: str(rec, 'pName') };
}

// ---- domain -> RPC_* structures (containers.ts field names) ----------------------------------

/** RPC_PRINTER_INFO_2 for SetPrinter: DEVMODE and security descriptor travel in their own containers. */
export function rpcPrinterInfo2Record(p: PrinterInfo): NdrRecord {
  return {
    pServerName: p.serverName === '' ? undefined : `\\\\${p.serverName.replace(/^\\\\/, '')}`,
    pPrinterName: p.printerName,
    pShareName: p.shareName,
    pPortName: p.portNames.join(','),
    pDriverName: p.driverName,
    pComment: p.comment,
    pLocation: p.location,
    pDevMode: 0,
    pSepFile: p.sepFile,
    pPrintProcessor: p.printProcessor,
    pDatatype: p.datatype,
    pParameters: p.parameters,
    pSecurityDescriptor: 0,
    Attributes: p.attributes,
    Priority: p.priority,
    DefaultPriority: p.defaultPriority,
    StartTime: p.startTime,
    UntilTime: p.untilTime,
    Status: p.status,
    cJobs: p.jobCount,
    AveragePPM: p.averagePpm,
  };
}

/** RPC_DRIVER_INFO_8 (a superset of levels 2-6) for AddPrinterDriverEx. */
export function rpcDriverInfoRecord(d: DriverInfo): NdrRecord {
  const opt = (s: string): string | undefined => (s === '' ? undefined : s);
  return {
    cVersion: d.version,
    pName: d.name,
    pEnvironment: d.environment,
    pDriverPath: opt(d.driverPath),
    pDataFile: opt(d.dataFile),
    pConfigFile: opt(d.configFile),
    pHelpFile: opt(d.helpFile),
    pMonitorName: opt(d.monitorName),
    pDefaultDataType: opt(d.defaultDataType),
    pDependentFiles: d.dependentFiles.length === 0 ? undefined : d.dependentFiles,
    pszzPreviousNames: d.previousNames.length === 0 ? undefined : d.previousNames,
    ftDriverDate: dateToFiletime(d.driverDate),
    dwlDriverVersion: d.driverVersion,
    pMfgName: opt(d.mfgName),
    pOEMUrl: opt(d.oemUrl),
    pHardwareID: opt(d.hardwareId),
    pProvider: opt(d.provider),
    pPrintProcessor: opt(d.printProcessor),
    pVendorSetup: opt(d.vendorSetup),
    pszzColorProfiles: d.colorProfiles.length === 0 ? undefined : d.colorProfiles,
    pInfPath: opt(d.infPath),
    dwPrinterDriverAttributes: d.printerDriverAttributes,
    pszzCoreDriverDependencies: d.coreDriverDependencies.length === 0 ? undefined : d.coreDriverDependencies,
    ftMinInboxDriverVerDate: dateToFiletime(d.minInboxDriverVerDate),
    dwlMinInboxDriverVerVersion: d.minInboxDriverVerVersion,
  };
}
