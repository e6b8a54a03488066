/**
 * What the MS-RPRN client stubs share: the PRINTER_HANDLE type, the request prologue, and the
 * two response shapes of [MS-RPRN] 3.1.4 that carry a caller-sized buffer:
 *
 *   INFO calls (EnumPrinters, GetPrinter, GetPrinterDriver2, EnumJobs, ...):
 *     [in, out, unique, size_is(cbBuf)] BYTE* pBuf -> referent id (0 = NULL), max_count, bytes;
 *     DWORD pcbNeeded; [DWORD pcReturned]; [more DWORDs]; DWORD status
 *   data calls (EnumPrinterKey, EnumPrinterDataEx, GetPrinterDataEx):
 *     [out, size_is(n)] BYTE* -> max_count, bytes (no referent: a top-level ref pointer), pad to 4
 *
 * The mirror of lib/rpc/rprn/rprn-call.ts (readInBuffer / writeInfoOut / writeOutArray): the same
 * NdrReader/NdrWriter primitives, read in the other direction.
 */
import { MalformedPacketError } from '../../../common/errors';
import { NdrReader } from '../../ndr/ndr-reader';
import { NdrWriter } from '../../ndr/ndr-writer';

/** A PRINTER_HANDLE as the wire carries it: 20 bytes (u32 attributes + 16-byte uuid). */
export type RprnHandle = Buffer;

export interface InfoResponse {
  /** The buffer the server returned (undefined when it sent NULL). */
  readonly buffer: Buffer | undefined;
  readonly needed: number;
  /** pcReturned, for the calls that have it (0 otherwise). */
  readonly returned: number;
  /** The DWORDs between pcReturned and the status (GetPrinterDriver2's server versions). */
  readonly extra: readonly number[];
  readonly status: number;
}

export interface InfoResponseShape {
  readonly withReturned: boolean;
  readonly extraDwords?: number;
}

/** Writes `[in, out, unique, size_is(cbBuf)] BYTE* p; DWORD cbBuf` (NULL with cbBuf 0 for a probe). */
export function writeInBuffer(w: NdrWriter, buffer: Buffer | undefined): void {
  w.uniqueConformantBytes(buffer);
  w.u32(buffer?.length ?? 0);
}

export function decodeInfoResponse(stub: Buffer, shape: InfoResponseShape, field: string): InfoResponse {
  const r = new NdrReader(stub);
  const buffer = r.uniqueConformantBytes(field);
  const needed = r.u32('pcbNeeded');
  const returned = shape.withReturned ? r.u32('pcReturned') : 0;
  const extra: number[] = [];
  for (let i = 0; i < (shape.extraDwords ?? 0); i++) extra.push(r.u32(`${field}.out[${i}]`));
  const status = r.u32('status');
  endOfStub(r);
  return { buffer, needed, returned, extra, status };
}

/** A response that is only the WERROR. */
export function decodeStatusResponse(stub: Buffer): number {
  const r = new NdrReader(stub);
  const status = r.u32('status');
  endOfStub(r);
  return status;
}

/** A request whose only argument is the printer handle (StartPagePrinter, EndDocPrinter, ...). */
export function encodeHandleRequest(handle: RprnHandle): Buffer {
  return new NdrWriter().contextHandle(handle).finish();
}

/** Trailing bytes mean the two sides disagree on the layout: better to fail than to guess. */
export function endOfStub(r: NdrReader): void {
  if (r.remaining !== 0) {
    throw new MalformedPacketError(`${r.remaining} bytes after the status`, { offset: r.offset, field: 'stub' });
  }
}
