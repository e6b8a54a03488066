/**
 * RpcSetPrinter at level 7 — [MS-RPRN] 3.1.4.2.5 with 2.2.1.10.8 PRINTER_INFO_7: publishing the
 * printer in the directory (lib/spooler/printers/publish-printer.ts says how a server without one
 * answers). pszObjectGUID is ignored on receipt, as the specification says; a command with
 * level 7 is ERROR_INVALID_PRINTER_COMMAND as at every level but 0. ERROR_IO_PENDING (publishing
 * pending) is the provider's answer, not an error.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { PrinterHandle } from '../../../spoolss/types';
import type { NdrRecord } from '../../ndr/ndr-struct';
import { recordFields } from '../../ndr/record-fields';
import type { StatusResponse } from '../messages/parameters';
import { win32, type RprnCallContext } from '../rprn-call';
import { extraOf } from './extras';

export async function setPrinterPublishing(
  ctx: RprnCallContext,
  handle: PrinterHandle,
  info: NdrRecord | undefined,
  command: number,
): Promise<StatusResponse> {
  if (command !== 0) return { status: Win32ErrorCode.ERROR_INVALID_PRINTER_COMMAND };
  if (info === undefined) return { status: Win32ErrorCode.ERROR_INVALID_PARAMETER };
  const action = recordFields(info).number('dwAction');
  const res = await win32(() => extraOf(ctx.provider, 'publishing').setPrinterPublishing(handle, action));
  return { status: res.ok ? res.value : res.status };
}
