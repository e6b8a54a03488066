/**
 * RpcAsyncInstallPrinterDriverFromPackage — [MS-PAR] 3.1.4.2.7
 * (messages/install-printer-driver-from-package.ts): the provider's Win32 error as an HRESULT.
 */
import { hresultFromWin32 } from '../../../common/status/hresult';
import { rprnOperation, win32 } from '../../rprn/rprn-call';
import { RpcAsyncInstallPrinterDriverFromPackage } from '../messages/install-printer-driver-from-package';

export const rpcAsyncInstallPrinterDriverFromPackage = rprnOperation(
  RpcAsyncInstallPrinterDriverFromPackage,
  async ({ server, infPath, driverName, environment, flags }, ctx) => {
    const res = await win32(() =>
      ctx.provider.installPrinterDriverFromPackage(server, infPath, driverName, environment, flags, ctx.caller),
    );
    return { status: res.ok ? 0 : hresultFromWin32(res.status) };
  },
);
