/**
 * RpcEnumPrinterData — [MS-RPRN] 3.1.4.2.16 (messages/enum-printer-data.ts): the values of
 * `PrinterDriverData` one by one, by index.
 *
 * cbValueName = cbData = 0 asks for the largest name and data sizes (ERROR_SUCCESS); an index past
 * the end is ERROR_NO_MORE_ITEMS; too small a buffer ERROR_MORE_DATA with the sizes.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { encodeRegData } from '../../../common/reg-value';
import { PRINTER_DRIVER_DATA_KEY } from '../../../spoolss/constants';
import type { ResponseOf } from '../../ndr/ndr-message';
import { RpcEnumPrinterData } from '../messages/enum-printer-data';
import { checkOutSize, lookupHandle, outArray, rprnOperation, win32 } from '../rprn-call';

type EnumPrinterDataResponse = ResponseOf<typeof RpcEnumPrinterData>;

/** pValueName holds cbValueName / 2 UTF-16 units, the name at the front when it fits. */
function respond(
  cbValueName: number,
  name: { readonly units: Buffer; readonly needed: number } | undefined,
  type: number,
  cbData: number,
  data: { readonly bytes: Buffer; readonly needed: number } | undefined,
  status: number,
): EnumPrinterDataResponse {
  return {
    valueName: outArray(Math.floor(cbValueName / 2) * 2, name?.units),
    valueNameNeeded: name?.needed ?? 0,
    type,
    data: outArray(cbData, data?.bytes),
    dataNeeded: data?.needed ?? 0,
    status,
  };
}

export const rpcEnumPrinterData = rprnOperation(RpcEnumPrinterData, async (req, ctx) => {
  const cbValueName = checkOutSize(req.cbValueName);
  const cbData = checkOutSize(req.cbData);
  const handle = lookupHandle(ctx, req.hPrinter);
  const res = await win32(() => ctx.provider.enumPrinterDataEx(handle, PRINTER_DRIVER_DATA_KEY));
  if (!res.ok) return respond(cbValueName, undefined, 0, cbData, undefined, res.status);
  const values = res.value;
  if (cbValueName === 0 && cbData === 0) {
    const maxName = Math.max(0, ...values.map((v) => (v.name.length + 1) * 2));
    const maxData = Math.max(0, ...values.map((v) => encodeRegData(v).length));
    const status = values.length === 0 ? Win32ErrorCode.ERROR_NO_MORE_ITEMS : Win32ErrorCode.ERROR_SUCCESS;
    return respond(
      0,
      { units: Buffer.alloc(0), needed: maxName },
      0,
      0,
      { bytes: Buffer.alloc(0), needed: maxData },
      status,
    );
  }
  const v = values[req.index];
  if (v === undefined) return respond(cbValueName, undefined, 0, cbData, undefined, Win32ErrorCode.ERROR_NO_MORE_ITEMS);
  const name = Buffer.from(`${v.name}\0`, 'utf16le');
  const data = encodeRegData(v);
  const fits = name.length <= cbValueName && data.length <= cbData;
  return respond(
    cbValueName,
    { units: name, needed: name.length },
    v.type,
    cbData,
    { bytes: data, needed: data.length },
    fits ? Win32ErrorCode.ERROR_SUCCESS : Win32ErrorCode.ERROR_MORE_DATA,
  );
});
