/**
 * RpcEnumForms (opnum 34) — [MS-RPRN] 3.1.4.5.5.
 *
 *   in:  PRINTER_HANDLE hPrinter; DWORD Level; [in, out, unique, size_is(cbBuf)] BYTE* pForm; DWORD cbBuf
 *   out: pForm; DWORD pcbNeeded; DWORD pcReturned; DWORD status
 *
 * DEVIATION: level 1 only (_FORM_INFO_1); FORM_INFO_2's localized display names are not modelled.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { infoError, infoResponse, infoResult, lookupHandle, readInBuffer, win32 } from '../rprn-call';
import { FORM_INFO_1_LAYOUT, formInfoRecord } from '../structures/info-layouts';

export const rpcEnumForms: RprnOperation = {
  opnum: RprnOpnum.RpcEnumForms,
  name: 'RpcEnumForms',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const level = r.u32('Level');
    const inBuf = readInBuffer(r, 'Form');
    const handle = lookupHandle(ctx, wire);
    if (level !== 1) return infoResponse(infoError(inBuf, Win32ErrorCode.ERROR_INVALID_LEVEL), true);
    const res = await win32(() => ctx.provider.enumForms(handle));
    if (!res.ok) return infoResponse(infoError(inBuf, res.status), true);
    return infoResponse(infoResult(inBuf, FORM_INFO_1_LAYOUT, res.value.map(formInfoRecord)), true);
  },
};
