/**
 * RpcSetJobNamedProperty (opnum 111) — [MS-RPRN] 3.1.4.12.2.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | DWORD JobId
 *             | RPC_PrintNamedProperty pProperty ([ref]: the structure, then its name and value)
 *   response: DWORD status
 */
import { dword } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printNamedProperty } from '../structures/print-property-value';
import { printerHandle, statusOnly } from './parameters';

export const RpcSetJobNamedProperty = ndrMessage(
  'RpcSetJobNamedProperty',
  { hPrinter: printerHandle(), jobId: dword('JobId'), property: printNamedProperty('pProperty') },
  statusOnly(),
);
