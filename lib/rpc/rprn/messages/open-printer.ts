/**
 * RpcOpenPrinter (opnum 1) — [MS-RPRN] 3.1.4.2.2.
 *
 *   request:  [string, unique] STRING_HANDLE pPrinterName | [string, unique] wchar_t* pDatatype
 *             | DEVMODE_CONTAINER pDevModeContainer: DWORD cbBuf, referent id -> max_count, bytes
 *             | DWORD AccessRequired
 *   response: PRINTER_HANDLE pHandle (20) | DWORD status
 */
import { contextHandle, dword, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { byteContainer } from '../structures/containers';
import { status } from './parameters';

export const RpcOpenPrinter = ndrMessage(
  'RpcOpenPrinter',
  {
    printerName: uniqueString('pPrinterName'),
    datatype: uniqueString('pDatatype'),
    devMode: byteContainer('pDevModeContainer'),
    accessRequired: dword('AccessRequired'),
  },
  { handle: contextHandle('pHandle'), status: status() },
);
