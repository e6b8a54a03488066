/**
 * RpcDeletePrinterDriver and RpcDeletePrinterDriverEx — [MS-RPRN] 3.1.4.4.5, 3.1.4.4.7
 * (messages/delete-printer-driver.ts, messages/delete-printer-driver-ex.ts). The checks and their
 * statuses are the spooler's (lib/spooler/drivers/delete-printer-driver.ts); DeletePrinterDriver
 * is DeletePrinterDriverEx with no flags (every version of the driver).
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcDeletePrinterDriver } from '../messages/delete-printer-driver';
import { RpcDeletePrinterDriverEx } from '../messages/delete-printer-driver-ex';
import type { RprnCallContext } from '../rprn-call';
import { rprnOperation, statusOf } from '../rprn-call';

function deleteDriver(
  ctx: RprnCallContext,
  name: string | undefined,
  environment: string,
  driverName: string,
  deleteFlag: number,
  versionNum: number,
): Promise<{ status: number }> {
  return statusOf(() => {
    if (!ctx.provider.deletePrinterDriver)
      throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'DeletePrinterDriver');
    return ctx.provider.deletePrinterDriver(name, environment, driverName, deleteFlag, versionNum, ctx.caller);
  });
}

export const rpcDeletePrinterDriver = rprnOperation(RpcDeletePrinterDriver, (req, ctx) =>
  deleteDriver(ctx, req.name, req.environment, req.driverName, 0, 0),
);

export const rpcDeletePrinterDriverEx = rprnOperation(RpcDeletePrinterDriverEx, (req, ctx) =>
  deleteDriver(ctx, req.name, req.environment, req.driverName, req.deleteFlag, req.versionNum),
);
