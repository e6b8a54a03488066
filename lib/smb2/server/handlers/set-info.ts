/**
 * SET_INFO — [MS-SMB2] 3.3.5.21. File information classes go to the open (3.3.5.21.1): a file an
 * administrator opened for writing on PRINT$ takes them; pipes and print jobs refuse with
 * STATUS_ACCESS_DENIED, as do file system, security and quota information here.
 */
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import { InfoType } from '../../constants';
import { decodeSetInfoRequest, encodeSetInfoResponse } from '../../messages/set-info';
import type { HandlerResponse, RequestContext } from './handler';

export async function handleSetInfo(ctx: RequestContext): Promise<HandlerResponse> {
  const request = decodeSetInfoRequest(ctx.body, ctx.base);
  const open = ctx.findOpen(request.fileId);
  if (request.infoType !== InfoType.SMB2_0_INFO_FILE) {
    throw new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, 'SET_INFO of other than file information');
  }
  await open.setFileInfo(request.fileInfoClass, request.buffer);
  return { status: NtStatus.STATUS_SUCCESS, encodeBody: (w) => encodeSetInfoResponse(w) };
}
