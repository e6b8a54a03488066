/**
 * RpcGetPrinterDriver2 — [MS-RPRN] 3.1.4.4.6 (messages/get-printer-driver2.ts): levels 1-6 and 8,
 * with the server's version range for the client's major version.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcGetPrinterDriver2 } from '../messages/get-printer-driver2';
import { SERVER_ENVIRONMENT, infoError, infoResult, lookupHandle, rprnOperation, win32 } from '../rprn-call';
import { DRIVER_INFO_LAYOUTS } from '../structures/info-layouts';
import { driverInfoRecord } from '../structures/info-records-from-domain';

export const rpcGetPrinterDriver2 = rprnOperation(RpcGetPrinterDriver2, async (req, ctx) => {
  const handle = lookupHandle(ctx, req.hPrinter);
  const layout = DRIVER_INFO_LAYOUTS[req.level];
  const noVersions = { serverMaxVersion: 0, serverMinVersion: 0 };
  if (layout === undefined) return { ...infoError(req.buffer, Win32ErrorCode.ERROR_INVALID_LEVEL), ...noVersions };
  const res = await win32(() =>
    ctx.provider.getPrinterDriver(handle, req.environment ?? SERVER_ENVIRONMENT, req.clientMajorVersion),
  );
  if (!res.ok) return { ...infoError(req.buffer, res.status), ...noVersions };
  return {
    ...infoResult(req.buffer, layout, [driverInfoRecord(res.value.driver)]),
    serverMaxVersion: res.value.serverMaxVersion,
    serverMinVersion: res.value.serverMinVersion,
  };
});
