/**
 * RpcAsyncDeletePrinterDriverPackage — [MS-PAR] 3.1.4.2.12
 * (messages/delete-printer-driver-package.ts): the provider's Win32 error as an HRESULT.
 */
import { hresultFromWin32 } from '../../../common/status/hresult';
import { rprnOperation, win32 } from '../../rprn/rprn-call';
import { RpcAsyncDeletePrinterDriverPackage } from '../messages/delete-printer-driver-package';

export const rpcAsyncDeletePrinterDriverPackage = rprnOperation(
  RpcAsyncDeletePrinterDriverPackage,
  async ({ server, infPath, environment }, ctx) => {
    const res = await win32(() => ctx.provider.deletePrinterDriverPackage(server, infPath, environment, ctx.caller));
    return { status: res.ok ? 0 : hresultFromWin32(res.status) };
  },
);
