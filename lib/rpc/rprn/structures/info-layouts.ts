/**
 * The custom-marshaled INFO structures of [MS-RPRN] 2.2.2 as field lists (fixed portion order on
 * the wire), and the mapping from the spooler's domain objects to their records.
 *
 *   _PRINTER_INFO_STRESS (level 0) 2.2.2.9.1 .. _PRINTER_INFO_9 2.2.2.9.10
 *   _DRIVER_INFO_1 .. _DRIVER_INFO_8     2.2.2.4.1 .. 2.2.2.4.8
 *   _JOB_INFO_1 .. _JOB_INFO_4           2.2.2.5.x
 *   _FORM_INFO_1 2.2.2.3.1, _PORT_INFO_1/2 2.2.2.8.x, _MONITOR_INFO_1/2 2.2.2.7.x,
 *   _PRINTPROCESSOR_INFO_1 2.2.2.12, _DATATYPES_INFO_1 2.2.2.2
 */
import { dateToFiletime, dateToSystemTime } from '../../../common/binary/filetime';
import type {
  DriverInfo,
  FormInfo,
  JobInfo,
  MonitorInfo,
  PortInfo,
  PrinterInfo,
  PrintProcessorInfo,
} from '../../../spoolss/types';
import type { FlatField, FlatFieldKind, FlatLayout, FlatRecord } from './flat-buffer';

const f = (name: string, kind: FlatFieldKind): FlatField => ({ name, kind });
const layout = (name: string, fields: readonly FlatField[]): FlatLayout => ({ name, fields });

export const PRINTER_INFO_LAYOUTS: Readonly<Record<number, FlatLayout>> = {
  0: layout('_PRINTER_INFO_STRESS', [
    f('pPrinterName', 'string'),
    f('pServerName', 'string'),
    f('cJobs', 'dword'),
    f('cTotalJobs', 'dword'),
    f('cTotalBytes', 'dword'),
    f('stUpTime', 'systemTime'),
    f('MaxcRef', 'dword'),
    f('cTotalPagesPrinted', 'dword'),
    f('dwGetVersion', 'dword'),
    f('fFreeBuild', 'dword'),
    f('cSpooling', 'dword'),
    f('cMaxSpooling', 'dword'),
    f('cRef', 'dword'),
    f('cErrorOutOfPaper', 'dword'),
    f('cErrorNotReady', 'dword'),
    f('cJobError', 'dword'),
    f('dwNumberOfProcessors', 'dword'),
    f('dwProcessorType', 'dword'),
    f('dwHighPartTotalBytes', 'dword'),
    f('cChangeID', 'dword'),
    f('dwLastError', 'dword'),
    f('Status', 'dword'),
    f('cEnumerateNetworkPrinters', 'dword'),
    f('cAddNetPrinters', 'dword'),
    f('wProcessorArchitecture', 'word'),
    f('wProcessorLevel', 'word'),
    f('cRefIC', 'dword'),
    f('dwReserved2', 'dword'),
    f('dwReserved3', 'dword'),
  ]),
  1: layout('_PRINTER_INFO_1', [
    f('Flags', 'dword'),
    f('pDescription', 'string'),
    f('pName', 'string'),
    f('pComment', 'string'),
  ]),
  2: layout('_PRINTER_INFO_2', [
    f('pServerName', 'string'),
    f('pPrinterName', 'string'),
    f('pShareName', 'string'),
    f('pPortName', 'string'),
    f('pDriverName', 'string'),
    f('pComment', 'string'),
    f('pLocation', 'string'),
    f('pDevMode', 'devMode'),
    f('pSepFile', 'string'),
    f('pPrintProcessor', 'string'),
    f('pDatatype', 'string'),
    f('pParameters', 'string'),
    f('pSecurityDescriptor', 'securityDescriptor'),
    f('Attributes', 'dword'),
    f('Priority', 'dword'),
    f('DefaultPriority', 'dword'),
    f('StartTime', 'dword'),
    f('UntilTime', 'dword'),
    f('Status', 'dword'),
    f('cJobs', 'dword'),
    f('AveragePPM', 'dword'),
  ]),
  3: layout('_PRINTER_INFO_3', [f('pSecurityDescriptor', 'securityDescriptor')]),
  4: layout('_PRINTER_INFO_4', [f('pPrinterName', 'string'), f('pServerName', 'string'), f('Attributes', 'dword')]),
  5: layout('_PRINTER_INFO_5', [
    f('pPrinterName', 'string'),
    f('pPortName', 'string'),
    f('Attributes', 'dword'),
    f('DeviceNotSelectedTimeout', 'dword'),
    f('TransmissionRetryTimeout', 'dword'),
  ]),
  6: layout('_PRINTER_INFO_6', [f('dwStatus', 'dword')]),
  7: layout('_PRINTER_INFO_7', [f('pszObjectGUID', 'string'), f('dwAction', 'dword')]),
  8: layout('_PRINTER_INFO_8', [f('pDevMode', 'devMode')]),
  9: layout('_PRINTER_INFO_9', [f('pDevMode', 'devMode')]),
};

const DRIVER_2: readonly FlatField[] = [
  f('cVersion', 'dword'),
  f('pName', 'string'),
  f('pEnvironment', 'string'),
  f('pDriverPath', 'string'),
  f('pDataFile', 'string'),
  f('pConfigFile', 'string'),
];
const DRIVER_3: readonly FlatField[] = [
  ...DRIVER_2,
  f('pHelpFile', 'string'),
  f('pDependentFiles', 'multiSz'),
  f('pMonitorName', 'string'),
  f('pDefaultDataType', 'string'),
];
const DRIVER_4: readonly FlatField[] = [...DRIVER_3, f('pszzPreviousNames', 'multiSz')];
const DRIVER_6: readonly FlatField[] = [
  ...DRIVER_4,
  f('ftDriverDate', 'filetime'),
  f('dwlDriverVersion', 'qword'),
  f('pszMfgName', 'string'),
  f('pszOEMUrl', 'string'),
  f('pszHardwareID', 'string'),
  f('pszProvider', 'string'),
];

export const DRIVER_INFO_LAYOUTS: Readonly<Record<number, FlatLayout>> = {
  1: layout('_DRIVER_INFO_1', [f('pName', 'string')]),
  2: layout('_DRIVER_INFO_2', DRIVER_2),
  3: layout('_DRIVER_INFO_3', DRIVER_3),
  4: layout('_DRIVER_INFO_4', DRIVER_4),
  5: layout('_DRIVER_INFO_5', [
    ...DRIVER_2,
    f('dwDriverAttributes', 'dword'),
    f('dwConfigVersion', 'dword'),
    f('dwDriverVersion', 'dword'),
  ]),
  6: layout('_DRIVER_INFO_6', DRIVER_6),
  8: layout('_DRIVER_INFO_8', [
    ...DRIVER_6,
    f('pszPrintProcessor', 'string'),
    f('pszVendorSetup', 'string'),
    f('pszzColorProfiles', 'multiSz'),
    f('pszInfPath', 'string'),
    f('dwPrinterDriverAttributes', 'dword'),
    f('pszzCoreDriverDependencies', 'multiSz'),
    f('ftMinInboxDriverVerDate', 'filetime'),
    f('dwlMinInboxDriverVerVersion', 'qword'),
  ]),
};

const JOB_2: readonly FlatField[] = [
  f('JobId', 'dword'),
  f('pPrinterName', 'string'),
  f('pMachineName', 'string'),
  f('pUserName', 'string'),
  f('pDocument', 'string'),
  f('pNotifyName', 'string'),
  f('pDatatype', 'string'),
  f('pPrintProcessor', 'string'),
  f('pParameters', 'string'),
  f('pDriverName', 'string'),
  f('pDevMode', 'devMode'),
  f('pStatus', 'string'),
  f('pSecurityDescriptor', 'securityDescriptor'),
  f('Status', 'dword'),
  f('Priority', 'dword'),
  f('Position', 'dword'),
  f('StartTime', 'dword'),
  f('UntilTime', 'dword'),
  f('TotalPages', 'dword'),
  f('Size', 'dword'),
  f('Submitted', 'systemTime'),
  f('Time', 'dword'),
  f('PagesPrinted', 'dword'),
];

export const JOB_INFO_LAYOUTS: Readonly<Record<number, FlatLayout>> = {
  1: layout('_JOB_INFO_1', [
    f('JobId', 'dword'),
    f('pPrinterName', 'string'),
    f('pMachineName', 'string'),
    f('pUserName', 'string'),
    f('pDocument', 'string'),
    f('pDatatype', 'string'),
    f('pStatus', 'string'),
    f('Status', 'dword'),
    f('Priority', 'dword'),
    f('Position', 'dword'),
    f('TotalPages', 'dword'),
    f('PagesPrinted', 'dword'),
    f('Submitted', 'systemTime'),
  ]),
  2: layout('_JOB_INFO_2', JOB_2),
  3: layout('_JOB_INFO_3', [f('JobId', 'dword'), f('NextJobId', 'dword'), f('Reserved', 'dword')]),
  4: layout('_JOB_INFO_4', [...JOB_2, f('SizeHigh', 'dword')]),
};

export const FORM_INFO_1_LAYOUT = layout('_FORM_INFO_1', [
  f('Flags', 'dword'),
  f('pName', 'string'),
  f('cx', 'dword'),
  f('cy', 'dword'),
  f('left', 'dword'),
  f('top', 'dword'),
  f('right', 'dword'),
  f('bottom', 'dword'),
]);

export const PORT_INFO_LAYOUTS: Readonly<Record<number, FlatLayout>> = {
  1: layout('_PORT_INFO_1', [f('pName', 'string')]),
  2: layout('_PORT_INFO_2', [
    f('pPortName', 'string'),
    f('pMonitorName', 'string'),
    f('pDescription', 'string'),
    f('fPortType', 'dword'),
    f('Reserved', 'dword'),
  ]),
};

export const MONITOR_INFO_LAYOUTS: Readonly<Record<number, FlatLayout>> = {
  1: layout('_MONITOR_INFO_1', [f('pName', 'string')]),
  2: layout('_MONITOR_INFO_2', [f('pName', 'string'), f('pEnvironment', 'string'), f('pDLLName', 'string')]),
};

export const PRINTPROCESSOR_INFO_1_LAYOUT = layout('_PRINTPROCESSOR_INFO_1', [f('pName', 'string')]);

// ---- domain -> records ----------------------------------------------------------------------

/** `\\SERVER` from whatever form the provider gives. */
export function serverUnc(serverName: string): string {
  if (serverName === '') return '';
  return serverName.startsWith('\\\\') ? serverName : `\\\\${serverName}`;
}

/** `\\SERVER\printer` for a remote caller; the bare name when there is no server part. */
export function qualifiedPrinterName(serverName: string, printerName: string): string {
  if (printerName.startsWith('\\\\') || serverName === '') return printerName;
  return `${serverUnc(serverName)}\\${printerName}`;
}

/** GetVersion()-style dword of the emulated server: build << 16 | minor << 8 | major (Windows Server 2019). */
const SERVER_GET_VERSION = (17763 << 16) | (0 << 8) | 10;
const PROCESSOR_AMD_X8664 = 8664;
const PROCESSOR_ARCHITECTURE_AMD64 = 9;

export function printerInfoRecord(level: number, p: PrinterInfo): FlatRecord {
  const name = qualifiedPrinterName(p.serverName, p.printerName);
  const server = serverUnc(p.serverName);
  switch (level) {
    case 0:
      return {
        pPrinterName: name,
        pServerName: server || undefined,
        cJobs: p.jobCount,
        cTotalJobs: p.totalJobs,
        cTotalBytes: p.totalBytes >>> 0,
        stUpTime: dateToSystemTime(new Date(0)),
        MaxcRef: 0,
        cTotalPagesPrinted: p.totalPages,
        dwGetVersion: SERVER_GET_VERSION,
        fFreeBuild: 1,
        cSpooling: 0,
        cMaxSpooling: 0,
        cRef: 0,
        cErrorOutOfPaper: 0,
        cErrorNotReady: 0,
        cJobError: 0,
        dwNumberOfProcessors: 1,
        dwProcessorType: PROCESSOR_AMD_X8664,
        dwHighPartTotalBytes: Math.floor(p.totalBytes / 0x100000000),
        cChangeID: p.changeId,
        dwLastError: 0,
        Status: p.status,
        cEnumerateNetworkPrinters: 0,
        cAddNetPrinters: 0,
        wProcessorArchitecture: PROCESSOR_ARCHITECTURE_AMD64,
        wProcessorLevel: 6,
        cRefIC: 0,
        dwReserved2: 0,
        dwReserved3: 0,
      };
    case 1:
      return { Flags: p.flags, pDescription: p.description, pName: name, pComment: p.comment };
    case 2:
      return {
        pServerName: server || undefined,
        pPrinterName: name,
        pShareName: p.shareName,
        pPortName: p.portNames.join(','),
        pDriverName: p.driverName,
        pComment: p.comment,
        pLocation: p.location,
        pDevMode: p.devMode,
        pSepFile: p.sepFile,
        pPrintProcessor: p.printProcessor,
        pDatatype: p.datatype,
        pParameters: p.parameters,
        pSecurityDescriptor: p.securityDescriptor,
        Attributes: p.attributes,
        Priority: p.priority,
        DefaultPriority: p.defaultPriority,
        StartTime: p.startTime,
        UntilTime: p.untilTime,
        Status: p.status,
        cJobs: p.jobCount,
        AveragePPM: p.averagePpm,
      };
    case 3:
      return { pSecurityDescriptor: p.securityDescriptor };
    case 4:
      return { pPrinterName: name, pServerName: server || undefined, Attributes: p.attributes };
    case 5:
      // Timeouts in milliseconds: Windows' defaults for a local port.
      return {
        pPrinterName: name,
        pPortName: p.portNames.join(','),
        Attributes: p.attributes,
        DeviceNotSelectedTimeout: 15000,
        TransmissionRetryTimeout: 45000,
      };
    case 6:
      return { dwStatus: p.status };
    case 7:
      return { pszObjectGUID: p.objectGuid === '' ? undefined : p.objectGuid, dwAction: p.dsAction };
    case 8:
    case 9:
      return { pDevMode: p.devMode };
    default:
      throw new RangeError(`no PRINTER_INFO_${level}`);
  }
}

export function driverInfoRecord(d: DriverInfo): FlatRecord {
  return {
    cVersion: d.version,
    pName: d.name,
    pEnvironment: d.environment,
    pDriverPath: d.driverPath,
    pDataFile: d.dataFile,
    pConfigFile: d.configFile,
    pHelpFile: d.helpFile,
    pDependentFiles: d.dependentFiles,
    pMonitorName: d.monitorName,
    pDefaultDataType: d.defaultDataType,
    pszzPreviousNames: d.previousNames,
    dwDriverAttributes: 0,
    dwConfigVersion: 0,
    dwDriverVersion: 0,
    ftDriverDate: dateToFiletime(d.driverDate),
    dwlDriverVersion: d.driverVersion,
    pszMfgName: d.mfgName,
    pszOEMUrl: d.oemUrl,
    pszHardwareID: d.hardwareId,
    pszProvider: d.provider,
    pszPrintProcessor: d.printProcessor,
    pszVendorSetup: d.vendorSetup,
    pszzColorProfiles: d.colorProfiles,
    pszInfPath: d.infPath,
    dwPrinterDriverAttributes: d.printerDriverAttributes,
    pszzCoreDriverDependencies: d.coreDriverDependencies,
    ftMinInboxDriverVerDate: dateToFiletime(d.minInboxDriverVerDate),
    dwlMinInboxDriverVerVersion: d.minInboxDriverVerVersion,
  };
}

export function jobInfoRecord(j: JobInfo, nextJobId = 0): FlatRecord {
  return {
    JobId: j.jobId,
    pPrinterName: j.printerName,
    pMachineName: j.machineName,
    pUserName: j.userName,
    pDocument: j.documentName,
    pNotifyName: j.notifyName,
    pDatatype: j.datatype,
    pPrintProcessor: j.printProcessor,
    pParameters: j.parameters,
    pDriverName: j.driverName,
    pDevMode: j.devMode,
    pStatus: j.statusText === '' ? undefined : j.statusText,
    pSecurityDescriptor: undefined,
    Status: j.status,
    Priority: j.priority,
    Position: j.position,
    StartTime: j.startTime,
    UntilTime: j.untilTime,
    TotalPages: j.totalPages,
    Size: j.size >>> 0,
    SizeHigh: Math.floor(j.size / 0x100000000),
    Submitted: dateToSystemTime(j.submitted),
    Time: j.time,
    PagesPrinted: j.pagesPrinted,
    NextJobId: nextJobId,
    Reserved: 0,
  };
}

export function formInfoRecord(form: FormInfo): FlatRecord {
  return {
    Flags: form.flags,
    pName: form.name,
    cx: form.width,
    cy: form.height,
    left: form.imageableArea.left,
    top: form.imageableArea.top,
    right: form.imageableArea.right,
    bottom: form.imageableArea.bottom,
  };
}

export function portInfoRecord(p: PortInfo): FlatRecord {
  return {
    pName: p.portName,
    pPortName: p.portName,
    pMonitorName: p.monitorName,
    pDescription: p.description,
    fPortType: p.portType,
    Reserved: 0,
  };
}

export function monitorInfoRecord(m: MonitorInfo): FlatRecord {
  return { pName: m.name, pEnvironment: m.environment, pDLLName: m.dllName };
}

export function printProcessorInfoRecord(p: PrintProcessorInfo): FlatRecord {
  return { pName: p.name };
}
