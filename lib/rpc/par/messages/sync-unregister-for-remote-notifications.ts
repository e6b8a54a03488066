/**
 * RpcSyncUnRegisterForRemoteNotifications (opnum 59) — [MS-PAR] 3.1.4.9.2.
 *
 *   request:  [in, out] RMTNTFY_HANDLE* phRpcHandle (20)
 *   response: RMTNTFY_HANDLE phRpcHandle (20; all zeros once closed) | HRESULT
 */
import { contextHandle, dword } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';

export const RpcSyncUnRegisterForRemoteNotifications = ndrMessage(
  'RpcSyncUnRegisterForRemoteNotifications',
  { handle: contextHandle('phRpcHandle') },
  { handle: contextHandle('phRpcHandle'), status: dword('HRESULT') },
);
