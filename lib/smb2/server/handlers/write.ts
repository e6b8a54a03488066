/**
 * WRITE — [MS-SMB2] 3.3.5.13: bytes to a pipe (an RPC request) or to a print job. Disk opens on
 * the read-only PRINT$ share never hold write access, so their writes are STATUS_ACCESS_DENIED.
 */
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import { decodeWriteRequest, encodeWriteResponse } from '../../messages/write';
import { checkCreditCharge } from './credit-charge';
import type { HandlerResponse, RequestContext } from './handler';

export async function handleWrite(ctx: RequestContext): Promise<HandlerResponse> {
  const request = decodeWriteRequest(ctx.body, ctx.base);
  const open = ctx.findOpen(request.fileId);
  const max = ctx.connection.maxWriteSize;
  if (request.data.length > max)
    throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, `WRITE of ${request.data.length} > MaxWriteSize ${max}`);
  checkCreditCharge(ctx, request.data.length);
  const count = await open.write(request.offset, request.data);
  return { status: NtStatus.STATUS_SUCCESS, encodeBody: (w) => encodeWriteResponse(w, { count, remaining: 0 }) };
}
