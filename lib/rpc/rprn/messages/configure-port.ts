/**
 * RpcConfigurePort (opnum 38) — [MS-RPRN] 3.1.4 lists opnum 38 as not used on the wire (the
 * monitor's configuration dialog); Windows still answers it, with ERROR_NOT_SUPPORTED.
 *
 *   request:  [string, unique] STRING_HANDLE pName | ULONG_PTR hWnd (4 bytes in NDR20)
 *             | [string] wchar_t* pPortName
 *   response: DWORD status
 */
import { dword, string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { statusOnly } from './parameters';

export const RpcConfigurePort = ndrMessage(
  'RpcConfigurePort',
  { name: uniqueString('pName'), hWnd: dword('hWnd'), portName: string('pPortName') },
  statusOnly(),
);
