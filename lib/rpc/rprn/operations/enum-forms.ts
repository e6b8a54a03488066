/**
 * RpcEnumForms — [MS-RPRN] 3.1.4.5.5 (messages/enum-forms.ts).
 *
 * DEVIATION: level 1 only (_FORM_INFO_1); FORM_INFO_2's localized display names are not modelled.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcEnumForms } from '../messages/enum-forms';
import { infoError, infoResult, lookupHandle, rprnOperation, win32 } from '../rprn-call';
import { FORM_INFO_1_LAYOUT } from '../structures/info-layouts';
import { formInfoRecord } from '../structures/info-records-from-domain';

export const rpcEnumForms = rprnOperation(RpcEnumForms, async ({ hPrinter, level, buffer }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  if (level !== 1) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
  const res = await win32(() => ctx.provider.enumForms(handle));
  if (!res.ok) return infoError(buffer, res.status);
  return infoResult(buffer, FORM_INFO_1_LAYOUT, res.value.map(formInfoRecord));
});
