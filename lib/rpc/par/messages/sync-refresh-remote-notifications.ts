/**
 * RpcSyncRefreshRemoteNotifications (opnum 60) — [MS-PAR] 3.1.4.9.3.
 *
 *   request:  RMTNTFY_HANDLE hRpcHandle (20) | RpcPrintPropertiesCollection* pNotifyFilter ([ref])
 *   response: RpcPrintPropertiesCollection** ppNotifyData (the [unique] inner pointer's referent
 *             id, the structure, its pointees) | HRESULT
 */
import { contextHandle, dword } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printPropertiesCollection, uniquePrintPropertiesCollection } from './print-properties-collection';

export const RpcSyncRefreshRemoteNotifications = ndrMessage(
  'RpcSyncRefreshRemoteNotifications',
  { handle: contextHandle('hRpcHandle'), filter: printPropertiesCollection() },
  { data: uniquePrintPropertiesCollection(), status: dword('HRESULT') },
);
