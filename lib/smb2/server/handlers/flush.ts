/**
 * FLUSH — [MS-SMB2] 3.3.5.11: nothing is buffered on this server, so a flush of any open succeeds.
 */
import { NtStatus } from '../../../common/status/ntstatus';
import { decodeFlushRequest, encodeFlushResponse } from '../../messages/flush';
import type { HandlerResponse, RequestContext } from './handler';

export function handleFlush(ctx: RequestContext): Promise<HandlerResponse> {
  const request = decodeFlushRequest(ctx.body);
  ctx.findOpen(request.fileId);
  return Promise.resolve({ status: NtStatus.STATUS_SUCCESS, encodeBody: (w) => encodeFlushResponse(w) });
}
