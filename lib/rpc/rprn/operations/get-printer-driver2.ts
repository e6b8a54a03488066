/**
 * RpcGetPrinterDriver2 (opnum 53) — [MS-RPRN] 3.1.4.4.6.
 *
 *   in:  PRINTER_HANDLE hPrinter; [string, unique] wchar_t* pEnvironment; DWORD Level;
 *        [in, out, unique, size_is(cbBuf)] BYTE* pDriver; DWORD cbBuf;
 *        DWORD dwClientMajorVersion; DWORD dwClientMinorVersion
 *   out: pDriver (referent, max_count, bytes); DWORD pcbNeeded; DWORD pdwServerMaxVersion;
 *        DWORD pdwServerMinVersion; DWORD status
 *
 * pDriver holds a custom-marshaled _DRIVER_INFO_n (levels 1-6 and 8).
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { NdrWriter } from '../../ndr/ndr-writer';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import {
  SERVER_ENVIRONMENT,
  infoError,
  infoResult,
  lookupHandle,
  readInBuffer,
  win32,
  writeInfoOut,
} from '../rprn-call';
import { DRIVER_INFO_LAYOUTS, driverInfoRecord } from '../structures/info-layouts';

export const rpcGetPrinterDriver2: RprnOperation = {
  opnum: RprnOpnum.RpcGetPrinterDriver2,
  name: 'RpcGetPrinterDriver2',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const environment = r.uniqueString('pEnvironment');
    const level = r.u32('Level');
    const inBuf = readInBuffer(r, 'Driver');
    const clientMajor = r.u32('dwClientMajorVersion');
    r.u32('dwClientMinorVersion');
    const handle = lookupHandle(ctx, wire);
    const w = new NdrWriter();
    const layout = DRIVER_INFO_LAYOUTS[level];
    let maxVersion = 0;
    let minVersion = 0;
    if (layout === undefined) {
      writeInfoOut(w, infoError(inBuf, Win32ErrorCode.ERROR_INVALID_LEVEL), false);
    } else {
      const res = await win32(() =>
        ctx.provider.getPrinterDriver(handle, environment ?? SERVER_ENVIRONMENT, clientMajor),
      );
      if (res.ok) {
        maxVersion = res.value.serverMaxVersion;
        minVersion = res.value.serverMinVersion;
        const out = infoResult(inBuf, layout, [driverInfoRecord(res.value.driver)]);
        writeInfoOut(w, out, false);
        return w.u32(maxVersion).u32(minVersion).u32(out.status).finish();
      }
      writeInfoOut(w, infoError(inBuf, res.status), false);
      return w.u32(maxVersion).u32(minVersion).u32(res.status).finish();
    }
    return w.u32(maxVersion).u32(minVersion).u32(Win32ErrorCode.ERROR_INVALID_LEVEL).finish();
  },
};
