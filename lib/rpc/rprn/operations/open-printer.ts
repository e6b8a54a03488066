/**
 * RpcOpenPrinter — [MS-RPRN] 3.1.4.2.2 (messages/open-printer.ts).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { OpenPrinterOptions } from '../../../spoolss/types';
import { NULL_CONTEXT_HANDLE } from '../handle-table';
import { RpcOpenPrinter } from '../messages/open-printer';
import type { RprnCallContext } from '../rprn-call';
import { rprnOperation, win32 } from '../rprn-call';

/**
 * Opens through the provider and registers the handle; a full table refuses the open. A NULL
 * name is the local print server ([MS-RPRN] 3.1.4.2.2); an empty, non-NULL string names nothing
 * and is ERROR_INVALID_PRINTER_NAME, as Windows answers smbtorture's openprinter_badnamelist.
 */
export async function openAndRegister(
  ctx: RprnCallContext,
  printerName: string | undefined,
  options: OpenPrinterOptions,
): Promise<{ handle: Buffer; status: number }> {
  if (ctx.handles.full) {
    ctx.logger.warn('handle table full', { max: ctx.handles.maxHandles });
    return { handle: NULL_CONTEXT_HANDLE, status: Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY };
  }
  if (printerName === '') return { handle: NULL_CONTEXT_HANDLE, status: Win32ErrorCode.ERROR_INVALID_PRINTER_NAME };
  const res = await win32(() => ctx.provider.openPrinter(printerName, options, ctx.caller));
  if (!res.ok) return { handle: NULL_CONTEXT_HANDLE, status: res.status };
  const wire = ctx.handles.add(res.value, ctx.caller);
  ctx.logger.debug('printer opened', { name: printerName, kind: res.value.kind, granted: res.value.grantedAccess });
  return { handle: wire, status: Win32ErrorCode.ERROR_SUCCESS };
}

export const rpcOpenPrinter = rprnOperation(RpcOpenPrinter, (req, ctx) =>
  openAndRegister(ctx, req.printerName, {
    desiredAccess: req.accessRequired,
    ...(req.datatype !== undefined && { datatype: req.datatype }),
    ...(req.devMode !== undefined && { devMode: req.devMode }),
  }),
);
