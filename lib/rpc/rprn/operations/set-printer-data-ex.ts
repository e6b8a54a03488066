/**
 * RpcSetPrinterDataEx — [MS-RPRN] 3.1.4.2.18 (messages/set-printer-data-ex.ts).
 *
 * The provider checks the handle's granted access (PRINTER_ACCESS_ADMINISTER).
 */
import { MalformedPacketError } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { RegValue } from '../../../common/reg-value';
import { decodeRegData } from '../../../common/reg-value';
import type { PrinterHandle } from '../../../spoolss/types';
import type { StatusResponse } from '../messages/parameters';
import { RpcSetPrinterDataEx } from '../messages/set-printer-data-ex';
import type { RprnCallContext } from '../rprn-call';
import { lookupHandle, rprnOperation, statusOf } from '../rprn-call';

/** Shared with RpcSetPrinterData. Data that does not fit its type is ERROR_INVALID_PARAMETER. */
export function setPrinterData(
  ctx: RprnCallContext,
  handle: PrinterHandle,
  keyName: string,
  name: string,
  type: number,
  data: Buffer,
): Promise<StatusResponse> {
  let value: RegValue;
  try {
    value = { ...decodeRegData(type, data), name };
  } catch (err) {
    if (err instanceof MalformedPacketError) return Promise.resolve({ status: Win32ErrorCode.ERROR_INVALID_PARAMETER });
    throw err;
  }
  return statusOf(() => ctx.provider.setPrinterDataEx(handle, keyName, value));
}

export const rpcSetPrinterDataEx = rprnOperation(RpcSetPrinterDataEx, (req, ctx) =>
  setPrinterData(ctx, lookupHandle(ctx, req.hPrinter), req.keyName, req.valueName, req.type, req.data),
);
