/**
 * RpcEnumPrintProcessors — [MS-RPRN] 3.1.4.8.2 (messages/enum-print-processors.ts): level 1.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcEnumPrintProcessors } from '../messages/enum-print-processors';
import { SERVER_ENVIRONMENT, infoError, infoResult, rprnOperation, win32 } from '../rprn-call';
import { PRINTPROCESSOR_INFO_1_LAYOUT } from '../structures/info-layouts';
import { printProcessorInfoRecord } from '../structures/info-records-from-domain';

export const rpcEnumPrintProcessors = rprnOperation(
  RpcEnumPrintProcessors,
  async ({ name, environment, level, buffer }, ctx) => {
    if (level !== 1) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
    const res = await win32(() =>
      ctx.provider.enumPrintProcessors(name, environment ?? SERVER_ENVIRONMENT, ctx.caller),
    );
    if (!res.ok) return infoError(buffer, res.status);
    return infoResult(buffer, PRINTPROCESSOR_INFO_1_LAYOUT, res.value.map(printProcessorInfoRecord));
  },
);
