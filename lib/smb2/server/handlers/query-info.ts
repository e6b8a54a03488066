/**
 * QUERY_INFO — [MS-SMB2] 3.3.5.20: file (3.3.5.20.1), file-system (3.3.5.20.2) and security
 * (3.3.5.20.3) information of an open. A buffer smaller than a class's fixed part is
 * STATUS_INFO_LENGTH_MISMATCH; a variable part that does not fit is truncated with
 * STATUS_BUFFER_OVERFLOW; a security descriptor that does not fit is STATUS_BUFFER_TOO_SMALL with
 * the needed size in the error data.
 */
import { BufferWriter } from '../../../common/binary/buffer-writer';
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import { InfoType } from '../../constants';
import { encodeErrorResponse } from '../../messages/error-response';
import { decodeQueryInfoRequest, encodeQueryInfoResponse } from '../../messages/query-info';
import type { InfoOutput } from '../open';
import { checkCreditCharge } from './credit-charge';
import type { HandlerResponse, RequestContext } from './handler';

function fit(out: InfoOutput, max: number): HandlerResponse {
  if (out.data.length <= max) {
    return {
      status: NtStatus.STATUS_SUCCESS,
      encodeBody: (w, base) => encodeQueryInfoResponse(w, base, { output: out.data }),
    };
  }
  if (max < out.minimumSize) throw new NtStatusError(NtStatus.STATUS_INFO_LENGTH_MISMATCH);
  const output = out.data.subarray(0, max);
  return {
    status: NtStatus.STATUS_BUFFER_OVERFLOW,
    encodeBody: (w, base) => encodeQueryInfoResponse(w, base, { output }),
  };
}

export async function handleQueryInfo(ctx: RequestContext): Promise<HandlerResponse> {
  const request = decodeQueryInfoRequest(ctx.body, ctx.base);
  const open = ctx.findOpen(request.fileId);
  const max = request.outputBufferLength;
  if (max > ctx.connection.maxTransactSize)
    throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, 'OutputBufferLength exceeds MaxTransactSize');
  checkCreditCharge(ctx, Math.max(max, request.input.length));
  switch (request.infoType) {
    case InfoType.SMB2_0_INFO_FILE:
      return fit(await open.queryFileInfo(request.fileInfoClass), max);
    case InfoType.SMB2_0_INFO_FILESYSTEM:
      return fit(await open.queryFsInfo(request.fileInfoClass), max);
    case InfoType.SMB2_0_INFO_SECURITY: {
      const sd = await open.querySecurity(request.additionalInformation);
      if (sd.length > max) {
        const needed = new BufferWriter(4).u32(sd.length).finish();
        return {
          status: NtStatus.STATUS_BUFFER_TOO_SMALL,
          encodeBody: (w) => encodeErrorResponse(w, { errorContextCount: 0, errorData: needed }),
        };
      }
      return {
        status: NtStatus.STATUS_SUCCESS,
        encodeBody: (w, base) => encodeQueryInfoResponse(w, base, { output: sd }),
      };
    }
    case InfoType.SMB2_0_INFO_QUOTA:
      throw new NtStatusError(NtStatus.STATUS_NOT_SUPPORTED, 'no quotas');
    default:
      throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, `InfoType ${request.infoType}`);
  }
}
