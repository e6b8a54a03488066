/**
 * RpcAsyncCorePrinterDriverInstalled — [MS-PAR] 3.1.4.2.10 (messages/core-printer-driver-installed.ts):
 * pbDriverInstalled 1 when the core driver, at the date and version asked for or newer, is
 * installed; a Win32 error as HRESULT_FROM_WIN32 with pbDriverInstalled 0.
 */
import { filetimeToDate } from '../../../common/binary/filetime';
import { hresultFromWin32 } from '../../../common/status/hresult';
import { rprnOperation, win32 } from '../../rprn/rprn-call';
import { RpcAsyncCorePrinterDriverInstalled } from '../messages/core-printer-driver-installed';

export const rpcAsyncCorePrinterDriverInstalled = rprnOperation(
  RpcAsyncCorePrinterDriverInstalled,
  async ({ server, environment, coreDriverGuid, driverDate, driverVersion }, ctx) => {
    const res = await win32(() =>
      ctx.provider.corePrinterDriverInstalled(
        server,
        environment,
        `{${coreDriverGuid.toUpperCase()}}`,
        filetimeToDate(driverDate),
        driverVersion,
        ctx.caller,
      ),
    );
    if (!res.ok) return { driverInstalled: 0, status: hresultFromWin32(res.status) };
    return { driverInstalled: res.value ? 1 : 0, status: 0 };
  },
);
