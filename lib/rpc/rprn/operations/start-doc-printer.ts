/**
 * RpcStartDocPrinter — [MS-RPRN] 3.1.4.9.1 (messages/start-doc-printer.ts): a job from the
 * DOC_INFO_1; the response carries its id.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { recordFields } from '../../ndr/record-fields';
import { RpcStartDocPrinter } from '../messages/start-doc-printer';
import { lookupHandle, rprnOperation, win32 } from '../rprn-call';

export const rpcStartDocPrinter = rprnOperation(RpcStartDocPrinter, async ({ hPrinter, docInfoContainer }, ctx) => {
  const handle = lookupHandle(ctx, hPrinter);
  if (docInfoContainer.info === undefined) return { jobId: 0, status: Win32ErrorCode.ERROR_INVALID_PARAMETER };
  const v = recordFields(docInfoContainer.info);
  const outputFile = v.optionalString('pOutputFile');
  const datatype = v.optionalString('pDatatype');
  const res = await win32(() =>
    ctx.provider.startDocPrinter(handle, {
      documentName: v.optionalString('pDocName') ?? '',
      ...(outputFile !== undefined && { outputFile }),
      ...(datatype !== undefined && { datatype }),
    }),
  );
  return { jobId: res.ok ? res.value : 0, status: res.ok ? Win32ErrorCode.ERROR_SUCCESS : res.status };
});
