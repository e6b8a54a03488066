/**
 * RpcXcvData — [MS-RPRN] 3.1.4.6.5 (messages/xcv-data.ts). The spooler's own failures (a handle
 * that is not a port monitor's, a cbOutputData past the server's limit) are the return value;
 * what the monitor answers is pdwStatus, with the method's status ERROR_SUCCESS, so a client's
 * XcvData returns TRUE and reads the monitor's status, as winspool's does.
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcXcvData } from '../messages/xcv-data';
import { checkOutSize, lookupHandle, rprnOperation, win32 } from '../rprn-call';

export const rpcXcvData = rprnOperation(RpcXcvData, async (req, ctx) => {
  const handle = lookupHandle(ctx, req.hXcv);
  const cbOutput = checkOutSize(req.cbOutputData);
  const res = await win32(() => {
    if (!ctx.provider.xcvData) throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'XcvData');
    return ctx.provider.xcvData(handle, req.dataName, req.inputData, cbOutput);
  });
  if (!res.ok)
    return { outputData: Buffer.alloc(cbOutput), cbOutputNeeded: 0, dwStatus: req.dwStatus, status: res.status };
  return {
    outputData: res.value.output,
    cbOutputNeeded: res.value.needed,
    dwStatus: res.value.status,
    status: Win32ErrorCode.ERROR_SUCCESS,
  };
});
