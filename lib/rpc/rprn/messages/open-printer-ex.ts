/**
 * RpcOpenPrinterEx (opnum 69) — [MS-RPRN] 3.1.4.2.14.
 *
 *   request:  [string, unique] STRING_HANDLE pPrinterName | [string, unique] wchar_t* pDatatype
 *             | DEVMODE_CONTAINER pDevModeContainer: DWORD cbBuf, referent id -> max_count, bytes
 *             | DWORD AccessRequired
 *             | SPLCLIENT_CONTAINER pClientInfo: DWORD Level, DWORD union tag (= Level),
 *               referent id -> SPLCLIENT_INFO_1/2/3 (deferred)
 *   response: PRINTER_HANDLE pHandle (20) | DWORD status
 */
import { contextHandle, dword, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage, type RequestOf } from '../../ndr/ndr-message';
import { SPLCLIENT_INFO, byteContainer, levelContainer } from '../structures/containers';
import { status } from './parameters';

export const RpcOpenPrinterEx = ndrMessage(
  'RpcOpenPrinterEx',
  {
    printerName: uniqueString('pPrinterName'),
    datatype: uniqueString('pDatatype'),
    devMode: byteContainer('pDevModeContainer'),
    accessRequired: dword('AccessRequired'),
    clientInfo: levelContainer(SPLCLIENT_INFO, 'pClientInfo'),
  },
  { handle: contextHandle('pHandle'), status: status() },
);
export type OpenPrinterExRequest = RequestOf<typeof RpcOpenPrinterEx>;
