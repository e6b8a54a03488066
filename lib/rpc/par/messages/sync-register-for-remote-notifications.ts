/**
 * RpcSyncRegisterForRemoteNotifications (opnum 58) — [MS-PAR] 3.1.4.9.1.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | RpcPrintPropertiesCollection* pNotifyFilter ([ref]:
 *             the structure, then its pointees; print-properties-collection.ts)
 *   response: RMTNTFY_HANDLE phRpcHandle (20) | HRESULT
 */
import { contextHandle, dword } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printPropertiesCollection } from './print-properties-collection';

export const RpcSyncRegisterForRemoteNotifications = ndrMessage(
  'RpcSyncRegisterForRemoteNotifications',
  { hPrinter: contextHandle('hPrinter'), filter: printPropertiesCollection() },
  { handle: contextHandle('phRpcHandle'), status: dword('HRESULT') },
);
