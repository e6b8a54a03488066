/**
 * RpcDeletePrinter (opnum 6) — [MS-RPRN] 3.1.4.2.4.
 *
 *   request:  PRINTER_HANDLE hPrinter (20)
 *   response: DWORD status
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcDeletePrinter = ndrMessage('RpcDeletePrinter', { hPrinter: printerHandle() }, statusOnly());
