/**
 * RpcEndPagePrinter (opnum 20) — [MS-RPRN] 3.1.4.9.4.
 *
 *   request:  PRINTER_HANDLE hPrinter (20)
 *   response: DWORD status
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcEndPagePrinter = ndrMessage('RpcEndPagePrinter', { hPrinter: printerHandle() }, statusOnly());
