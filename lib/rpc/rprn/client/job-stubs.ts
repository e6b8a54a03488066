/**
 * MS-RPRN client stubs for jobs and printing:
 *
 *   RpcStartDocPrinter (17) 3.1.4.9.1
 *     in:  PRINTER_HANDLE; DOC_INFO_CONTAINER (Level 1, DOC_INFO_1 {pDocName, pOutputFile, pDatatype})
 *     out: DWORD pJobId; status
 *   RpcWritePrinter (19) 3.1.4.9.3
 *     in:  PRINTER_HANDLE; [size_is(cbBuf)] BYTE* pBuf (max_count, bytes); DWORD cbBuf
 *     out: DWORD pcWritten; status
 *   RpcStartPagePrinter (18), RpcEndPagePrinter (20), RpcAbortPrinter (21), RpcEndDocPrinter (23):
 *     in: PRINTER_HANDLE   out: status
 *   RpcEnumJobs (4) 3.1.4.3.3
 *     in:  PRINTER_HANDLE; DWORD FirstJob; DWORD NoJobs; DWORD Level; pJob/cbBuf
 *     out: pJob; pcbNeeded; pcReturned; status
 *   RpcGetJob (3) 3.1.4.3.2
 *     in:  PRINTER_HANDLE; DWORD JobId; DWORD Level; pJob/cbBuf   out: pJob; pcbNeeded; status
 *   RpcSetJob (2) 3.1.4.3.1
 *     in:  PRINTER_HANDLE; DWORD JobId; [unique] JOB_CONTAINER* (NULL: a command alone;
 *          else referent id, u32 Level 1, u32 tag, referent -> JOB_INFO_1); DWORD Command
 *     out: status
 */
import type { DocInfo } from '../../../spoolss/types';
import { NdrReader } from '../../ndr/ndr-reader';
import { NdrWriter } from '../../ndr/ndr-writer';
import type { NdrRecord } from '../../ndr/ndr-struct';
import { DOC_INFO, RPC_JOB_INFO, encodeLevelContainer } from '../structures/containers';
import type { RprnHandle } from './stub-common';
import { endOfStub, writeInBuffer } from './stub-common';

export function encodeStartDocPrinter(handle: RprnHandle, doc: DocInfo): Buffer {
  const w = new NdrWriter().contextHandle(handle);
  encodeLevelContainer(w, DOC_INFO, {
    level: 1,
    info: { pDocName: doc.documentName, pOutputFile: doc.outputFile, pDatatype: doc.datatype },
  });
  return w.finish();
}

/** StartDocPrinter's pJobId and WritePrinter's pcWritten: one DWORD then the status. */
export function decodeDwordResponse(stub: Buffer, field: string): { value: number; status: number } {
  const r = new NdrReader(stub);
  const value = r.u32(field);
  const status = r.u32('status');
  endOfStub(r);
  return { value, status };
}

export function encodeWritePrinter(handle: RprnHandle, data: Buffer): Buffer {
  return new NdrWriter().contextHandle(handle).conformantBytes(data).u32(data.length).finish();
}

export function encodeEnumJobs(
  handle: RprnHandle,
  firstJob: number,
  noJobs: number,
  level: number,
  buf?: Buffer,
): Buffer {
  const w = new NdrWriter().contextHandle(handle).u32(firstJob).u32(noJobs).u32(level);
  writeInBuffer(w, buf);
  return w.finish();
}

export function encodeGetJob(handle: RprnHandle, jobId: number, level: number, buf?: Buffer): Buffer {
  const w = new NdrWriter().contextHandle(handle).u32(jobId).u32(level);
  writeInBuffer(w, buf);
  return w.finish();
}

/**
 * Without `info`, a NULL JOB_CONTAINER: the command alone, as a client pausing or cancelling
 * a job sends it. With it, a JOB_CONTAINER level 1 carrying a JOB_INFO_1 (the fields the
 * server applies: Priority, Position, pDocument; the others as the client read them).
 */
export function encodeSetJob(handle: RprnHandle, jobId: number, command: number, info?: NdrRecord): Buffer {
  const w = new NdrWriter().contextHandle(handle).u32(jobId);
  w.pointer(info, (i) => encodeLevelContainer(w, RPC_JOB_INFO, { level: 1, info: i }), false);
  return w.u32(command).finish();
}
