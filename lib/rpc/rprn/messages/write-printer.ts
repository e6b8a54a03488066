/**
 * RpcWritePrinter (opnum 19) — [MS-RPRN] 3.1.4.9.3.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [size_is(cbBuf)] BYTE* pBuf: max_count, bytes
 *             | DWORD cbBuf (= max_count, else nca_s_fault_ndr)
 *   response: DWORD pcWritten | DWORD status
 */
import { dword, sizedBytes } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, status } from './parameters';

export const RpcWritePrinter = ndrMessage(
  'RpcWritePrinter',
  { hPrinter: printerHandle(), data: sizedBytes('pBuf', 'cbBuf') },
  { written: dword('pcWritten'), status: status() },
);
