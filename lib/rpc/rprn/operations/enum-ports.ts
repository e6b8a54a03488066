/**
 * RpcEnumPorts — [MS-RPRN] 3.1.4.6.1 (messages/enum-ports.ts).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcEnumPorts } from '../messages/enum-ports';
import { infoError, infoResult, rprnOperation, win32 } from '../rprn-call';
import { PORT_INFO_LAYOUTS } from '../structures/info-layouts';
import { portInfoRecord } from '../structures/info-records-from-domain';

export const rpcEnumPorts = rprnOperation(RpcEnumPorts, async ({ name, level, buffer }, ctx) => {
  const layout = PORT_INFO_LAYOUTS[level];
  if (layout === undefined) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
  const res = await win32(() => ctx.provider.enumPorts(name, ctx.caller));
  if (!res.ok) return infoError(buffer, res.status);
  return infoResult(buffer, layout, res.value.map(portInfoRecord));
});
