/**
 * RpcFindClosePrinterChangeNotification (opnum 56) — [MS-RPRN] 3.1.4.10.2.
 *
 *   in:  PRINTER_HANDLE hPrinter
 *   out: DWORD status
 *
 * No notification channel is ever opened (see remote-find-first-printer-change-notification-ex),
 * so closing one on a valid handle has nothing to undo: ERROR_SUCCESS, as Samba answers.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle, statusResponse } from '../rprn-call';

export const rpcFindClosePrinterChangeNotification: RprnOperation = {
  opnum: RprnOpnum.RpcFindClosePrinterChangeNotification,
  name: 'RpcFindClosePrinterChangeNotification',
  handle(r: NdrReader, ctx) {
    lookupHandle(ctx, r.contextHandle('hPrinter'));
    return Promise.resolve(statusResponse(Win32ErrorCode.ERROR_SUCCESS));
  },
};
