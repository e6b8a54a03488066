/**
 * BaseRegEnumKey (opnum 9) — [MS-RRP] 3.1.5.10.
 *
 *   request:  RPC_HKEY hKey (20) | u32 dwIndex | PRRP_UNICODE_STRING lpNameIn ([ref]: the
 *             structure and its buffer, Length 0, MaximumLength the room offered) |
 *             [unique] PRRP_UNICODE_STRING lpClassIn | [unique] PFILETIME lpftLastWriteTime
 *   response: lpNameOut (RRP_UNICODE_STRING, in the client's MaximumLength) |
 *             [unique] lpClassOut | [unique] lpftLastWriteTime | error_status_t
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword } from '../../ndr/ndr-params';
import { rrpString, uniqueFileTime, uniqueRrpString } from './rrp-structures';

export const BaseRegEnumKey = ndrMessage(
  'BaseRegEnumKey',
  {
    handle: contextHandle('hKey'),
    index: dword('dwIndex'),
    name: rrpString('lpNameIn'),
    className: uniqueRrpString('lpClassIn'),
    lastWriteTime: uniqueFileTime('lpftLastWriteTime'),
  },
  {
    name: rrpString('lpNameOut'),
    className: uniqueRrpString('lpClassOut'),
    lastWriteTime: uniqueFileTime('lpftLastWriteTime'),
    status: dword('error_status_t'),
  },
);
