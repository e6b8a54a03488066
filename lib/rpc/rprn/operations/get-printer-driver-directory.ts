/**
 * RpcGetPrinterDriverDirectory — [MS-RPRN] 3.1.4.4.4 (messages/get-printer-driver-directory.ts).
 *
 * DRIVER_DIRECTORY_1 is the path itself, UTF-16LE with its NUL, at offset 0.
 *
 * DEVIATION: [MS-RPRN] 3.1.4.4.4 says a Level other than 1 is ERROR_INVALID_LEVEL; Windows
 * answers every level as level 1 (smbtorture's get_printer_driver_directory sends level 78 with no
 * buffer and expects ERROR_INSUFFICIENT_BUFFER, then the path). We answer as Windows does.
 */
import { RpcGetPrinterDriverDirectory } from '../messages/get-printer-driver-directory';
import { SERVER_ENVIRONMENT, fitInfo, infoError, outArray, rprnOperation, win32 } from '../rprn-call';

export const rpcGetPrinterDriverDirectory = rprnOperation(
  RpcGetPrinterDriverDirectory,
  async ({ name, environment, buffer }, ctx) => {
    const res = await win32(() =>
      ctx.provider.getPrinterDriverDirectory(name, environment ?? SERVER_ENVIRONMENT, ctx.caller),
    );
    if (!res.ok) return infoError(buffer, res.status);
    const path = Buffer.from(`${res.value}\0`, 'utf16le');
    return fitInfo(buffer, path.length, 1, () => outArray(buffer.cbBuf, path));
  },
);
