/**
 * RpcRemoteFindFirstPrinterChangeNotificationEx (opnum 65) — [MS-RPRN] 3.1.4.10.4.
 *
 *   in:  PRINTER_HANDLE hPrinter; DWORD fdwFlags; DWORD fdwOptions;
 *        [string, unique] wchar_t* pszLocalMachine; DWORD dwPrinterLocal;
 *        [unique] RPC_V2_NOTIFY_OPTIONS* pOptions
 *   out: DWORD status
 *
 * Windows answers by calling back the client's own spooler (RpcReplyOpenPrinter on
 * `\\pszLocalMachine\pipe\spoolss`) and fails with RPC_S_SERVER_UNAVAILABLE when it cannot reach
 * it. This server never opens connections out of the machine (the callback is the PrinterBug
 * coercion vector), so it answers as Windows does when the callback fails. Clients fall back to
 * polling. pOptions is not needed to give that answer and is not decoded.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle, statusResponse } from '../rprn-call';

export const rpcRemoteFindFirstPrinterChangeNotificationEx: RprnOperation = {
  opnum: RprnOpnum.RpcRemoteFindFirstPrinterChangeNotificationEx,
  name: 'RpcRemoteFindFirstPrinterChangeNotificationEx',
  handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    r.u32('fdwFlags');
    r.u32('fdwOptions');
    const localMachine = r.uniqueString('pszLocalMachine');
    r.u32('dwPrinterLocal');
    lookupHandle(ctx, wire);
    ctx.logger.info('change notification refused: no callback out of the machine', { localMachine });
    return Promise.resolve(statusResponse(Win32ErrorCode.RPC_S_SERVER_UNAVAILABLE));
  },
};
