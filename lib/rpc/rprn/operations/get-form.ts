/**
 * RpcGetForm (opnum 32) — [MS-RPRN] 3.1.4.5.3.
 *
 *   in:  PRINTER_HANDLE hPrinter; [string] wchar_t* pFormName; DWORD Level;
 *        [in, out, unique, size_is(cbBuf)] BYTE* pForm; DWORD cbBuf
 *   out: pForm; DWORD pcbNeeded; DWORD status
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { infoError, infoResponse, infoResult, lookupHandle, readInBuffer, win32 } from '../rprn-call';
import { FORM_INFO_1_LAYOUT, formInfoRecord } from '../structures/info-layouts';

export const rpcGetForm: RprnOperation = {
  opnum: RprnOpnum.RpcGetForm,
  name: 'RpcGetForm',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const formName = r.string('pFormName');
    const level = r.u32('Level');
    const inBuf = readInBuffer(r, 'Form');
    const handle = lookupHandle(ctx, wire);
    if (level !== 1) return infoResponse(infoError(inBuf, Win32ErrorCode.ERROR_INVALID_LEVEL), false);
    const res = await win32(() => ctx.provider.getForm(handle, formName));
    if (!res.ok) return infoResponse(infoError(inBuf, res.status), false);
    return infoResponse(infoResult(inBuf, FORM_INFO_1_LAYOUT, [formInfoRecord(res.value)]), false);
  },
};
