/**
 * RpcClosePrinter (opnum 29) — [MS-RPRN] 3.1.4.2.9.
 *
 *   request:  [in, out] PRINTER_HANDLE* phPrinter (20)
 *   response: PRINTER_HANDLE phPrinter (20; all zeros once closed) | DWORD status
 */
import { contextHandle } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { status } from './parameters';

export const RpcClosePrinter = ndrMessage(
  'RpcClosePrinter',
  { handle: contextHandle('phPrinter') },
  { handle: contextHandle('phPrinter'), status: status() },
);
