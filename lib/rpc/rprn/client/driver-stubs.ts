/**
 * MS-RPRN client stubs for drivers — the mirror of get-printer-driver2.ts and
 * get-printer-driver-directory.ts in lib/rpc/rprn/operations/:
 *
 *   RpcGetPrinterDriver2 (53) 3.1.4.4.6
 *     in:  PRINTER_HANDLE; [string, unique] pEnvironment; DWORD Level; pDriver/cbBuf;
 *          DWORD dwClientMajorVersion; DWORD dwClientMinorVersion
 *     out: pDriver; DWORD pcbNeeded; DWORD pdwServerMaxVersion; DWORD pdwServerMinVersion; status
 *   RpcGetPrinterDriverDirectory (12) 3.1.4.4.4 (request: printer-stubs encodeServerEnvironmentEnum)
 *     out: pDriverDirectory (DRIVER_DIRECTORY_1: the path, UTF-16LE + NUL, at offset 0); pcbNeeded; status
 *   RpcEnumPrinterDrivers (10) 3.1.4.4.2 (same request)
 *     out: pDrivers; pcbNeeded; pcReturned; status
 *   RpcAddPrinterDriverEx (89) 3.1.4.4.8
 *     in:  [string, unique] pName; DRIVER_CONTAINER (Level, RPC_DRIVER_INFO_n); DWORD dwFileCopyFlags
 *     out: status
 */
import { BufferReader } from '../../../common/binary/buffer-reader';
import { NdrWriter } from '../../ndr/ndr-writer';
import type { NdrRecord } from '../../ndr/ndr-struct';
import { RPC_DRIVER_INFO, encodeLevelContainer } from '../structures/containers';
import type { RprnHandle } from './stub-common';
import { writeInBuffer } from './stub-common';

export function encodeGetPrinterDriver2(
  handle: RprnHandle,
  environment: string | undefined,
  level: number,
  clientMajor: number,
  clientMinor: number,
  buf?: Buffer,
): Buffer {
  const w = new NdrWriter().contextHandle(handle).uniqueString(environment).u32(level);
  writeInBuffer(w, buf);
  return w.u32(clientMajor).u32(clientMinor).finish();
}

/** DRIVER_DIRECTORY_1: the path at offset 0, up to its NUL. */
export function decodeDriverDirectory(buf: Buffer): string {
  return new BufferReader(buf).utf16z('DRIVER_DIRECTORY_1');
}

export function encodeAddPrinterDriverEx(
  serverName: string | undefined,
  level: number,
  info: NdrRecord,
  fileCopyFlags: number,
): Buffer {
  const w = new NdrWriter().uniqueString(serverName);
  encodeLevelContainer(w, RPC_DRIVER_INFO, { level, info });
  return w.u32(fileCopyFlags).finish();
}
