/**
 * RpcEnumJobNamedProperties (opnum 113) — [MS-RPRN] 3.1.4.12.4.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | DWORD JobId
 *   response: DWORD pcProperties | referent id (0 = none) -> max_count, RPC_PrintNamedProperty[],
 *             their names and values | DWORD status
 */
import { dword } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { namedPropertyArray } from '../structures/print-property-value';
import { printerHandle, status } from './parameters';

export const RpcEnumJobNamedProperties = ndrMessage(
  'RpcEnumJobNamedProperties',
  { hPrinter: printerHandle(), jobId: dword('JobId') },
  { properties: namedPropertyArray('ppProperties'), status: status() },
);
