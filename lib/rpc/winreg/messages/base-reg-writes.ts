/**
 * The [MS-RRP] methods that change the registry, as far as the server reads them to refuse them:
 * BaseRegCreateKey (opnum 6, 3.1.5.7), BaseRegDeleteKey (7, 3.1.5.8), BaseRegDeleteValue (8,
 * 3.1.5.9), BaseRegSetValue (22, 3.1.5.22). Each starts with the key handle; the rest of the stub
 * (names, data, security attributes) is kept as bytes, never interpreted.
 *
 *   request:  RPC_HKEY hKey (20) | the method's other [in] parameters
 *   response: error_status_t (BaseRegCreateKey: RPC_HKEY phkResult (20) | [unique] u32*
 *             lpdwDisposition | error_status_t)
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword, remainingBytes } from '../../ndr/ndr-params';
import { uniqueDword } from './rrp-structures';

const request = { handle: contextHandle('hKey'), rest: remainingBytes('parameters') };
const statusOnly = { status: dword('error_status_t') };

export const BaseRegCreateKey = ndrMessage('BaseRegCreateKey', request, {
  handle: contextHandle('phkResult'),
  disposition: uniqueDword('lpdwDisposition'),
  ...statusOnly,
});
export const BaseRegDeleteKey = ndrMessage('BaseRegDeleteKey', request, statusOnly);
export const BaseRegDeleteValue = ndrMessage('BaseRegDeleteValue', request, statusOnly);
export const BaseRegSetValue = ndrMessage('BaseRegSetValue', request, statusOnly);
