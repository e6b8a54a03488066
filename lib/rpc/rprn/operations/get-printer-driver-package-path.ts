/**
 * RpcGetPrinterDriverPackagePath — [MS-RPRN] 3.1.4.4.10 (messages/get-printer-driver-package-path.ts),
 * also MS-PAR's RpcAsyncGetPrinterDriverPackagePath.
 *
 * The size probe: pcchRequiredSize is the path's length in characters with its NUL. A NULL buffer
 * (cchDriverPackageCab 0) is answered S_OK with the size, as Windows does (<352>); a buffer too
 * small gets HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER) with the size; a buffer that fits gets
 * the path at its front. The caller's buffer always goes back at its own size.
 */
import { hresultFromWin32 } from '../../../common/status/hresult';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcGetPrinterDriverPackagePath } from '../messages/get-printer-driver-package-path';
import { wcharsOf } from '../messages/package-parameters';
import { checkOutSize, rprnOperation, win32 } from '../rprn-call';

export const rpcGetPrinterDriverPackagePath = rprnOperation(
  RpcGetPrinterDriverPackagePath,
  async ({ server, environment, language, packageId, driverPackageCab }, ctx) => {
    const { buffer, cch } = driverPackageCab;
    checkOutSize(cch * 2);
    const echo = buffer === undefined ? undefined : Buffer.alloc(cch * 2);
    const res = await win32(() =>
      ctx.provider.getPrinterDriverPackagePath(server, environment, language, packageId, ctx.caller),
    );
    if (!res.ok) return { driverPackageCab: echo, requiredSize: 0, status: hresultFromWin32(res.status) };
    const requiredSize = res.value.length + 1;
    if (buffer === undefined && cch === 0) return { driverPackageCab: echo, requiredSize, status: 0 };
    const filled = buffer === undefined ? undefined : wcharsOf(res.value, cch);
    if (filled === undefined)
      return {
        driverPackageCab: echo,
        requiredSize,
        status: hresultFromWin32(
          buffer === undefined ? Win32ErrorCode.ERROR_INVALID_PARAMETER : Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER,
        ),
      };
    return { driverPackageCab: filled, requiredSize, status: 0 };
  },
);
