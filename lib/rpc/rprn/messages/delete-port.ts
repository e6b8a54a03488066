/**
 * RpcDeletePort (opnum 39) — [MS-RPRN] 3.1.4.6.2.
 *
 *   request:  [string, unique] STRING_HANDLE pName | ULONG_PTR hWnd (4 bytes in NDR20)
 *             | [string] wchar_t* pPortName
 *   response: DWORD status
 */
import { dword, string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { statusOnly } from './parameters';

export const RpcDeletePort = ndrMessage(
  'RpcDeletePort',
  { name: uniqueString('pName'), hWnd: dword('hWnd'), portName: string('pPortName') },
  statusOnly(),
);
