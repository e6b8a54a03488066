/**
 * RpcEndDocPrinter (opnum 23) — [MS-RPRN] 3.1.4.9.7.
 *
 *   request:  PRINTER_HANDLE hPrinter (20)
 *   response: DWORD status
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcEndDocPrinter = ndrMessage('RpcEndDocPrinter', { hPrinter: printerHandle() }, statusOnly());
