/**
 * RpcPlayGdiScriptOnPrinterIC (opnum 41) — [MS-RPRN] 3.1.4.2.11.
 *
 *   request:  GDI_HANDLE hPrinterIC (20) | [size_is(cIn)] BYTE pIn[]: max_count, bytes | DWORD cIn
 *             | DWORD cOut | DWORD ul
 *   response: [size_is(cOut)] BYTE pOut[]: max_count (= cOut), bytes | DWORD status
 */
import { conformantBytes, contextHandle, dword, sizedBytes } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { status } from './parameters';

export const RpcPlayGdiScriptOnPrinterIC = ndrMessage(
  'RpcPlayGdiScriptOnPrinterIC',
  {
    gdiHandle: contextHandle('hPrinterIC'),
    input: sizedBytes('pIn', 'cIn'),
    cOut: dword('cOut'),
    ul: dword('ul'),
  },
  { output: conformantBytes('pOut'), status: status() },
);
