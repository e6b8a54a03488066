/**
 * RpcSendRecvBidiData — [MS-RPRN] 3.1.4.2.27 (messages/send-recv-bidi-data.ts). The provider
 * answers for the printer's port monitor; on failure no response container is returned.
 */
import { RpcSendRecvBidiData } from '../messages/send-recv-bidi-data';
import { lookupHandle, rprnOperation, win32 } from '../rprn-call';
import { extraOf } from './extras';

export const rpcSendRecvBidiData = rprnOperation(RpcSendRecvBidiData, async (req, ctx) => {
  const handle = lookupHandle(ctx, req.hPrinter);
  const res = await win32(() => extraOf(ctx.provider, 'bidi').sendRecvBidiData(handle, req.action, req.requests));
  return res.ok ? { responses: res.value, status: 0 } : { status: res.status };
});
