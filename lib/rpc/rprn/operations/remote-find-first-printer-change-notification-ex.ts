/**
 * RpcRemoteFindFirstPrinterChangeNotificationEx — [MS-RPRN] 3.1.4.10.4
 * (messages/remote-find-first-printer-change-notification-ex.ts).
 *
 * Windows answers by calling back the client's own spooler (RpcReplyOpenPrinter on
 * `\\pszLocalMachine\pipe\spoolss`) and fails with RPC_S_SERVER_UNAVAILABLE when it cannot reach
 * it. This server never opens connections out of the machine (the callback is the PrinterBug
 * coercion vector), so it answers as Windows does when the callback fails. Clients fall back to
 * polling. pOptions is not needed to give that answer and is not interpreted.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcRemoteFindFirstPrinterChangeNotificationEx } from '../messages/remote-find-first-printer-change-notification-ex';
import { lookupHandle, rprnOperation } from '../rprn-call';

export const rpcRemoteFindFirstPrinterChangeNotificationEx = rprnOperation(
  RpcRemoteFindFirstPrinterChangeNotificationEx,
  ({ hPrinter, localMachine }, ctx) => {
    lookupHandle(ctx, hPrinter);
    ctx.logger.info('change notification refused: no callback out of the machine', { localMachine });
    return Promise.resolve({ status: Win32ErrorCode.RPC_S_SERVER_UNAVAILABLE });
  },
);
