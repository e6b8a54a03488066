/**
 * RpcGetPrinterDriver — [MS-RPRN] 3.1.4.4.3 (messages/get-printer-driver.ts): RpcGetPrinterDriver2
 * without the client version exchange (the client is taken to be a version 3 spooler).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcGetPrinterDriver } from '../messages/get-printer-driver';
import { SERVER_ENVIRONMENT, infoError, infoResult, lookupHandle, rprnOperation, win32 } from '../rprn-call';
import { DRIVER_INFO_LAYOUTS } from '../structures/info-layouts';
import { driverInfoRecord } from '../structures/info-records-from-domain';

const CLIENT_MAJOR_VERSION = 3;

export const rpcGetPrinterDriver = rprnOperation(
  RpcGetPrinterDriver,
  async ({ hPrinter, environment, level, buffer }, ctx) => {
    const handle = lookupHandle(ctx, hPrinter);
    const layout = DRIVER_INFO_LAYOUTS[level];
    if (layout === undefined) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
    const res = await win32(() =>
      ctx.provider.getPrinterDriver(handle, environment ?? SERVER_ENVIRONMENT, CLIENT_MAJOR_VERSION),
    );
    if (!res.ok) return infoError(buffer, res.status);
    return infoResult(buffer, layout, [driverInfoRecord(res.value.driver)]);
  },
);
