/**
 * RpcAddPrinter and RpcAddPrinterEx — [MS-RPRN] 3.1.4.2.3, 3.1.4.2.15 (messages/add-printer.ts,
 * messages/add-printer-ex.ts): level 2, the PRINTER_INFO_2 with the DEVMODE and security
 * descriptor of their containers. The checks and their statuses are the spooler's
 * (lib/spooler/printers/add-printer.ts); the new printer's handle is registered here.
 *
 * DEVIATION: level 1 (a printer added to the directory's list of well-known printers) answers
 * ERROR_INVALID_LEVEL: there is no directory service here. smbtorture's addprinterwkn cases
 * expect ERROR_PRINTER_ALREADY_EXISTS as their success, and count no tests.
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { SplClientInfo1 } from '../../../spoolss/types';
import { NULL_CONTEXT_HANDLE } from '../handle-table';
import { RpcAddPrinter, type AddPrinterRequest } from '../messages/add-printer';
import { RpcAddPrinterEx } from '../messages/add-printer-ex';
import type { RprnCallContext } from '../rprn-call';
import { rprnOperation, win32 } from '../rprn-call';
import { splClientInfoFromRecord } from './open-printer-ex';
import { level2Fields } from './set-printer';

async function addPrinter(
  req: AddPrinterRequest,
  clientInfo: SplClientInfo1 | undefined,
  ctx: RprnCallContext,
): Promise<{ handle: Buffer; status: number }> {
  const refuse = (status: number): { handle: Buffer; status: number } => ({ handle: NULL_CONTEXT_HANDLE, status });
  const { level, info } = req.printerContainer;
  if (level !== 2) return refuse(Win32ErrorCode.ERROR_INVALID_LEVEL);
  if (info === undefined) return refuse(Win32ErrorCode.ERROR_INVALID_PARAMETER);
  if (ctx.handles.full) return refuse(Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY);
  const printerName = typeof info['pPrinterName'] === 'string' ? info['pPrinterName'] : undefined;
  const printer = {
    ...level2Fields(info, req.devMode, req.securityDescriptor),
    ...(printerName !== undefined && { printerName }),
  };
  const res = await win32(() => {
    if (!ctx.provider.addPrinter) throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'AddPrinter');
    return ctx.provider.addPrinter(
      req.name,
      printer,
      { desiredAccess: 0, ...(clientInfo !== undefined && { clientInfo }) },
      ctx.caller,
    );
  });
  if (!res.ok) return refuse(res.status);
  return { handle: ctx.handles.add(res.value, ctx.caller), status: Win32ErrorCode.ERROR_SUCCESS };
}

export const rpcAddPrinter = rprnOperation(RpcAddPrinter, (req, ctx) => addPrinter(req, undefined, ctx));

export const rpcAddPrinterEx = rprnOperation(RpcAddPrinterEx, (req, ctx) =>
  addPrinter(req, splClientInfoFromRecord(req.clientInfo.level, req.clientInfo.info), ctx),
);
