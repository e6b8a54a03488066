/**
 * RpcAddPrinter (opnum 5) — [MS-RPRN] 3.1.4.2.3.
 *
 *   request:  [string, unique] STRING_HANDLE pName
 *             | PRINTER_CONTAINER* pPrinterContainer ([ref]): DWORD Level, DWORD union tag
 *               (= Level), referent id -> RPC PRINTER_INFO_n (deferred)
 *             | DEVMODE_CONTAINER* pDevModeContainer: DWORD cbBuf, referent id -> max_count, bytes
 *             | SECURITY_CONTAINER* pSecurityContainer: DWORD cbBuf, referent id -> max_count, bytes
 *   response: PRINTER_HANDLE pHandle (20) | DWORD status
 */
import { contextHandle, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage, type RequestOf } from '../../ndr/ndr-message';
import { RPC_PRINTER_INFO, byteContainer, levelContainer } from '../structures/containers';
import { status } from './parameters';

export const RpcAddPrinter = ndrMessage(
  'RpcAddPrinter',
  {
    name: uniqueString('pName'),
    printerContainer: levelContainer(RPC_PRINTER_INFO, 'pPrinterContainer', [0]),
    devMode: byteContainer('pDevModeContainer'),
    securityDescriptor: byteContainer('pSecurityContainer'),
  },
  { handle: contextHandle('pHandle'), status: status() },
);
export type AddPrinterRequest = RequestOf<typeof RpcAddPrinter>;
