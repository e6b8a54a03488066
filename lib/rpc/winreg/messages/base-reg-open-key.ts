/**
 * BaseRegOpenKey (opnum 15) — [MS-RRP] 3.1.5.15.
 *
 *   request:  RPC_HKEY hKey (20) | RRP_UNICODE_STRING lpSubKey (by value: the structure, then its
 *             buffer) | u32 dwOptions | REGSAM samDesired
 *   response: RPC_HKEY phkResult (20) | error_status_t
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword } from '../../ndr/ndr-params';
import { rrpString } from './rrp-structures';

export const BaseRegOpenKey = ndrMessage(
  'BaseRegOpenKey',
  {
    handle: contextHandle('hKey'),
    subKey: rrpString('lpSubKey'),
    options: dword('dwOptions'),
    samDesired: dword('samDesired'),
  },
  { handle: contextHandle('phkResult'), status: dword('error_status_t') },
);
