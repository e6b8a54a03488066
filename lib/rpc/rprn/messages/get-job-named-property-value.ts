/**
 * RpcGetJobNamedPropertyValue (opnum 110) — [MS-RPRN] 3.1.4.12.1.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | DWORD JobId | [string] wchar_t* pszName
 *   response: RPC_PrintPropertyValue pValue (structures/print-property-value.ts) | DWORD status
 */
import { dword, string } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printPropertyValue } from '../structures/print-property-value';
import { printerHandle, status } from './parameters';

export const RpcGetJobNamedPropertyValue = ndrMessage(
  'RpcGetJobNamedPropertyValue',
  { hPrinter: printerHandle(), jobId: dword('JobId'), name: string('pszName') },
  { value: printPropertyValue('pValue'), status: status() },
);
