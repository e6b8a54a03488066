/**
 * RpcGetPrinterData (opnum 26) — [MS-RPRN] 3.1.4.2.7: RpcGetPrinterDataEx on the
 * `PrinterDriverData` key.
 *
 *   in:  PRINTER_HANDLE hPrinter; [string] wchar_t* pValueName; DWORD nSize
 *   out: DWORD pType; [size_is(nSize)] BYTE* pData; DWORD pcbNeeded; DWORD status
 */
import { PRINTER_DRIVER_DATA_KEY } from '../../../spoolss/constants';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { checkOutSize, lookupHandle } from '../rprn-call';
import { getPrinterDataResponse } from './get-printer-data-ex';

export const rpcGetPrinterData: RprnOperation = {
  opnum: RprnOpnum.RpcGetPrinterData,
  name: 'RpcGetPrinterData',
  handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const valueName = r.string('pValueName');
    const nSize = checkOutSize(r.u32('nSize'));
    return getPrinterDataResponse(ctx, lookupHandle(ctx, wire), PRINTER_DRIVER_DATA_KEY, valueName, nSize);
  },
};
