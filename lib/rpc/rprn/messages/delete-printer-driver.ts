/**
 * RpcDeletePrinterDriver (opnum 13) — [MS-RPRN] 3.1.4.4.5.
 *
 *   request:  [string, unique] STRING_HANDLE pName | [string] wchar_t* pEnvironment
 *             | [string] wchar_t* pDriverName
 *   response: DWORD status
 */
import { string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { statusOnly } from './parameters';

export const RpcDeletePrinterDriver = ndrMessage(
  'RpcDeletePrinterDriver',
  { name: uniqueString('pName'), environment: string('pEnvironment'), driverName: string('pDriverName') },
  statusOnly(),
);
