/**
 * RpcAddPort (opnum 37) — [MS-RPRN] 3.1.4 lists opnum 37 as not used on the wire (the call
 * shows the monitor's dialog on the server); Windows still answers it, with ERROR_NOT_SUPPORTED.
 *
 *   request:  [string, unique] STRING_HANDLE pName | ULONG_PTR hWnd (4 bytes in NDR20)
 *             | [string] wchar_t* pMonitorName
 *   response: DWORD status
 */
import { dword, string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { statusOnly } from './parameters';

export const RpcAddPort = ndrMessage(
  'RpcAddPort',
  { name: uniqueString('pName'), hWnd: dword('hWnd'), monitorName: string('pMonitorName') },
  statusOnly(),
);
