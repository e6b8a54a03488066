/**
 * The parameter shapes MS-RPRN methods share — [MS-RPRN] 3.1.4.1:
 *
 *   PRINTER_HANDLE (2.2.1.1.4, 3.1.4.1.11): a context handle, 20 bytes (u32 attributes + uuid)
 *   INFO Structures Query Parameters (3.1.4.1.9), in the request:
 *     [in, out, unique, size_is(cbBuf)] BYTE* pBuf: referent id (0 = NULL), max_count, bytes
 *     [in] DWORD cbBuf
 *   and in the response:
 *     pBuf: referent id, max_count, bytes (pad to 4) | DWORD pcbNeeded | [DWORD pcReturned]
 *   the return value: a DWORD WERROR, last in every response
 */
import type { NdrParamsValue } from '../../ndr/ndr-params';
import { contextHandle, dword, uniqueBytes, uniqueSizedBytes } from '../../ndr/ndr-params';

/** A PRINTER_HANDLE as the wire carries it: 20 bytes (u32 attributes + 16-byte uuid). */
export type RprnHandle = Buffer;

export const printerHandle = (field = 'hPrinter'): ReturnType<typeof contextHandle> => contextHandle(field);

/** The request's `pBuf; cbBuf` pair of an INFO call (NULL with cbBuf 0 for the size probe). */
export const infoBuffer = (field: string): ReturnType<typeof uniqueSizedBytes> => uniqueSizedBytes(field, 'cbBuf');

/** The return value. */
export const status = (): ReturnType<typeof dword> => dword('status');

/** The response of an INFO call for one structure: pBuf, pcbNeeded, status. */
export function infoOut(field: string) {
  return { buffer: uniqueBytes(field), needed: dword('pcbNeeded'), status: status() };
}

/** The response of an INFO call for an array of structures: pBuf, pcbNeeded, pcReturned, status. */
export function infoArrayOut(field: string) {
  return { buffer: uniqueBytes(field), needed: dword('pcbNeeded'), returned: dword('pcReturned'), status: status() };
}

export type InfoResponse = NdrParamsValue<ReturnType<typeof infoOut>>;
export type InfoArrayResponse = NdrParamsValue<ReturnType<typeof infoArrayOut>>;
/** A response that is only the return value. */
export const statusOnly = (): { readonly status: ReturnType<typeof dword> } => ({ status: status() });
export type StatusResponse = { readonly status: number };
