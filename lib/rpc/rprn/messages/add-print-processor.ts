/**
 * RpcAddPrintProcessor (opnum 14) — [MS-RPRN] 3.1.4.8.1.
 *
 *   request:  [string, unique] STRING_HANDLE pName | [string] wchar_t* pEnvironment
 *             | [string] wchar_t* pPathName | [string] wchar_t* pPrintProcessorName
 *   response: DWORD status
 */
import { string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { statusOnly } from './parameters';

export const RpcAddPrintProcessor = ndrMessage(
  'RpcAddPrintProcessor',
  {
    name: uniqueString('pName'),
    environment: string('pEnvironment'),
    pathName: string('pPathName'),
    printProcessorName: string('pPrintProcessorName'),
  },
  statusOnly(),
);
