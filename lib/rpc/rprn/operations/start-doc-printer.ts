/**
 * RpcStartDocPrinter (opnum 17) — [MS-RPRN] 3.1.4.9.1.
 *
 *   in:  PRINTER_HANDLE hPrinter; DOC_INFO_CONTAINER* pDocInfoContainer
 *        (u32 Level = 1, union tag, referent -> DOC_INFO_1 { pDocName*, pOutputFile*, pDatatype* })
 *   out: DWORD pJobId; DWORD status
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { NdrReader } from '../../ndr/ndr-reader';
import { NdrWriter } from '../../ndr/ndr-writer';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { lookupHandle, win32 } from '../rprn-call';
import { DOC_INFO, decodeLevelContainer } from '../structures/containers';

export const rpcStartDocPrinter: RprnOperation = {
  opnum: RprnOpnum.RpcStartDocPrinter,
  name: 'RpcStartDocPrinter',
  async handle(r: NdrReader, ctx) {
    const wire = r.contextHandle('hPrinter');
    const container = decodeLevelContainer(r, DOC_INFO, 'pDocInfoContainer');
    const handle = lookupHandle(ctx, wire);
    const w = new NdrWriter();
    const info = container.info;
    if (info === undefined) return w.u32(0).u32(Win32ErrorCode.ERROR_INVALID_PARAMETER).finish();
    const str = (k: string): string | undefined => (typeof info[k] === 'string' ? info[k] : undefined);
    const outputFile = str('pOutputFile');
    const datatype = str('pDatatype');
    const res = await win32(() =>
      ctx.provider.startDocPrinter(handle, {
        documentName: str('pDocName') ?? '',
        ...(outputFile !== undefined && { outputFile }),
        ...(datatype !== undefined && { datatype }),
      }),
    );
    return w
      .u32(res.ok ? res.value : 0)
      .u32(res.ok ? Win32ErrorCode.ERROR_SUCCESS : res.status)
      .finish();
  },
};
