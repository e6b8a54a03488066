/**
 * RpcEnumPrinters — [MS-RPRN] 3.1.4.2.1 (messages/enum-printers.ts): levels 0, 1, 2, 4 and 5.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcEnumPrinters } from '../messages/enum-printers';
import { infoError, infoResult, rprnOperation, win32 } from '../rprn-call';
import { PRINTER_INFO_LAYOUTS } from '../structures/info-layouts';
import { printerInfoRecord } from '../structures/info-records-from-domain';

const ENUM_LEVELS: ReadonlySet<number> = new Set([0, 1, 2, 4, 5]);

export const rpcEnumPrinters = rprnOperation(RpcEnumPrinters, async ({ flags, name, level, buffer }, ctx) => {
  const layout = PRINTER_INFO_LAYOUTS[level];
  if (!ENUM_LEVELS.has(level) || layout === undefined) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
  const res = await win32(() => ctx.provider.enumPrinters(flags, name, ctx.caller));
  if (!res.ok) return infoError(buffer, res.status);
  return infoResult(
    buffer,
    layout,
    res.value.map((p) => printerInfoRecord(level, p)),
  );
});
