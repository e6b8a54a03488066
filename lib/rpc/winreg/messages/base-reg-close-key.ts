/**
 * BaseRegCloseKey (opnum 5) — [MS-RRP] 3.1.5.6.
 *
 *   request:  [in, out] RPC_HKEY* hKey (20)
 *   response: hKey (20; zeros once closed) | error_status_t
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword } from '../../ndr/ndr-params';

export const BaseRegCloseKey = ndrMessage(
  'BaseRegCloseKey',
  { handle: contextHandle('hKey') },
  { handle: contextHandle('hKey'), status: dword('error_status_t') },
);
