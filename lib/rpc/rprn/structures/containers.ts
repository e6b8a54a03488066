/**
 * MS-RPRN containers and the RPC_* structures inside them — [MS-RPRN] 2.2.1.2 (containers),
 * 2.2.1.3-2.2.1.5 (info structures), described once for the server's decoder and the client's
 * encoder.
 *
 * Every container is a structure with a u32 Level and a non-encapsulated union switched on it:
 *   u32 Level | u32 union tag (= Level) | referent id -> the RPC_*_INFO_n structure (deferred)
 * DEVMODE_CONTAINER / SECURITY_CONTAINER: u32 cbBuf | referent id -> [size_is(cbBuf)] BYTE[]
 */
import { MalformedPacketError } from '../../../common/errors';
import type { NdrParam } from '../../ndr/ndr-params';
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrWriter } from '../../ndr/ndr-writer';
import type { NdrField, NdrFieldKind, NdrRecord, NdrStruct } from '../../ndr/ndr-struct';
import { decodeNdrStruct, encodeNdrStruct } from '../../ndr/ndr-struct';

const f = (name: string, kind: NdrFieldKind): NdrField => ({ name, kind });

// ---- byte containers -------------------------------------------------------------------------

/** DEVMODE_CONTAINER 2.2.1.2.1 and SECURITY_CONTAINER 2.2.1.2.13 share one shape. */
export function decodeByteContainer(r: NdrReader, field: string): Buffer | undefined {
  const cb = r.u32(`${field}.cbBuf`);
  let data: Buffer | undefined;
  r.pointer(
    () => {
      data = r.conformantBytes(field);
      if (data.length !== cb)
        throw new MalformedPacketError(`${field}: max_count ${data.length} differs from cbBuf ${cb}`, { field });
    },
    true,
    field,
  );
  r.flushDeferred();
  return data;
}

export function encodeByteContainer(w: NdrWriter, data: Buffer | undefined): void {
  w.u32(data?.length ?? 0);
  w.pointer(data, (b) => w.conformantBytes(b), true);
  w.flushDeferred();
}

/** A DEVMODE_CONTAINER or SECURITY_CONTAINER parameter: its bytes, undefined for a NULL pointer. */
export function byteContainer(field: string): NdrParam<Buffer | undefined> {
  return { read: (r) => decodeByteContainer(r, field), write: (w, v) => encodeByteContainer(w, v) };
}

// ---- RPC structures -------------------------------------------------------------------------

export const SPLCLIENT_INFO_1: NdrStruct = {
  name: 'SPLCLIENT_INFO_1',
  fields: [
    f('dwSize', 'u32'),
    f('pMachineName', 'string'),
    f('pUserName', 'string'),
    f('dwBuildNum', 'u32'),
    f('dwMajorVersion', 'u32'),
    f('dwMinorVersion', 'u32'),
    f('wProcessorArchitecture', 'u16'),
  ],
};
export const SPLCLIENT_INFO_2: NdrStruct = { name: 'SPLCLIENT_INFO_2', fields: [f('notUsed', 'u64')] };
export const SPLCLIENT_INFO_3: NdrStruct = {
  name: 'SPLCLIENT_INFO_3',
  fields: [
    f('cbSize', 'u32'),
    f('dwFlags', 'u32'),
    f('dwSize', 'u32'),
    f('pMachineName', 'string'),
    f('pUserName', 'string'),
    f('dwBuildNum', 'u32'),
    f('dwMajorVersion', 'u32'),
    f('dwMinorVersion', 'u32'),
    f('wProcessorArchitecture', 'u16'),
    f('hSplPrinter', 'u64'),
  ],
};

export const DOC_INFO_1: NdrStruct = {
  name: 'DOC_INFO_1',
  fields: [f('pDocName', 'string'), f('pOutputFile', 'string'), f('pDatatype', 'string')],
};

const RPC_DRIVER_2: readonly NdrField[] = [
  f('cVersion', 'u32'),
  f('pName', 'string'),
  f('pEnvironment', 'string'),
  f('pDriverPath', 'string'),
  f('pDataFile', 'string'),
  f('pConfigFile', 'string'),
];
const RPC_DRIVER_3: readonly NdrField[] = [
  ...RPC_DRIVER_2,
  f('pHelpFile', 'string'),
  f('pMonitorName', 'string'),
  f('pDefaultDataType', 'string'),
  f('pDependentFiles', 'countedMultiSz'),
];
const RPC_DRIVER_4: readonly NdrField[] = [...RPC_DRIVER_3, f('pszzPreviousNames', 'countedMultiSz')];
const RPC_DRIVER_6: readonly NdrField[] = [
  ...RPC_DRIVER_4,
  f('ftDriverDate', 'filetime'),
  f('dwlDriverVersion', 'u64'),
  f('pMfgName', 'string'),
  f('pOEMUrl', 'string'),
  f('pHardwareID', 'string'),
  f('pProvider', 'string'),
];
/** RPC_DRIVER_INFO_n 2.2.1.5.x (DRIVER_CONTAINER's union arms). */
export const RPC_DRIVER_INFO: Readonly<Record<number, NdrStruct>> = {
  1: { name: 'DRIVER_INFO_1', fields: [f('pName', 'string')] },
  2: { name: 'DRIVER_INFO_2', fields: RPC_DRIVER_2 },
  3: { name: 'RPC_DRIVER_INFO_3', fields: RPC_DRIVER_3 },
  4: { name: 'RPC_DRIVER_INFO_4', fields: RPC_DRIVER_4 },
  6: { name: 'RPC_DRIVER_INFO_6', fields: RPC_DRIVER_6 },
  8: {
    name: 'RPC_DRIVER_INFO_8',
    fields: [
      ...RPC_DRIVER_6,
      f('pPrintProcessor', 'string'),
      f('pVendorSetup', 'string'),
      f('pszzColorProfiles', 'countedMultiSz'),
      f('pInfPath', 'string'),
      f('dwPrinterDriverAttributes', 'u32'),
      f('pszzCoreDriverDependencies', 'countedMultiSz'),
      f('ftMinInboxDriverVerDate', 'filetime'),
      f('dwlMinInboxDriverVerVersion', 'u64'),
    ],
  },
};

const RPC_JOB_2: readonly NdrField[] = [
  f('JobId', 'u32'),
  f('pPrinterName', 'string'),
  f('pMachineName', 'string'),
  f('pUserName', 'string'),
  f('pDocument', 'string'),
  f('pNotifyName', 'string'),
  f('pDatatype', 'string'),
  f('pPrintProcessor', 'string'),
  f('pParameters', 'string'),
  f('pDriverName', 'string'),
  f('pDevMode', 'ulongPtr'),
  f('pStatus', 'string'),
  f('pSecurityDescriptor', 'ulongPtr'),
  f('Status', 'u32'),
  f('Priority', 'u32'),
  f('Position', 'u32'),
  f('StartTime', 'u32'),
  f('UntilTime', 'u32'),
  f('TotalPages', 'u32'),
  f('Size', 'u32'),
  f('Submitted', 'systemTime'),
  f('Time', 'u32'),
  f('PagesPrinted', 'u32'),
];
/** JOB_INFO_n as JOB_CONTAINER carries them (2.2.1.2.5). */
export const RPC_JOB_INFO: Readonly<Record<number, NdrStruct>> = {
  1: {
    name: 'JOB_INFO_1',
    fields: [
      f('JobId', 'u32'),
      f('pPrinterName', 'string'),
      f('pMachineName', 'string'),
      f('pUserName', 'string'),
      f('pDocument', 'string'),
      f('pDatatype', 'string'),
      f('pStatus', 'string'),
      f('Status', 'u32'),
      f('Priority', 'u32'),
      f('Position', 'u32'),
      f('TotalPages', 'u32'),
      f('PagesPrinted', 'u32'),
      f('Submitted', 'systemTime'),
    ],
  },
  2: { name: 'JOB_INFO_2', fields: RPC_JOB_2 },
  3: { name: 'JOB_INFO_3', fields: [f('JobId', 'u32'), f('NextJobId', 'u32'), f('Reserved', 'u32')] },
  4: { name: 'JOB_INFO_4', fields: [...RPC_JOB_2, f('SizeHigh', 'u32')] },
};

/** RPC_PRINTER_INFO_n as PRINTER_CONTAINER carries them (2.2.1.2.9). */
export const RPC_PRINTER_INFO: Readonly<Record<number, NdrStruct>> = {
  0: {
    name: 'PRINTER_INFO_STRESS',
    fields: [
      f('pPrinterName', 'string'),
      f('pServerName', 'string'),
      ...['cJobs', 'cTotalJobs', 'cTotalBytes'].map((n) => f(n, 'u32')),
      f('stUpTime', 'systemTime'),
      ...[
        'MaxcRef',
        'cTotalPagesPrinted',
        'dwGetVersion',
        'fFreeBuild',
        'cSpooling',
        'cMaxSpooling',
        'cRef',
        'cErrorOutOfPaper',
        'cErrorNotReady',
        'cJobError',
        'dwNumberOfProcessors',
        'dwProcessorType',
        'dwHighPartTotalBytes',
        'cChangeID',
        'dwLastError',
        'Status',
        'cEnumerateNetworkPrinters',
        'cAddNetPrinters',
      ].map((n) => f(n, 'u32')),
      f('wProcessorArchitecture', 'u16'),
      f('wProcessorLevel', 'u16'),
      ...['cRefIC', 'dwReserved2', 'dwReserved3'].map((n) => f(n, 'u32')),
    ],
  },
  1: {
    name: 'PRINTER_INFO_1',
    fields: [f('Flags', 'u32'), f('pDescription', 'string'), f('pName', 'string'), f('pComment', 'string')],
  },
  2: {
    name: 'PRINTER_INFO_2',
    fields: [
      f('pServerName', 'string'),
      f('pPrinterName', 'string'),
      f('pShareName', 'string'),
      f('pPortName', 'string'),
      f('pDriverName', 'string'),
      f('pComment', 'string'),
      f('pLocation', 'string'),
      f('pDevMode', 'ulongPtr'),
      f('pSepFile', 'string'),
      f('pPrintProcessor', 'string'),
      f('pDatatype', 'string'),
      f('pParameters', 'string'),
      f('pSecurityDescriptor', 'ulongPtr'),
      f('Attributes', 'u32'),
      f('Priority', 'u32'),
      f('DefaultPriority', 'u32'),
      f('StartTime', 'u32'),
      f('UntilTime', 'u32'),
      f('Status', 'u32'),
      f('cJobs', 'u32'),
      f('AveragePPM', 'u32'),
    ],
  },
  3: { name: 'PRINTER_INFO_3', fields: [f('pSecurityDescriptor', 'ulongPtr')] },
  4: {
    name: 'PRINTER_INFO_4',
    fields: [f('pPrinterName', 'string'), f('pServerName', 'string'), f('Attributes', 'u32')],
  },
  5: {
    name: 'PRINTER_INFO_5',
    fields: [
      f('pPrinterName', 'string'),
      f('pPortName', 'string'),
      f('Attributes', 'u32'),
      f('DeviceNotSelectedTimeout', 'u32'),
      f('TransmissionRetryTimeout', 'u32'),
    ],
  },
  6: { name: 'PRINTER_INFO_6', fields: [f('dwStatus', 'u32')] },
  7: { name: 'PRINTER_INFO_7', fields: [f('pszObjectGUID', 'string'), f('dwAction', 'u32')] },
  8: { name: 'PRINTER_INFO_8', fields: [f('pDevMode', 'ulongPtr')] },
  9: { name: 'PRINTER_INFO_9', fields: [f('pDevMode', 'ulongPtr')] },
};

const RPC_FORM_1: readonly NdrField[] = [
  f('Flags', 'u32'),
  f('pName', 'string'),
  f('cx', 'u32'),
  f('cy', 'u32'),
  f('left', 'u32'),
  f('top', 'u32'),
  f('right', 'u32'),
  f('bottom', 'u32'),
];
/** FORM_INFO_1 and RPC_FORM_INFO_2 as FORM_CONTAINER carries them (2.2.1.2.10, 2.2.1.6.2). */
export const RPC_FORM_INFO: Readonly<Record<number, NdrStruct>> = {
  1: { name: 'FORM_INFO_1', fields: RPC_FORM_1 },
  2: {
    name: 'RPC_FORM_INFO_2',
    fields: [
      ...RPC_FORM_1,
      f('pKeyword', 'ansiString'),
      f('StringType', 'u32'),
      f('pMuiDll', 'string'),
      f('dwResourceId', 'u32'),
      f('pDisplayName', 'string'),
      f('wLangID', 'u16'),
    ],
  },
};

export const SPLCLIENT_INFO: Readonly<Record<number, NdrStruct>> = {
  1: SPLCLIENT_INFO_1,
  2: SPLCLIENT_INFO_2,
  3: SPLCLIENT_INFO_3,
};
export const DOC_INFO: Readonly<Record<number, NdrStruct>> = { 1: DOC_INFO_1 };

// ---- level containers ------------------------------------------------------------------------

export interface LevelContainer {
  readonly level: number;
  /** Undefined for a NULL arm (e.g. PRINTER_CONTAINER level 0 with a command). */
  readonly info?: NdrRecord;
}

/**
 * Reads `{ u32 Level; union switch(Level) { case n: STRUCT_n* } }`. A level without an arm in
 * `arms` is a malformed stub (the client would need the union's arm to marshal it).
 */
export function decodeLevelContainer(
  r: NdrReader,
  arms: Readonly<Record<number, NdrStruct>>,
  field: string,
  allowNullLevels: readonly number[] = [],
): LevelContainer {
  const level = r.u32(`${field}.Level`);
  r.unionTag(level, field);
  const arm = arms[level];
  if (arm === undefined && !allowNullLevels.includes(level)) {
    throw new MalformedPacketError(`${field}: no union arm for level ${level}`, { field });
  }
  let info: NdrRecord | undefined;
  r.pointer(
    () => {
      if (arm === undefined) throw new MalformedPacketError(`${field}: level ${level} must be NULL`, { field });
      info = decodeNdrStruct(r, arm);
    },
    true,
    field,
  );
  r.flushDeferred();
  return { level, ...(info !== undefined && { info }) };
}

export function encodeLevelContainer(
  w: NdrWriter,
  arms: Readonly<Record<number, NdrStruct>>,
  container: LevelContainer,
): void {
  w.u32(container.level).u32(container.level);
  const arm = arms[container.level];
  w.pointer(
    arm === undefined ? undefined : container.info,
    (info) => {
      if (arm !== undefined) encodeNdrStruct(w, arm, info);
    },
    true,
  );
  w.flushDeferred();
}

/** A level container parameter (PRINTER_CONTAINER, DRIVER_CONTAINER, SPLCLIENT_CONTAINER, ...). */
export function levelContainer(
  arms: Readonly<Record<number, NdrStruct>>,
  field: string,
  allowNullLevels: readonly number[] = [],
): NdrParam<LevelContainer> {
  return {
    read: (r) => decodeLevelContainer(r, arms, field, allowNullLevels),
    write: (w, v) => encodeLevelContainer(w, arms, v),
  };
}
