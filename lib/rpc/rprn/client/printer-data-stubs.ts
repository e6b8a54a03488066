/**
 * MS-RPRN client stubs for printer data keys — the mirror of enum-printer-key.ts,
 * enum-printer-data-ex.ts and get-printer-data-ex.ts in lib/rpc/rprn/operations/:
 *
 *   RpcEnumPrinterKey (80) 3.1.4.2.19
 *     in:  PRINTER_HANDLE; [string] pKeyName; DWORD cbSubkey
 *     out: [size_is(cbSubkey/2)] wchar_t* pSubkey (max_count in WCHARs, the units, pad to 4);
 *          DWORD pcbSubkey; DWORD status
 *   RpcEnumPrinterDataEx (79) 3.1.4.2.18
 *     in:  PRINTER_HANDLE; [string] pKeyName; DWORD cbEnumValues
 *     out: [size_is(cbEnumValues)] BYTE* pEnumValues (max_count, bytes, pad to 4);
 *          DWORD pcbEnumValues; DWORD pnEnumValues; DWORD status
 *   RpcGetPrinterDataEx (78) 3.1.4.2.17
 *     in:  PRINTER_HANDLE; [string] pKeyName; [string] pValueName; DWORD nSize
 *     out: DWORD pType; [size_is(nSize)] BYTE* pData (max_count, bytes, pad to 4); DWORD pcbNeeded; status
 *   RpcSetPrinterDataEx (77) 3.1.4.2.16
 *     in:  PRINTER_HANDLE; [string] pKeyName; [string] pValueName; DWORD Type;
 *          [size_is(cbData)] BYTE* pData (max_count, bytes); DWORD cbData     out: status
 *   RpcDeletePrinterDataEx (81) 3.1.4.2.20: PRINTER_HANDLE; [string] pKeyName; [string] pValueName -> status
 *   RpcDeletePrinterKey (82) 3.1.4.2.21:   PRINTER_HANDLE; [string] pKeyName -> status
 */
import { MalformedPacketError } from '../../../common/errors';
import { NdrReader } from '../../ndr/ndr-reader';
import { NdrWriter } from '../../ndr/ndr-writer';
import type { RprnHandle } from './stub-common';
import { endOfStub } from './stub-common';

export function encodeEnumPrinterKey(handle: RprnHandle, keyName: string, cbSubkey: number): Buffer {
  return new NdrWriter().contextHandle(handle).string(keyName).u32(cbSubkey).finish();
}

export function decodeEnumPrinterKey(stub: Buffer): { subkey: Buffer; needed: number; status: number } {
  const r = new NdrReader(stub);
  const units = r.maxCount(2, 'pSubkey');
  const subkey = Buffer.from(r.bytes(units * 2, 'pSubkey'));
  r.align(4);
  const needed = r.u32('pcbSubkey');
  const status = r.u32('status');
  endOfStub(r);
  return { subkey, needed, status };
}

export function encodeEnumPrinterDataEx(handle: RprnHandle, keyName: string, cbEnumValues: number): Buffer {
  return new NdrWriter().contextHandle(handle).string(keyName).u32(cbEnumValues).finish();
}

export function decodeEnumPrinterDataEx(stub: Buffer): {
  enumValues: Buffer;
  needed: number;
  count: number;
  status: number;
} {
  const r = new NdrReader(stub);
  const enumValues = r.conformantBytes('pEnumValues');
  r.align(4);
  const needed = r.u32('pcbEnumValues');
  const count = r.u32('pnEnumValues');
  const status = r.u32('status');
  endOfStub(r);
  return { enumValues, needed, count, status };
}

export function encodeGetPrinterDataEx(handle: RprnHandle, keyName: string, valueName: string, nSize: number): Buffer {
  return new NdrWriter().contextHandle(handle).string(keyName).string(valueName).u32(nSize).finish();
}

export function decodeGetPrinterDataEx(stub: Buffer): { type: number; data: Buffer; needed: number; status: number } {
  const r = new NdrReader(stub);
  const type = r.u32('pType');
  const data = r.conformantBytes('pData');
  r.align(4);
  const needed = r.u32('pcbNeeded');
  const status = r.u32('status');
  endOfStub(r);
  if (status === 0 && needed > data.length) {
    throw new MalformedPacketError(`pcbNeeded ${needed} larger than the ${data.length} bytes returned`, {
      field: 'pcbNeeded',
    });
  }
  return { type, data, needed, status };
}

export function encodeSetPrinterDataEx(
  handle: RprnHandle,
  keyName: string,
  valueName: string,
  type: number,
  data: Buffer,
): Buffer {
  return new NdrWriter()
    .contextHandle(handle)
    .string(keyName)
    .string(valueName)
    .u32(type)
    .conformantBytes(data)
    .u32(data.length)
    .finish();
}

export function encodeDeletePrinterDataEx(handle: RprnHandle, keyName: string, valueName: string): Buffer {
  return new NdrWriter().contextHandle(handle).string(keyName).string(valueName).finish();
}

export function encodeDeletePrinterKey(handle: RprnHandle, keyName: string): Buffer {
  return new NdrWriter().contextHandle(handle).string(keyName).finish();
}
