/**
 * RpcGetPrinterDriverDirectory — [MS-RPRN] 3.1.4.4.4 (messages/get-printer-driver-directory.ts).
 *
 * Level 1 only: DRIVER_DIRECTORY_1 is the path itself, UTF-16LE with its NUL, at offset 0.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcGetPrinterDriverDirectory } from '../messages/get-printer-driver-directory';
import { SERVER_ENVIRONMENT, fitInfo, infoError, outArray, rprnOperation, win32 } from '../rprn-call';

export const rpcGetPrinterDriverDirectory = rprnOperation(
  RpcGetPrinterDriverDirectory,
  async ({ name, environment, level, buffer }, ctx) => {
    if (level !== 1) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
    const res = await win32(() =>
      ctx.provider.getPrinterDriverDirectory(name, environment ?? SERVER_ENVIRONMENT, ctx.caller),
    );
    if (!res.ok) return infoError(buffer, res.status);
    const path = Buffer.from(`${res.value}\0`, 'utf16le');
    return fitInfo(buffer, path.length, 1, () => outArray(buffer.cbBuf, path));
  },
);
