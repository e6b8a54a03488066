/**
 * RpcAddPerMachineConnection (opnum 85) — [MS-RPRN] 3.1.4.2.19.
 *
 *   request:  [string, unique] STRING_HANDLE pServer | [string] wchar_t* pPrinterName
 *             | [string] wchar_t* pPrintServer | [string] wchar_t* pProvider
 *   response: DWORD status
 */
import { string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { statusOnly } from './parameters';

export const RpcAddPerMachineConnection = ndrMessage(
  'RpcAddPerMachineConnection',
  {
    server: uniqueString('pServer'),
    printerName: string('pPrinterName'),
    printServer: string('pPrintServer'),
    provider: string('pProvider'),
  },
  statusOnly(),
);
