/**
 * RpcEnumPrintProcessors (opnum 15) — [MS-RPRN] 3.1.4.8.2.
 *
 *   in:  [string, unique] STRING_HANDLE pName; [string, unique] wchar_t* pEnvironment; DWORD Level;
 *        [in, out, unique, size_is(cbBuf)] BYTE* pPrintProcessorInfo; DWORD cbBuf
 *   out: pPrintProcessorInfo; DWORD pcbNeeded; DWORD pcReturned; DWORD status
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { SERVER_ENVIRONMENT, infoError, infoResponse, infoResult, readInBuffer, win32 } from '../rprn-call';
import { PRINTPROCESSOR_INFO_1_LAYOUT, printProcessorInfoRecord } from '../structures/info-layouts';

export const rpcEnumPrintProcessors: RprnOperation = {
  opnum: RprnOpnum.RpcEnumPrintProcessors,
  name: 'RpcEnumPrintProcessors',
  async handle(r: NdrReader, ctx) {
    const name = r.uniqueString('pName');
    const environment = r.uniqueString('pEnvironment');
    const level = r.u32('Level');
    const inBuf = readInBuffer(r, 'PrintProcessorInfo');
    if (level !== 1) return infoResponse(infoError(inBuf, Win32ErrorCode.ERROR_INVALID_LEVEL), true);
    const res = await win32(() =>
      ctx.provider.enumPrintProcessors(name, environment ?? SERVER_ENVIRONMENT, ctx.caller),
    );
    if (!res.ok) return infoResponse(infoError(inBuf, res.status), true);
    return infoResponse(infoResult(inBuf, PRINTPROCESSOR_INFO_1_LAYOUT, res.value.map(printProcessorInfoRecord)), true);
  },
};
