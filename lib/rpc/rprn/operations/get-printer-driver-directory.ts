/**
 * RpcGetPrinterDriverDirectory (opnum 12) — [MS-RPRN] 3.1.4.4.4.
 *
 *   in:  [string, unique] STRING_HANDLE pName; [string, unique] wchar_t* pEnvironment; DWORD Level;
 *        [in, out, unique, size_is(cbDriverDirectory)] BYTE* pDriverDirectory; DWORD cbDriverDirectory
 *   out: pDriverDirectory; DWORD pcbNeeded; DWORD status
 *
 * Level 1 only: DRIVER_DIRECTORY_1 is the path itself, UTF-16LE with its NUL, at offset 0.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { SERVER_ENVIRONMENT, fitInfo, infoError, infoResponse, readInBuffer, win32 } from '../rprn-call';

export const rpcGetPrinterDriverDirectory: RprnOperation = {
  opnum: RprnOpnum.RpcGetPrinterDriverDirectory,
  name: 'RpcGetPrinterDriverDirectory',
  async handle(r: NdrReader, ctx) {
    const name = r.uniqueString('pName');
    const environment = r.uniqueString('pEnvironment');
    const level = r.u32('Level');
    const inBuf = readInBuffer(r, 'DriverDirectory');
    if (level !== 1) return infoResponse(infoError(inBuf, Win32ErrorCode.ERROR_INVALID_LEVEL), false);
    const res = await win32(() =>
      ctx.provider.getPrinterDriverDirectory(name, environment ?? SERVER_ENVIRONMENT, ctx.caller),
    );
    if (!res.ok) return infoResponse(infoError(inBuf, res.status), false);
    const path = Buffer.from(`${res.value}\0`, 'utf16le');
    return infoResponse(
      fitInfo(inBuf, path.length, 1, () => {
        const out = Buffer.alloc(inBuf.cbBuf);
        path.copy(out);
        return out;
      }),
      false,
    );
  },
};
