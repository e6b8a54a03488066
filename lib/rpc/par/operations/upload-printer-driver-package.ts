/**
 * RpcAsyncUploadPrinterDriverPackage — [MS-PAR] 3.1.4.2.8 (messages/upload-printer-driver-package.ts).
 *
 * No destination buffer (NULL, or *pcchDestInfPath 0) is E_INVALIDARG before anything else, what
 * smbtorture's AsyncUploadPrinterDriverPackage saw Windows answer. On success the INF path in the
 * server's driver store goes back with its length (with its NUL); a buffer too small gets
 * HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER) and the length needed.
 */
import { hresultFromWin32 } from '../../../common/status/hresult';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { wcharsOf } from '../../rprn/messages/package-parameters';
import { checkOutSize, rprnOperation, win32 } from '../../rprn/rprn-call';
import { RpcAsyncUploadPrinterDriverPackage } from '../messages/upload-printer-driver-package';

export const rpcAsyncUploadPrinterDriverPackage = rprnOperation(
  RpcAsyncUploadPrinterDriverPackage,
  async ({ server, infPath, environment, flags, destInfPath }, ctx) => {
    const { buffer, cch } = destInfPath;
    checkOutSize(cch * 2);
    const echo = buffer === undefined ? undefined : Buffer.alloc(cch * 2);
    const fail = (code: number): { destInfPath: Buffer | undefined; destInfPathSize: number; status: number } => ({
      destInfPath: echo,
      destInfPathSize: cch,
      status: hresultFromWin32(code),
    });
    if (buffer === undefined || cch === 0) return fail(Win32ErrorCode.ERROR_INVALID_PARAMETER);
    const res = await win32(() =>
      ctx.provider.uploadPrinterDriverPackage(server, infPath, environment, flags, ctx.caller),
    );
    if (!res.ok) return fail(res.status);
    const filled = wcharsOf(res.value, cch);
    if (filled === undefined)
      return { ...fail(Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER), destInfPathSize: res.value.length + 1 };
    return { destInfPath: filled, destInfPathSize: res.value.length + 1, status: 0 };
  },
);
