/**
 * RpcEnumPrinterDrivers — [MS-RPRN] 3.1.4.4.2 (messages/enum-printer-drivers.ts).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcEnumPrinterDrivers } from '../messages/enum-printer-drivers';
import { SERVER_ENVIRONMENT, infoError, infoResult, rprnOperation, win32 } from '../rprn-call';
import { DRIVER_INFO_LAYOUTS } from '../structures/info-layouts';
import { driverInfoRecord } from '../structures/info-records-from-domain';

export const rpcEnumPrinterDrivers = rprnOperation(
  RpcEnumPrinterDrivers,
  async ({ name, environment, level, buffer }, ctx) => {
    const layout = DRIVER_INFO_LAYOUTS[level];
    if (layout === undefined) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
    const res = await win32(() => ctx.provider.enumPrinterDrivers(name, environment ?? SERVER_ENVIRONMENT, ctx.caller));
    if (!res.ok) return infoError(buffer, res.status);
    return infoResult(buffer, layout, res.value.map(driverInfoRecord));
  },
);
