/**
 * RpcEnumForms — [MS-RPRN] 3.1.4.5.5 (messages/enum-forms.ts).
 *
 * Levels 1 and 2 (FORM_INFO_2: see formInfoRecord for its display name).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcEnumForms } from '../messages/enum-forms';
import { infoError, infoResult, lookupHandle, rprnOperation, win32 } from '../rprn-call';
import { FORM_INFO_LAYOUTS } from '../structures/info-layouts';
import { formInfoRecord } from '../structures/info-records-from-domain';

export const rpcEnumForms = rprnOperation(RpcEnumForms, async ({ hPrinter, level, buffer }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  const layout = FORM_INFO_LAYOUTS[level];
  if (layout === undefined) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
  const res = await win32(() => ctx.provider.enumForms(handle));
  if (!res.ok) return infoError(buffer, res.status);
  return infoResult(buffer, layout, res.value.map(formInfoRecord));
});
