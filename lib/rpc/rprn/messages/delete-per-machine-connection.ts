/**
 * RpcDeletePerMachineConnection (opnum 86) — [MS-RPRN] 3.1.4.2.20.
 *
 *   request:  [string, unique] STRING_HANDLE pServer | [string] wchar_t* pPrinterName
 *   response: DWORD status
 */
import { string, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { statusOnly } from './parameters';

export const RpcDeletePerMachineConnection = ndrMessage(
  'RpcDeletePerMachineConnection',
  { server: uniqueString('pServer'), printerName: string('pPrinterName') },
  statusOnly(),
);
