/**
 * QUERY_DIRECTORY — [MS-SMB2] 3.3.5.18: the open directory enumerates itself (pattern, restart,
 * resume, single entry); the output never exceeds OutputBufferLength.
 */
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import { decodeQueryDirectoryRequest, encodeQueryDirectoryResponse } from '../../messages/query-directory';
import { checkCreditCharge } from './credit-charge';
import type { HandlerResponse, RequestContext } from './handler';

export async function handleQueryDirectory(ctx: RequestContext): Promise<HandlerResponse> {
  const request = decodeQueryDirectoryRequest(ctx.body, ctx.base);
  const open = ctx.findOpen(request.fileId);
  if (request.outputBufferLength > ctx.connection.maxTransactSize) {
    throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, 'OutputBufferLength exceeds MaxTransactSize');
  }
  checkCreditCharge(ctx, request.outputBufferLength);
  const output = await open.queryDirectory(request);
  return {
    status: NtStatus.STATUS_SUCCESS,
    encodeBody: (w, base) => encodeQueryDirectoryResponse(w, base, { output }),
  };
}
