/**
 * RpcAddPrintProcessor and RpcDeletePrintProcessor — [MS-RPRN] 3.1.4.8.1, 3.1.4.8.3
 * (messages/add-print-processor.ts, messages/delete-print-processor.ts); the checks and their
 * statuses are the spooler's (lib/spooler/drivers/print-processors.ts).
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcAddPrintProcessor } from '../messages/add-print-processor';
import { RpcDeletePrintProcessor } from '../messages/delete-print-processor';
import { SERVER_ENVIRONMENT, rprnOperation, statusOf } from '../rprn-call';

export const rpcAddPrintProcessor = rprnOperation(RpcAddPrintProcessor, (req, ctx) =>
  statusOf(() => {
    if (!ctx.provider.addPrintProcessor) throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'AddPrintProcessor');
    return ctx.provider.addPrintProcessor(req.name, req.environment, req.pathName, req.printProcessorName, ctx.caller);
  }),
);

export const rpcDeletePrintProcessor = rprnOperation(RpcDeletePrintProcessor, (req, ctx) =>
  statusOf(() => {
    if (!ctx.provider.deletePrintProcessor)
      throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'DeletePrintProcessor');
    return ctx.provider.deletePrintProcessor(
      req.name,
      req.environment ?? SERVER_ENVIRONMENT,
      req.printProcessorName,
      ctx.caller,
    );
  }),
);
