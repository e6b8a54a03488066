/**
 * BaseRegQueryValue (opnum 17) — [MS-RRP] 3.1.5.17.
 *
 *   request:  RPC_HKEY hKey (20) | PRRP_UNICODE_STRING lpValueName ([ref]) | [unique] u32* lpType |
 *             [unique, size_is(*lpcbData), length_is(*lpcbLen)] BYTE* lpData |
 *             [unique] u32* lpcbData | [unique] u32* lpcbLen
 *   response: lpType | lpData | lpcbData | lpcbLen | error_status_t
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword } from '../../ndr/ndr-params';
import { rrpString, uniqueDataArea, uniqueDword } from './rrp-structures';

const valueParams = {
  type: uniqueDword('lpType'),
  data: uniqueDataArea('lpData'),
  cbData: uniqueDword('lpcbData'),
  cbLen: uniqueDword('lpcbLen'),
};

export const BaseRegQueryValue = ndrMessage(
  'BaseRegQueryValue',
  { handle: contextHandle('hKey'), name: rrpString('lpValueName'), ...valueParams },
  { ...valueParams, status: dword('error_status_t') },
);
