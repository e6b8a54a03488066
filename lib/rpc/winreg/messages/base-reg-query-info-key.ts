/**
 * BaseRegQueryInfoKey (opnum 16) — [MS-RRP] 3.1.5.16.
 *
 *   request:  RPC_HKEY hKey (20) | PRRP_UNICODE_STRING lpClassIn ([ref])
 *   response: RRP_UNICODE_STRING lpClassOut | u32 lpcSubKeys | u32 lpcbMaxSubKeyLen |
 *             u32 lpcbMaxClassLen | u32 lpcValues | u32 lpcbMaxValueNameLen | u32 lpcbMaxValueLen |
 *             u32 lpcbSecurityDescriptor | FILETIME lpftLastWriteTime | error_status_t
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword } from '../../ndr/ndr-params';
import { fileTime, rrpString } from './rrp-structures';

export const BaseRegQueryInfoKey = ndrMessage(
  'BaseRegQueryInfoKey',
  { handle: contextHandle('hKey'), className: rrpString('lpClassIn') },
  {
    className: rrpString('lpClassOut'),
    subKeys: dword('lpcSubKeys'),
    maxSubKeyLen: dword('lpcbMaxSubKeyLen'),
    maxClassLen: dword('lpcbMaxClassLen'),
    values: dword('lpcValues'),
    maxValueNameLen: dword('lpcbMaxValueNameLen'),
    maxValueLen: dword('lpcbMaxValueLen'),
    securityDescriptor: dword('lpcbSecurityDescriptor'),
    lastWriteTime: fileTime('lpftLastWriteTime'),
    status: dword('error_status_t'),
  },
);
