/**
 * RpcFindClosePrinterChangeNotification — [MS-RPRN] 3.1.4.10.2
 * (messages/find-close-printer-change-notification.ts).
 *
 * No notification channel is ever opened (see remote-find-first-printer-change-notification-ex),
 * so closing one on a valid handle has nothing to undo: ERROR_SUCCESS, as Samba answers.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcFindClosePrinterChangeNotification } from '../messages/find-close-printer-change-notification';
import { lookupHandle, rprnOperation } from '../rprn-call';

export const rpcFindClosePrinterChangeNotification = rprnOperation(
  RpcFindClosePrinterChangeNotification,
  ({ hPrinter }, ctx) => {
    lookupHandle(ctx, hPrinter);
    return Promise.resolve({ status: Win32ErrorCode.ERROR_SUCCESS });
  },
);
