/**
 * RpcEnumMonitors — [MS-RPRN] 3.1.4.7.1 (messages/enum-monitors.ts).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcEnumMonitors } from '../messages/enum-monitors';
import { infoError, infoResult, rprnOperation, win32 } from '../rprn-call';
import { MONITOR_INFO_LAYOUTS } from '../structures/info-layouts';
import { monitorInfoRecord } from '../structures/info-records-from-domain';

export const rpcEnumMonitors = rprnOperation(RpcEnumMonitors, async ({ name, level, buffer }, ctx) => {
  const layout = MONITOR_INFO_LAYOUTS[level];
  if (layout === undefined) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
  const res = await win32(() => ctx.provider.enumMonitors(name, ctx.caller));
  if (!res.ok) return infoError(buffer, res.status);
  return infoResult(buffer, layout, res.value.map(monitorInfoRecord));
});
