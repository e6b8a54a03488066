/**
 * The INFO records the server fills from the spooler's domain objects ([MS-RPRN] 2.2.2), field
 * names as in info-layouts.ts. A record may carry more fields than the level asked for: the
 * level's layout picks those on the wire. Names get the server part a remote caller used
 * (`\\SERVER\printer`).
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
import type { FlatRecord } from './flat-buffer';

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

/** GetVersion()-style dword of the emulated server: build << 16 | minor << 8 | major (Windows Server 2022, as server-data.ts OSVersion says). */
const SERVER_GET_VERSION = (20348 << 16) | (0 << 8) | 10;
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

/**
 * FORM_INFO_1, or FORM_INFO_2 (the same, then the keyword and the display name's source).
 * DEVIATION: the display name is the form's name as STRING_NONE gives it; Windows' built-in
 * forms name localspl.dll's MUI resources instead (not modelled: no MUI files here).
 */
export function formInfoRecord(form: FormInfo): FlatRecord {
  return {
    ...formInfo1Record(form),
    pKeyword: form.name,
    StringType: STRING_NONE,
    pMuiDll: undefined,
    dwResourceId: 0,
    pDisplayName: undefined,
    wLangId: 0,
  };
}

/** FORM_INFO_2 StringType: STRING_NONE — [MS-RPRN] 2.2.1.6.2. */
const STRING_NONE = 0x00000001;

/** FORM_INFO_1's fields ([MS-RPRN] 2.2.1.6.1): also the client's AddForm container (admin-calls.ts). */
export function formInfo1Record(form: FormInfo): Readonly<Record<string, number | string>> {
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
