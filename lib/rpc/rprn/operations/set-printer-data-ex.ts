/**
 * RpcSetPrinterDataEx (opnum 77) — [MS-RPRN] 3.1.4.2.16.
 *
 *   in:  PRINTER_HANDLE hPrinter; [string] wchar_t* pKeyName; [string] wchar_t* pValueName;
 *        DWORD Type; [size_is(cbData)] BYTE* pData (max_count, bytes); DWORD cbData
 *   out: DWORD status
 *
 * The provider checks the handle's granted access (PRINTER_ACCESS_ADMINISTER).
 */
import { MalformedPacketError, RpcFaultError } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { RegValue } from '../../../common/reg-value';
import { decodeRegData } from '../../../common/reg-value';
import type { PrinterHandle } from '../../../spoolss/types';
import { FaultStatus } from '../../constants';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnCallContext, RprnOperation } from '../rprn-call';
import { lookupHandle, statusOf, statusResponse } from '../rprn-call';

/** Reads `DWORD Type; [size_is(cbData)] BYTE* pData; DWORD cbData`. */
export function readTypedData(r: NdrReader): { type: number; data: Buffer } {
  const type = r.u32('Type');
  const data = r.conformantBytes('pData');
  const cbData = r.u32('cbData');
  if (cbData !== data.length)
    throw new RpcFaultError(
      FaultStatus.NCA_S_FAULT_NDR,
      `pData max_count ${data.length} differs from cbData ${cbData}`,
    );
  return { type, data };
}

/** Shared with RpcSetPrinterData. Data that does not fit its type is ERROR_INVALID_PARAMETER. */
export function setPrinterDataResponse(
  ctx: RprnCallContext,
  handle: PrinterHandle,
  keyName: string,
  name: string,
  type: number,
  data: Buffer,
): Promise<Buffer> {
  let value: RegValue;
  try {
    value = { ...decodeRegData(type, data), name };
  } catch (err) {
    if (err instanceof MalformedPacketError)
      return Promise.resolve(statusResponse(Win32ErrorCode.ERROR_INVALID_PARAMETER));
    throw err;
  }
  return statusOf(() => ctx.provider.setPrinterDataEx(handle, keyName, value));
}

export const rpcSetPrinterDataEx: RprnOperation = {
  opnum: RprnOpnum.RpcSetPrinterDataEx,
  name: 'RpcSetPrinterDataEx',
  handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const keyName = r.string('pKeyName');
    const valueName = r.string('pValueName');
    const { type, data } = readTypedData(r);
    return setPrinterDataResponse(ctx, lookupHandle(ctx, wire), keyName, valueName, type, data);
  },
};
