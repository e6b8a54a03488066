/**
 * RpcStartPagePrinter (opnum 18) — [MS-RPRN] 3.1.4.9.2.
 *
 *   request:  PRINTER_HANDLE hPrinter (20)
 *   response: DWORD status
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcStartPagePrinter = ndrMessage('RpcStartPagePrinter', { hPrinter: printerHandle() }, statusOnly());
