/**
 * SET_INFO — [MS-SMB2] 3.3.5.21. Nothing on this server may be changed through SET_INFO: PRINT$
 * is read-only, pipes keep their mode, print jobs take their bytes through WRITE.
 */
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import { decodeSetInfoRequest } from '../../messages/set-info';
import type { HandlerResponse, RequestContext } from './handler';

export function handleSetInfo(ctx: RequestContext): Promise<HandlerResponse> {
  const request = decodeSetInfoRequest(ctx.body, ctx.base);
  ctx.findOpen(request.fileId);
  return Promise.reject(new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, 'SET_INFO on a read-only object'));
}
