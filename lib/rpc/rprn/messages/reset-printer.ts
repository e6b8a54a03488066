/**
 * RpcResetPrinter (opnum 52) — [MS-RPRN] 3.1.4.2.13.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string, unique] wchar_t* pDatatype
 *             | DEVMODE_CONTAINER* pDevModeContainer (a [ref] pointer, so laid out in place):
 *               DWORD cbBuf, referent id -> max_count, bytes
 *   response: DWORD status
 */
import { uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { byteContainer } from '../structures/containers';
import { printerHandle, statusOnly } from './parameters';

export const RpcResetPrinter = ndrMessage(
  'RpcResetPrinter',
  { hPrinter: printerHandle(), datatype: uniqueString('pDatatype'), devMode: byteContainer('pDevModeContainer') },
  statusOnly(),
);
