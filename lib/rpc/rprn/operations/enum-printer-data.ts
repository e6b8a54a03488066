/**
 * RpcEnumPrinterData (opnum 72) — [MS-RPRN] 3.1.4.2.12: the values of `PrinterDriverData` one by
 * one, by index.
 *
 *   in:  PRINTER_HANDLE hPrinter; DWORD dwIndex; DWORD cbValueName; DWORD cbData
 *   out: [size_is(cbValueName / sizeof(wchar_t))] wchar_t* pValueName; DWORD pcbValueName;
 *        DWORD pType; [size_is(cbData)] BYTE* pData; DWORD pcbData; DWORD status
 *
 * cbValueName = cbData = 0 asks for the largest name and data sizes (ERROR_SUCCESS); an index past
 * the end is ERROR_NO_MORE_ITEMS; too small a buffer ERROR_MORE_DATA with the sizes.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { encodeRegData } from '../../../common/reg-value';
import { PRINTER_DRIVER_DATA_KEY } from '../../../spoolss/constants';
import type { NdrReader } from '../../ndr/ndr-reader';
import { NdrWriter } from '../../ndr/ndr-writer';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { checkOutSize, lookupHandle, win32, writeOutArray } from '../rprn-call';

function respond(
  cbValueName: number,
  name: Buffer | undefined,
  cbNeededName: number,
  type: number,
  cbData: number,
  data: Buffer | undefined,
  cbNeededData: number,
  status: number,
): Buffer {
  const w = new NdrWriter();
  const units = Math.floor(cbValueName / 2);
  const nameOut = Buffer.alloc(units * 2);
  if (name !== undefined && name.length <= nameOut.length) name.copy(nameOut);
  w.u32(units).bytes(nameOut).align(4);
  w.u32(cbNeededName).u32(type);
  writeOutArray(w, cbData, data);
  return w.u32(cbNeededData).u32(status).finish();
}

export const rpcEnumPrinterData: RprnOperation = {
  opnum: RprnOpnum.RpcEnumPrinterData,
  name: 'RpcEnumPrinterData',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const index = r.u32('dwIndex');
    const cbValueName = checkOutSize(r.u32('cbValueName'));
    const cbData = checkOutSize(r.u32('cbData'));
    const handle = lookupHandle(ctx, wire);
    const res = await win32(() => ctx.provider.enumPrinterDataEx(handle, PRINTER_DRIVER_DATA_KEY));
    if (!res.ok) return respond(cbValueName, undefined, 0, 0, cbData, undefined, 0, res.status);
    const values = res.value;
    if (cbValueName === 0 && cbData === 0) {
      const maxName = Math.max(0, ...values.map((v) => (v.name.length + 1) * 2));
      const maxData = Math.max(0, ...values.map((v) => encodeRegData(v).length));
      const status = values.length === 0 ? Win32ErrorCode.ERROR_NO_MORE_ITEMS : Win32ErrorCode.ERROR_SUCCESS;
      return respond(0, undefined, maxName, 0, 0, undefined, maxData, status);
    }
    const v = values[index];
    if (v === undefined)
      return respond(cbValueName, undefined, 0, 0, cbData, undefined, 0, Win32ErrorCode.ERROR_NO_MORE_ITEMS);
    const name = Buffer.from(`${v.name}\0`, 'utf16le');
    const data = encodeRegData(v);
    const fits = name.length <= cbValueName && data.length <= cbData;
    return respond(
      cbValueName,
      name,
      name.length,
      v.type,
      cbData,
      data,
      data.length,
      fits ? Win32ErrorCode.ERROR_SUCCESS : Win32ErrorCode.ERROR_MORE_DATA,
    );
  },
};
