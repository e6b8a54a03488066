/**
 * RpcSetPrinterData (opnum 27) — [MS-RPRN] 3.1.4.2.8: RpcSetPrinterDataEx on `PrinterDriverData`.
 *
 *   in:  PRINTER_HANDLE hPrinter; [string] wchar_t* pValueName; DWORD Type;
 *        [size_is(cbData)] BYTE* pData; DWORD cbData
 *   out: DWORD status
 */
import { PRINTER_DRIVER_DATA_KEY } from '../../../spoolss/constants';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle } from '../rprn-call';
import { readTypedData, setPrinterDataResponse } from './set-printer-data-ex';

export const rpcSetPrinterData: RprnOperation = {
  opnum: RprnOpnum.RpcSetPrinterData,
  name: 'RpcSetPrinterData',
  handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const valueName = r.string('pValueName');
    const { type, data } = readTypedData(r);
    return setPrinterDataResponse(ctx, lookupHandle(ctx, wire), PRINTER_DRIVER_DATA_KEY, valueName, type, data);
  },
};
