/**
 * Custom-marshaled INFO records ([MS-RPRN] 2.2.2, read by unpackFlat with the layouts of
 * structures/info-layouts.ts) back into the spooler's domain objects: the inverse of
 * printerInfoRecord / driverInfoRecord / jobInfoRecord ... A level carries only some fields; the
 * others get their empty value. Driver file paths come back as the server wrote them
 * (`\\NTPRINT\print$\x64\3\UNIDRV.DLL`); `files` lists them relative to PRINT$.
 */
import { BufferReader } from '../../../common/binary/buffer-reader';
import { dateToFiletime, filetimeToDate, type SystemTime } from '../../../common/binary/filetime';
import type { NdrRecord } from '../../ndr/ndr-struct';
import { recordFields } from '../../ndr/record-fields';
import type {
  DriverFile,
  DriverInfo,
  FormInfo,
  JobInfo,
  MonitorInfo,
  NewPrinter,
  PortInfo,
  PrinterInfo,
  PrintProcessorInfo,
  SplClientInfo1,
} from '../../../spoolss/types';
import type { FlatRecord } from '../structures/flat-buffer';

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
  const v = recordFields(rec);
  const qualified = v.string('pPrinterName') || v.string('pName');
  const { server, printer } = splitPrinterName(qualified);
  const devMode = v.bytes('pDevMode');
  const securityDescriptor = v.bytes('pSecurityDescriptor');
  const ports = v.string('pPortName');
  return {
    serverName: bareServer(v.string('pServerName')) || server || serverName,
    printerName: printer,
    shareName: v.string('pShareName'),
    portNames: ports === '' ? [] : ports.split(','),
    driverName: v.string('pDriverName'),
    comment: v.string('pComment'),
    location: v.string('pLocation'),
    ...(devMode !== undefined && { devMode }),
    sepFile: v.string('pSepFile'),
    printProcessor: v.string('pPrintProcessor'),
    datatype: v.string('pDatatype'),
    parameters: v.string('pParameters'),
    ...(securityDescriptor !== undefined && { securityDescriptor }),
    attributes: v.number('Attributes'),
    priority: v.number('Priority'),
    defaultPriority: v.number('DefaultPriority'),
    startTime: v.number('StartTime'),
    untilTime: v.number('UntilTime'),
    status: v.number('Status') || v.number('dwStatus'),
    jobCount: v.number('cJobs'),
    averagePpm: v.number('AveragePPM'),
    flags: v.number('Flags'),
    description: v.string('pDescription'),
    totalJobs: v.number('cTotalJobs'),
    totalBytes: v.number('dwHighPartTotalBytes') * 0x100000000 + v.number('cTotalBytes'),
    totalPages: v.number('cTotalPagesPrinted'),
    changeId: v.number('cChangeID'),
    objectGuid: v.string('pszObjectGUID'),
    dsAction: v.number('dwAction'),
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
  const v = recordFields(rec);
  const paths = {
    driverPath: v.string('pDriverPath'),
    dataFile: v.string('pDataFile'),
    configFile: v.string('pConfigFile'),
    helpFile: v.string('pHelpFile'),
    dependentFiles: v.strings('pDependentFiles'),
  };
  const { files, unplaced } = driverFilesFromPaths(paths);
  return {
    driver: {
      version: v.number('cVersion'),
      name: v.string('pName'),
      environment: v.string('pEnvironment'),
      ...paths,
      monitorName: v.string('pMonitorName'),
      defaultDataType: v.string('pDefaultDataType'),
      previousNames: v.strings('pszzPreviousNames'),
      driverDate: filetimeToDate(v.bigint('ftDriverDate')),
      driverVersion: v.bigint('dwlDriverVersion'),
      mfgName: v.string('pszMfgName'),
      oemUrl: v.string('pszOEMUrl'),
      hardwareId: v.string('pszHardwareID'),
      provider: v.string('pszProvider'),
      printProcessor: v.string('pszPrintProcessor'),
      vendorSetup: v.string('pszVendorSetup'),
      colorProfiles: v.strings('pszzColorProfiles'),
      infPath: v.string('pszInfPath'),
      printerDriverAttributes: v.number('dwPrinterDriverAttributes'),
      coreDriverDependencies: v.strings('pszzCoreDriverDependencies'),
      minInboxDriverVerDate: filetimeToDate(v.bigint('ftMinInboxDriverVerDate')),
      minInboxDriverVerVersion: v.bigint('dwlMinInboxDriverVerVersion'),
      files,
    },
    unplaced,
  };
}

function systemTimeToDate(t: SystemTime | undefined): Date {
  if (t === undefined || t.year === 0) return new Date(0);
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.milliseconds));
}

export function jobInfoFromRecord(rec: FlatRecord, serverName: string): JobInfo {
  const v = recordFields(rec);
  const { server, printer } = splitPrinterName(v.string('pPrinterName'));
  const devMode = v.bytes('pDevMode');
  return {
    jobId: v.number('JobId'),
    printerName: printer,
    serverName: server || serverName,
    machineName: v.string('pMachineName'),
    userName: v.string('pUserName'),
    documentName: v.string('pDocument'),
    notifyName: v.string('pNotifyName'),
    datatype: v.string('pDatatype'),
    printProcessor: v.string('pPrintProcessor'),
    parameters: v.string('pParameters'),
    driverName: v.string('pDriverName'),
    ...(devMode !== undefined && { devMode }),
    statusText: v.string('pStatus'),
    status: v.number('Status'),
    priority: v.number('Priority'),
    position: v.number('Position'),
    startTime: v.number('StartTime'),
    untilTime: v.number('UntilTime'),
    totalPages: v.number('TotalPages'),
    size: v.number('SizeHigh') * 0x100000000 + v.number('Size'),
    submitted: systemTimeToDate(v.systemTime('Submitted')),
    time: v.number('Time'),
    pagesPrinted: v.number('PagesPrinted'),
  };
}

export function formInfoFromRecord(rec: FlatRecord): FormInfo {
  const v = recordFields(rec);
  return {
    flags: v.number('Flags'),
    name: v.string('pName'),
    width: v.number('cx'),
    height: v.number('cy'),
    imageableArea: {
      left: v.number('left'),
      top: v.number('top'),
      right: v.number('right'),
      bottom: v.number('bottom'),
    },
  };
}

export function portInfoFromRecord(rec: FlatRecord): PortInfo {
  const v = recordFields(rec);
  return {
    portName: v.string('pPortName') || v.string('pName'),
    monitorName: v.string('pMonitorName'),
    description: v.string('pDescription'),
    portType: v.number('fPortType'),
  };
}

export function monitorInfoFromRecord(rec: FlatRecord): MonitorInfo {
  const v = recordFields(rec);
  return { name: v.string('pName'), environment: v.string('pEnvironment'), dllName: v.string('pDLLName') };
}

/** DRIVER_DIRECTORY_1: the path at offset 0, up to its NUL. */
export function driverDirectoryFromBuffer(buf: Buffer): string {
  return new BufferReader(buf).utf16z('DRIVER_DIRECTORY_1');
}

export function printProcessorInfoFromRecord(rec: FlatRecord): PrintProcessorInfo {
  const v = recordFields(rec);
  return { name: v.string('pName') };
}

// ---- domain -> RPC_* structures (containers.ts field names) ----------------------------------

/** SPLCLIENT_INFO_1 for OpenPrinterEx. */
export function splClientInfo1Record(info: SplClientInfo1): NdrRecord {
  return {
    dwSize: info.size,
    pMachineName: info.machineName,
    pUserName: info.userName,
    dwBuildNum: info.buildNum,
    dwMajorVersion: info.majorVersion,
    dwMinorVersion: info.minorVersion,
    wProcessorArchitecture: info.processorArchitecture,
  };
}

/**
 * RPC_PRINTER_INFO_2 for AddPrinterEx ([MS-RPRN] 2.2.1.10.3): what is not given is NULL or 0, as
 * Add-Printer sends it; pDevMode and pSecurityDescriptor travel in their own containers.
 */
export function newPrinterRecord(printerName: string, p: NewPrinter): NdrRecord {
  return {
    pServerName: undefined,
    pPrinterName: printerName,
    pShareName: p.shareName,
    pPortName: p.portNames?.join(','),
    pDriverName: p.driverName,
    pComment: p.comment,
    pLocation: p.location,
    pDevMode: 0,
    pSepFile: p.sepFile,
    pPrintProcessor: p.printProcessor,
    pDatatype: p.datatype,
    pParameters: p.parameters,
    pSecurityDescriptor: 0,
    Attributes: p.attributes ?? 0,
    Priority: p.priority ?? 0,
    DefaultPriority: p.defaultPriority ?? 0,
    StartTime: p.startTime ?? 0,
    UntilTime: p.untilTime ?? 0,
    Status: 0,
    cJobs: 0,
    AveragePPM: 0,
  };
}

/** RPC_PRINTER_INFO_2 for SetPrinter: the printer's own values, as AddPrinterEx sends new ones. */
export function rpcPrinterInfo2Record(p: PrinterInfo): NdrRecord {
  return {
    ...newPrinterRecord(p.printerName, p),
    pServerName: p.serverName === '' ? undefined : `\\\\${p.serverName.replace(/^\\\\/, '')}`,
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
