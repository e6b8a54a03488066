/**
 * RpcSetPrinter (opnum 7) — [MS-RPRN] 3.1.4.2.5.
 *
 *   request:  PRINTER_HANDLE hPrinter (20)
 *             | PRINTER_CONTAINER pPrinterContainer: DWORD Level, DWORD union tag (= Level),
 *               referent id -> RPC PRINTER_INFO_n (deferred; NULL at level 0)
 *             | DEVMODE_CONTAINER pDevModeContainer: DWORD cbBuf, referent id -> max_count, bytes
 *             | SECURITY_CONTAINER pSecurityContainer: DWORD cbBuf, referent id -> max_count, bytes
 *             | DWORD Command (PRINTER_CONTROL_*)
 *   response: DWORD status
 */
import { dword } from '../../ndr/ndr-params';
import { ndrMessage, type RequestOf } from '../../ndr/ndr-message';
import { RPC_PRINTER_INFO, byteContainer, levelContainer } from '../structures/containers';
import { printerHandle, statusOnly } from './parameters';

export const RpcSetPrinter = ndrMessage(
  'RpcSetPrinter',
  {
    hPrinter: printerHandle(),
    printerContainer: levelContainer(RPC_PRINTER_INFO, 'pPrinterContainer', [0]),
    devMode: byteContainer('pDevModeContainer'),
    securityDescriptor: byteContainer('pSecurityContainer'),
    command: dword('Command'),
  },
  statusOnly(),
);
export type SetPrinterMessageRequest = RequestOf<typeof RpcSetPrinter>;
