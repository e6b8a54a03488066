/**
 * RPC_BranchOfficeJobDataContainer and RPC_BranchOfficeJobData — [MS-RPRN] 2.2.1.2.17, 2.2.1.15.1-7:
 * Branch Office Print Remote Log Entries, one per Windows event a client logs on the server.
 *
 *   container (a conformant structure, [ref] at top level):
 *     u32 max_count | align 8 | u32 cJobDataEntries (= max_count) | RPC_BranchOfficeJobData[n]
 *   RPC_BranchOfficeJobData (8-aligned):
 *     u16 eEventType (EBranchOfficeJobEventType, a plain enum: 2 bytes) | u32 JobId
 *     | u16 union tag (= eEventType)
 *     | align 8 | the arm, its strings deferred after the whole array:
 *       1 kLogJobPrinted        DWORD Status, 5 x [string] wchar_t*, LONGLONG Size, DWORD TotalPages
 *       2 kLogJobRendered       LONGLONG Size, DWORD ICMMethod, 5 x short
 *       3 kLogJobError          DWORD LastError, 4 x wchar_t*, 2 x LONGLONG, 2 x DWORD, 3 x wchar_t*
 *       4 kLogJobPipelineError  3 x wchar_t*
 *       5 kLogOfflineFileFull   wchar_t* pMachineName
 */
import { MalformedPacketError } from '../../../common/errors';
import type { BranchOfficeJobData } from '../../../spoolss/spooler-extras';
import type { NdrParam } from '../../ndr/ndr-params';
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrWriter } from '../../ndr/ndr-writer';
import type { NdrField, NdrFieldKind, NdrRecord, NdrStruct } from '../../ndr/ndr-struct';
import { decodeNdrStruct, encodeNdrStruct } from '../../ndr/ndr-struct';
import { recordFields } from '../../ndr/record-fields';
import { enumUnionTag } from './print-property-value';

/** EBranchOfficeJobEventType — [MS-RPRN] 2.2.1.15.1. */
export const EBranchOfficeJobEventType = {
  kInvalidJobState: 0,
  kLogJobPrinted: 1,
  kLogJobRendered: 2,
  kLogJobError: 3,
  kLogJobPipelineError: 4,
  kLogOfflineFileFull: 5,
} as const;

const f = (name: string, kind: NdrFieldKind): NdrField => ({ name, kind });
const strings = (...names: string[]): NdrField[] => names.map((n) => f(n, 'string'));

const ARMS: Readonly<Record<number, NdrStruct>> = {
  1: {
    name: 'RPC_BranchOfficeJobDataPrinted',
    fields: [
      f('Status', 'u32'),
      ...strings('pDocumentName', 'pUserName', 'pMachineName', 'pPrinterName', 'pPortName'),
      f('Size', 'u64'),
      f('TotalPages', 'u32'),
    ],
  },
  2: {
    name: 'RPC_BranchOfficeJobDataRendered',
    fields: [
      f('Size', 'u64'),
      f('ICMMethod', 'u32'),
      ...['Color', 'PrintQuality', 'YResolution', 'Copies', 'TTOption'].map((n) => f(n, 'u16')),
    ],
  },
  3: {
    name: 'RPC_BranchOfficeJobDataError',
    fields: [
      f('LastError', 'u32'),
      ...strings('pDocumentName', 'pUserName', 'pPrinterName', 'pDataType'),
      f('TotalSize', 'u64'),
      f('PrintedSize', 'u64'),
      f('TotalPages', 'u32'),
      f('PrintedPages', 'u32'),
      ...strings('pMachineName', 'pJobError', 'pErrorDescription'),
    ],
  },
  4: {
    name: 'RPC_BranchOfficeJobDataPipelineFailed',
    fields: strings('pDocumentName', 'pPrinterName', 'pExtraErrorInfo'),
  },
  5: { name: 'RPC_BranchOfficeLogOfflineFileFull', fields: strings('pMachineName') },
};

/** The smallest element: eEventType, JobId, the tag and a pointer. */
const MIN_ENTRY_SIZE = 16;

const signed16 = (n: number): number => (n << 16) >> 16;

function toEntry(type: number, jobId: number, rec: NdrRecord): BranchOfficeJobData {
  const v = recordFields(rec);
  switch (type) {
    case EBranchOfficeJobEventType.kLogJobPrinted:
      return {
        event: 'printed',
        jobId,
        status: v.number('Status'),
        documentName: v.string('pDocumentName'),
        userName: v.string('pUserName'),
        machineName: v.string('pMachineName'),
        printerName: v.string('pPrinterName'),
        portName: v.string('pPortName'),
        size: v.bigint('Size'),
        totalPages: v.number('TotalPages'),
      };
    case EBranchOfficeJobEventType.kLogJobRendered:
      return {
        event: 'rendered',
        jobId,
        size: v.bigint('Size'),
        icmMethod: v.number('ICMMethod'),
        color: signed16(v.number('Color')),
        printQuality: signed16(v.number('PrintQuality')),
        yResolution: signed16(v.number('YResolution')),
        copies: signed16(v.number('Copies')),
        ttOption: signed16(v.number('TTOption')),
      };
    case EBranchOfficeJobEventType.kLogJobError:
      return {
        event: 'error',
        jobId,
        lastError: v.number('LastError'),
        documentName: v.string('pDocumentName'),
        userName: v.string('pUserName'),
        printerName: v.string('pPrinterName'),
        dataType: v.string('pDataType'),
        totalSize: v.bigint('TotalSize'),
        printedSize: v.bigint('PrintedSize'),
        totalPages: v.number('TotalPages'),
        printedPages: v.number('PrintedPages'),
        machineName: v.string('pMachineName'),
        jobError: v.string('pJobError'),
        errorDescription: v.string('pErrorDescription'),
      };
    case EBranchOfficeJobEventType.kLogJobPipelineError:
      return {
        event: 'pipelineError',
        jobId,
        documentName: v.string('pDocumentName'),
        printerName: v.string('pPrinterName'),
        extraErrorInfo: v.string('pExtraErrorInfo'),
      };
    default:
      return { event: 'offlineFileFull', jobId, machineName: v.string('pMachineName') };
  }
}

const EVENT_TYPE: Readonly<Record<BranchOfficeJobData['event'], number>> = {
  printed: EBranchOfficeJobEventType.kLogJobPrinted,
  rendered: EBranchOfficeJobEventType.kLogJobRendered,
  error: EBranchOfficeJobEventType.kLogJobError,
  pipelineError: EBranchOfficeJobEventType.kLogJobPipelineError,
  offlineFileFull: EBranchOfficeJobEventType.kLogOfflineFileFull,
};

function toRecord(e: BranchOfficeJobData): NdrRecord {
  switch (e.event) {
    case 'printed':
      return {
        Status: e.status,
        pDocumentName: e.documentName,
        pUserName: e.userName,
        pMachineName: e.machineName,
        pPrinterName: e.printerName,
        pPortName: e.portName,
        Size: e.size,
        TotalPages: e.totalPages,
      };
    case 'rendered':
      return {
        Size: e.size,
        ICMMethod: e.icmMethod,
        Color: e.color & 0xffff,
        PrintQuality: e.printQuality & 0xffff,
        YResolution: e.yResolution & 0xffff,
        Copies: e.copies & 0xffff,
        TTOption: e.ttOption & 0xffff,
      };
    case 'error':
      return {
        LastError: e.lastError,
        pDocumentName: e.documentName,
        pUserName: e.userName,
        pPrinterName: e.printerName,
        pDataType: e.dataType,
        TotalSize: e.totalSize,
        PrintedSize: e.printedSize,
        TotalPages: e.totalPages,
        PrintedPages: e.printedPages,
        pMachineName: e.machineName,
        pJobError: e.jobError,
        pErrorDescription: e.errorDescription,
      };
    case 'pipelineError':
      return { pDocumentName: e.documentName, pPrinterName: e.printerName, pExtraErrorInfo: e.extraErrorInfo };
    case 'offlineFileFull':
      return { pMachineName: e.machineName };
  }
}

function decodeContainer(r: NdrReader, field: string): BranchOfficeJobData[] {
  const n = r.maxCount(MIN_ENTRY_SIZE, field);
  r.align(8);
  const count = r.u32(`${field}.cJobDataEntries`);
  if (count !== n)
    throw new MalformedPacketError(`${field}: max_count ${n} differs from cJobDataEntries ${count}`, { field });
  const arms: { type: number; jobId: number; rec: NdrRecord }[] = [];
  for (let i = 0; i < n; i++) {
    const at = `${field}.JobData[${i}]`;
    r.align(8);
    const type = r.u16(`${at}.eEventType`);
    const jobId = r.u32(`${at}.JobId`);
    enumUnionTag(r, type, at);
    const arm = ARMS[type];
    if (arm === undefined) throw new MalformedPacketError(`${at}: no union arm for eEventType ${type}`, { field: at });
    r.align(8);
    arms.push({ type, jobId, rec: decodeNdrStruct(r, arm) });
  }
  r.flushDeferred();
  return arms.map((a) => toEntry(a.type, a.jobId, a.rec));
}

function encodeContainer(w: NdrWriter, entries: readonly BranchOfficeJobData[]): void {
  w.u32(entries.length).align(8).u32(entries.length);
  for (const e of entries) {
    const type = EVENT_TYPE[e.event];
    w.align(8).u16(type).u32(e.jobId).u16(type).align(8);
    const arm = ARMS[type];
    if (arm !== undefined) encodeNdrStruct(w, arm, toRecord(e));
  }
  w.flushDeferred();
}

/** `[in, ref] RPC_BranchOfficeJobDataContainer*`. */
export function branchOfficeJobDataContainer(field: string): NdrParam<BranchOfficeJobData[]> {
  return { read: (r) => decodeContainer(r, field), write: (w, v) => encodeContainer(w, v) };
}
