/**
 * RpcAsyncGetRemoteNotifications (opnum 61) — [MS-PAR] 3.1.4.9.4: the long poll.
 *
 *   request:  RMTNTFY_HANDLE hRpcHandle (20)
 *   response: RpcPrintPropertiesCollection** ppNotifyData (referent id, the structure, its
 *             pointees) | HRESULT
 */
import { contextHandle, dword } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { uniquePrintPropertiesCollection } from './print-properties-collection';

export const RpcAsyncGetRemoteNotifications = ndrMessage(
  'RpcAsyncGetRemoteNotifications',
  { handle: contextHandle('hRpcHandle') },
  { data: uniquePrintPropertiesCollection(), status: dword('HRESULT') },
);
