/**
 * BaseRegGetVersion (opnum 26) — [MS-RRP] 3.1.5.25.
 *
 *   request:  RPC_HKEY hKey (20)
 *   response: u32 lpdwVersion | error_status_t
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword } from '../../ndr/ndr-params';

export const BaseRegGetVersion = ndrMessage(
  'BaseRegGetVersion',
  { handle: contextHandle('hKey') },
  { version: dword('lpdwVersion'), status: dword('error_status_t') },
);
