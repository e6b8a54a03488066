/**
 * The custom-marshaled INFO structures of [MS-RPRN] 2.2.2 as field lists (fixed portion order on
 * the wire). The server fills them from the spooler's domain objects (info-records-from-domain.ts);
 * the client reads them back (client/info-records.ts).
 *
 *   _PRINTER_INFO_STRESS (level 0) 2.2.2.9.1 .. _PRINTER_INFO_9 2.2.2.9.10
 *   _DRIVER_INFO_1 .. _DRIVER_INFO_8     2.2.2.4.1 .. 2.2.2.4.8
 *   _JOB_INFO_1 .. _JOB_INFO_4           2.2.2.5.x
 *   _FORM_INFO_1 2.2.2.3.1, _PORT_INFO_1/2 2.2.2.8.x, _MONITOR_INFO_1/2 2.2.2.7.x,
 *   _PRINTPROCESSOR_INFO_1 2.2.2.12, _DATATYPES_INFO_1 2.2.2.2
 */
import type { FlatField, FlatFieldKind, FlatLayout } from './flat-buffer';

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

/** _FORM_INFO_2 2.2.2.5.2: FORM_INFO_1's fields, then the keyword and the display name's source. */
export const FORM_INFO_2_LAYOUT = layout('_FORM_INFO_2', [
  ...FORM_INFO_1_LAYOUT.fields,
  f('pKeyword', 'ansiString'),
  f('StringType', 'dword'),
  f('pMuiDll', 'string'),
  f('dwResourceId', 'dword'),
  f('pDisplayName', 'string'),
  f('wLangId', 'word'),
]);

export const FORM_INFO_LAYOUTS: Readonly<Record<number, FlatLayout>> = { 1: FORM_INFO_1_LAYOUT, 2: FORM_INFO_2_LAYOUT };

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
export const DATATYPES_INFO_1_LAYOUT = layout('_DATATYPES_INFO_1', [f('pName', 'string')]);
