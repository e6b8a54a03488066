/**
 * BaseRegEnumValue (opnum 10) — [MS-RRP] 3.1.5.11.
 *
 *   request:  RPC_HKEY hKey (20) | u32 dwIndex | PRRP_UNICODE_STRING lpValueNameIn ([ref]) |
 *             [unique] u32* lpType | [unique, size_is(*lpcbData), length_is(*lpcbLen)] BYTE* lpData |
 *             [unique] u32* lpcbData | [unique] u32* lpcbLen
 *   response: lpValueNameOut (RRP_UNICODE_STRING) | lpType | lpData | lpcbData | lpcbLen |
 *             error_status_t
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

export const BaseRegEnumValue = ndrMessage(
  'BaseRegEnumValue',
  { handle: contextHandle('hKey'), index: dword('dwIndex'), name: rrpString('lpValueNameIn'), ...valueParams },
  { name: rrpString('lpValueNameOut'), ...valueParams, status: dword('error_status_t') },
);
