/**
 * RpcAbortPrinter (opnum 21) — [MS-RPRN] 3.1.4.9.5.
 *
 *   request:  PRINTER_HANDLE hPrinter (20)
 *   response: DWORD status
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcAbortPrinter = ndrMessage('RpcAbortPrinter', { hPrinter: printerHandle() }, statusOnly());
