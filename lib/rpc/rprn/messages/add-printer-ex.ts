/**
 * RpcAddPrinterEx (opnum 70) — [MS-RPRN] 3.1.4.2.15: RpcAddPrinter's parameters, then the
 * client's SPLCLIENT_CONTAINER.
 *
 *   request:  [string, unique] STRING_HANDLE pName
 *             | PRINTER_CONTAINER* pPrinterContainer | DEVMODE_CONTAINER* pDevModeContainer
 *             | SECURITY_CONTAINER* pSecurityContainer (as RpcAddPrinter, messages/add-printer.ts)
 *             | SPLCLIENT_CONTAINER* pClientInfo: DWORD Level, DWORD union tag (= Level),
 *               referent id -> SPLCLIENT_INFO_1/2/3 (deferred)
 *   response: PRINTER_HANDLE pHandle (20) | DWORD status
 */
import { contextHandle, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage, type RequestOf } from '../../ndr/ndr-message';
import { RPC_PRINTER_INFO, SPLCLIENT_INFO, byteContainer, levelContainer } from '../structures/containers';
import { status } from './parameters';

export const RpcAddPrinterEx = ndrMessage(
  'RpcAddPrinterEx',
  {
    name: uniqueString('pName'),
    printerContainer: levelContainer(RPC_PRINTER_INFO, 'pPrinterContainer', [0]),
    devMode: byteContainer('pDevModeContainer'),
    securityDescriptor: byteContainer('pSecurityContainer'),
    clientInfo: levelContainer(SPLCLIENT_INFO, 'pClientInfo'),
  },
  { handle: contextHandle('pHandle'), status: status() },
);
export type AddPrinterExRequest = RequestOf<typeof RpcAddPrinterEx>;
