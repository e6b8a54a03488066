/**
 * RpcGetPrintProcessorDirectory — [MS-RPRN] 3.1.4.8.4 (messages/get-print-processor-directory.ts).
 *
 * DEVIATION: as for RpcGetPrinterDriverDirectory, Windows answers every level as level 1 where
 * the specification has ERROR_INVALID_LEVEL (smbtorture's get_print_processor_directory sends
 * levels 78 and 1024 and expects the path); we answer as Windows does.
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcGetPrintProcessorDirectory } from '../messages/get-print-processor-directory';
import { SERVER_ENVIRONMENT, fitInfo, infoError, outArray, rprnOperation, win32 } from '../rprn-call';

export const rpcGetPrintProcessorDirectory = rprnOperation(
  RpcGetPrintProcessorDirectory,
  async ({ name, environment, buffer }, ctx) => {
    const res = await win32(() => {
      if (!ctx.provider.getPrintProcessorDirectory)
        throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'GetPrintProcessorDirectory');
      return ctx.provider.getPrintProcessorDirectory(name, environment ?? SERVER_ENVIRONMENT, ctx.caller);
    });
    if (!res.ok) return infoError(buffer, res.status);
    const path = Buffer.from(`${res.value}\0`, 'utf16le');
    return fitInfo(buffer, path.length, 1, () => outArray(buffer.cbBuf, path));
  },
);
