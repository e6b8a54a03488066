/**
 * RpcOpenPrinter (opnum 1) — [MS-RPRN] 3.1.4.2.2.
 *
 *   in:  [string, unique] STRING_HANDLE pPrinterName; [string, unique] wchar_t* pDatatype;
 *        DEVMODE_CONTAINER* pDevModeContainer; DWORD AccessRequired
 *   out: PRINTER_HANDLE* pHandle (20 bytes); DWORD status
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { OpenPrinterOptions } from '../../../spoolss/types';
import type { NdrReader } from '../../ndr/ndr-reader';
import { NdrWriter } from '../../ndr/ndr-writer';
import { NULL_CONTEXT_HANDLE } from '../handle-table';
import { RprnOpnum } from '../opnums';
import type { RprnCallContext, RprnOperation } from '../rprn-call';
import { win32 } from '../rprn-call';
import { decodeByteContainer } from '../structures/containers';

/** Opens through the provider and registers the handle; a full table refuses the open. */
export async function openAndRegister(
  ctx: RprnCallContext,
  printerName: string | undefined,
  options: OpenPrinterOptions,
): Promise<Buffer> {
  const w = new NdrWriter();
  if (ctx.handles.full) {
    ctx.logger.warn('handle table full', { max: ctx.handles.maxHandles });
    w.contextHandle(NULL_CONTEXT_HANDLE).u32(Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY);
    return w.finish();
  }
  const res = await win32(() => ctx.provider.openPrinter(printerName, options, ctx.caller));
  if (!res.ok) {
    w.contextHandle(NULL_CONTEXT_HANDLE).u32(res.status);
    return w.finish();
  }
  const wire = ctx.handles.add(res.value);
  ctx.logger.debug('printer opened', { name: printerName, kind: res.value.kind, granted: res.value.grantedAccess });
  w.contextHandle(wire).u32(Win32ErrorCode.ERROR_SUCCESS);
  return w.finish();
}

export const rpcOpenPrinter: RprnOperation = {
  opnum: RprnOpnum.RpcOpenPrinter,
  name: 'RpcOpenPrinter',
  async handle(r: NdrReader, ctx) {
    const printerName = r.uniqueString('pPrinterName');
    const datatype = r.uniqueString('pDatatype');
    const devMode = decodeByteContainer(r, 'pDevModeContainer');
    const accessRequired = r.u32('AccessRequired');
    return openAndRegister(ctx, printerName, {
      desiredAccess: accessRequired,
      ...(datatype !== undefined && { datatype }),
      ...(devMode !== undefined && { devMode }),
    });
  },
};
