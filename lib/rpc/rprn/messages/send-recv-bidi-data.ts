/**
 * RpcSendRecvBidiData (opnum 97) — [MS-RPRN] 3.1.4.2.27.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | [string, unique] wchar_t* pAction
 *             | RPC_BIDI_REQUEST_CONTAINER pReqData (structures/bidi-containers.ts)
 *   response: referent id (0 = none) -> RPC_BIDI_RESPONSE_CONTAINER | DWORD status
 */
import { uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { bidiRequestContainer, bidiResponseContainer } from '../structures/bidi-containers';
import { printerHandle, status } from './parameters';

export const RpcSendRecvBidiData = ndrMessage(
  'RpcSendRecvBidiData',
  { hPrinter: printerHandle(), action: uniqueString('pAction'), requests: bidiRequestContainer('pReqData') },
  { responses: bidiResponseContainer('ppRespData'), status: status() },
);
