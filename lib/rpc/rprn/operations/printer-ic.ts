/**
 * Printer information contexts — [MS-RPRN] 3.1.4.2.10-12 (messages/create-printer-ic.ts,
 * play-gdi-script-on-printer-ic.ts, delete-printer-ic.ts). GDI opens one to ask a remote printer
 * for its device fonts; the only script it plays returns them:
 *
 *   pOut: DWORD count | UNIVERSAL_FONT_ID[count] (2.2.2.12: DWORD Checksum, DWORD Index)
 *
 * cOut below 4 (no room for the count) is ERROR_NOT_ENOUGH_MEMORY; otherwise the count and as
 * many font IDs as fit are returned, so a client learns the count with 4 bytes and asks again.
 * pIn, cIn and ul are ignored, as the specification says.
 */
import { RpcFaultError, Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { FaultStatus } from '../../constants';
import { NULL_CONTEXT_HANDLE } from '../handle-table';
import { RpcCreatePrinterIC } from '../messages/create-printer-ic';
import { RpcDeletePrinterIC } from '../messages/delete-printer-ic';
import { RpcPlayGdiScriptOnPrinterIC } from '../messages/play-gdi-script-on-printer-ic';
import { checkOutSize, lookupHandle, rprnOperation, win32, type RprnCallContext } from '../rprn-call';
import { extraOf } from './extras';

const UNIVERSAL_FONT_ID_SIZE = 8;

function lookupIc(ctx: RprnCallContext, wire: Buffer): NonNullable<ReturnType<RprnCallContext['gdiHandles']['get']>> {
  const ic = ctx.gdiHandles.get(wire, ctx.caller);
  if (ic === undefined) throw new RpcFaultError(FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH, 'unknown GDI_HANDLE');
  return ic;
}

export const rpcCreatePrinterIC = rprnOperation(RpcCreatePrinterIC, async (req, ctx) => {
  const handle = lookupHandle(ctx, req.hPrinter);
  const res = await win32(async () => {
    if (ctx.gdiHandles.full)
      throw new Win32Error(Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY, 'too many printer information contexts');
    return extraOf(ctx.provider, 'printerIcs').createPrinterIC(handle, req.devMode);
  });
  if (!res.ok) return { gdiHandle: NULL_CONTEXT_HANDLE, status: res.status };
  return { gdiHandle: ctx.gdiHandles.add(res.value, ctx.caller), status: 0 };
});

export const rpcPlayGdiScriptOnPrinterIC = rprnOperation(RpcPlayGdiScriptOnPrinterIC, (req, ctx) => {
  const ic = lookupIc(ctx, req.gdiHandle);
  const out = Buffer.alloc(checkOutSize(req.cOut));
  if (out.length < 4) return Promise.resolve({ output: out, status: Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY });
  out.writeUInt32LE(ic.deviceFonts.length, 0);
  const fit = Math.min(ic.deviceFonts.length, Math.floor((out.length - 4) / UNIVERSAL_FONT_ID_SIZE));
  for (let i = 0; i < fit; i++) {
    const font = ic.deviceFonts[i];
    if (font === undefined) break;
    out.writeUInt32LE(font.checksum >>> 0, 4 + i * UNIVERSAL_FONT_ID_SIZE);
    out.writeUInt32LE(font.index >>> 0, 8 + i * UNIVERSAL_FONT_ID_SIZE);
  }
  return Promise.resolve({ output: out, status: 0 });
});

export const rpcDeletePrinterIC = rprnOperation(RpcDeletePrinterIC, (req, ctx) => {
  lookupIc(ctx, req.gdiHandle);
  ctx.gdiHandles.remove(req.gdiHandle);
  return Promise.resolve({ gdiHandle: NULL_CONTEXT_HANDLE, status: 0 });
});
