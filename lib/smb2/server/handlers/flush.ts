/**
 * FLUSH — [MS-SMB2] 3.3.5.11: the open flushes what it wrote (a PRINT$ file: fsync); other opens
 * buffer nothing, so their flush succeeds.
 */
import { NtStatus } from '../../../common/status/ntstatus';
import { decodeFlushRequest, encodeFlushResponse } from '../../messages/flush';
import type { HandlerResponse, RequestContext } from './handler';

export async function handleFlush(ctx: RequestContext): Promise<HandlerResponse> {
  const request = decodeFlushRequest(ctx.body);
  await ctx.findOpen(request.fileId).flush();
  return { status: NtStatus.STATUS_SUCCESS, encodeBody: (w) => encodeFlushResponse(w) };
}
