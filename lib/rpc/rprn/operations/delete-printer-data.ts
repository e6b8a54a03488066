/**
 * RpcDeletePrinterData (opnum 73) — [MS-RPRN] 3.1.4.2.13: a value of `PrinterDriverData`.
 *
 *   in:  PRINTER_HANDLE hPrinter; [string] wchar_t* pValueName
 *   out: DWORD status
 */
import { PRINTER_DRIVER_DATA_KEY } from '../../../spoolss/constants';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle, statusOf } from '../rprn-call';

export const rpcDeletePrinterData: RprnOperation = {
  opnum: RprnOpnum.RpcDeletePrinterData,
  name: 'RpcDeletePrinterData',
  handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const valueName = r.string('pValueName');
    const handle = lookupHandle(ctx, wire);
    return statusOf(() => ctx.provider.deletePrinterDataEx(handle, PRINTER_DRIVER_DATA_KEY, valueName));
  },
};
