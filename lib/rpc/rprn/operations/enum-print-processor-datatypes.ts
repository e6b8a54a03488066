/**
 * RpcEnumPrintProcessorDatatypes — [MS-RPRN] 3.1.4.8.5 (messages/enum-print-processor-datatypes.ts):
 * level 1 (DATATYPES_INFO_1). The processor is checked first: a NULL or unknown one is
 * ERROR_UNKNOWN_PRINTPROCESSOR whatever the level, as Windows answers smbtorture.
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcEnumPrintProcessorDatatypes } from '../messages/enum-print-processor-datatypes';
import { infoError, infoResult, rprnOperation, win32 } from '../rprn-call';
import { DATATYPES_INFO_1_LAYOUT } from '../structures/info-layouts';

export const rpcEnumPrintProcessorDatatypes = rprnOperation(
  RpcEnumPrintProcessorDatatypes,
  async ({ name, printProcessorName, level, buffer }, ctx) => {
    const res = await win32(() => {
      if (!ctx.provider.enumPrintProcessorDatatypes)
        throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'EnumPrintProcessorDatatypes');
      return ctx.provider.enumPrintProcessorDatatypes(name, printProcessorName, ctx.caller);
    });
    if (!res.ok) return infoError(buffer, res.status);
    if (level !== 1) return infoError(buffer, Win32ErrorCode.ERROR_INVALID_LEVEL);
    return infoResult(
      buffer,
      DATATYPES_INFO_1_LAYOUT,
      res.value.map((pName) => ({ pName })),
    );
  },
);
