/**
 * RpcDeletePrinterIC (opnum 42) — [MS-RPRN] 3.1.4.2.12.
 *
 *   request:  GDI_HANDLE phPrinterIC (20)
 *   response: GDI_HANDLE phPrinterIC (20, all zeros once deleted) | DWORD status
 */
import { contextHandle } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { status } from './parameters';

export const RpcDeletePrinterIC = ndrMessage(
  'RpcDeletePrinterIC',
  { gdiHandle: contextHandle('phPrinterIC') },
  { gdiHandle: contextHandle('phPrinterIC'), status: status() },
);
