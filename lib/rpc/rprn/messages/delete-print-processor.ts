/**
 * RpcDeletePrintProcessor (opnum 48) — [MS-RPRN] 3.1.4.8.3.
 *
 *   request:  [string, unique] STRING_HANDLE pName | [string, unique] wchar_t* pEnvironment
 *             | [string] wchar_t* pPrintProcessorName
 *   response: DWORD status
 */
import { string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { statusOnly } from './parameters';

export const RpcDeletePrintProcessor = ndrMessage(
  'RpcDeletePrintProcessor',
  {
    name: uniqueString('pName'),
    environment: uniqueString('pEnvironment'),
    printProcessorName: string('pPrintProcessorName'),
  },
  statusOnly(),
);
