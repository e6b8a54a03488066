/**
 * RpcCreatePrinterIC (opnum 40) — [MS-RPRN] 3.1.4.2.10.
 *
 *   request:  PRINTER_HANDLE hPrinter (20)
 *             | DEVMODE_CONTAINER pDevModeContainer: DWORD cbBuf, referent id -> max_count, bytes
 *   response: GDI_HANDLE pHandle (20) | DWORD status
 */
import { contextHandle } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { byteContainer } from '../structures/containers';
import { printerHandle, status } from './parameters';

export const RpcCreatePrinterIC = ndrMessage(
  'RpcCreatePrinterIC',
  { hPrinter: printerHandle(), devMode: byteContainer('pDevModeContainer') },
  { gdiHandle: contextHandle('pHandle'), status: status() },
);
