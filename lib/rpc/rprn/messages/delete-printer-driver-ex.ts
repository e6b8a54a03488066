/**
 * RpcDeletePrinterDriverEx (opnum 84) — [MS-RPRN] 3.1.4.4.7.
 *
 *   request:  [string, unique] STRING_HANDLE pName | [string] wchar_t* pEnvironment
 *             | [string] wchar_t* pDriverName | DWORD dwDeleteFlag | DWORD dwVersionNum
 *   response: DWORD status
 */
import { dword, string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { statusOnly } from './parameters';

export const RpcDeletePrinterDriverEx = ndrMessage(
  'RpcDeletePrinterDriverEx',
  {
    name: uniqueString('pName'),
    environment: string('pEnvironment'),
    driverName: string('pDriverName'),
    deleteFlag: dword('dwDeleteFlag'),
    versionNum: dword('dwVersionNum'),
  },
  statusOnly(),
);
