/**
 * CLOSE — [MS-SMB2] 3.3.5.10: with SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB the response carries the
 * file's times, sizes and attributes; otherwise they are zero.
 */
import { NtStatus } from '../../../common/status/ntstatus';
import { SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB } from '../../constants';
import { decodeCloseRequest, encodeCloseResponse } from '../../messages/close';
import type { HandlerResponse, RequestContext } from './handler';

export async function handleClose(ctx: RequestContext): Promise<HandlerResponse> {
  const request = decodeCloseRequest(ctx.body);
  const open = ctx.findOpen(request.fileId);
  const post = (request.flags & SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB) !== 0;
  const b = open.basics();
  await ctx.connection.closeOpen(open);
  return {
    status: NtStatus.STATUS_SUCCESS,
    encodeBody: (w) =>
      encodeCloseResponse(
        w,
        post
          ? { flags: SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB, ...b }
          : {
              flags: 0,
              creationTime: 0n,
              lastAccessTime: 0n,
              lastWriteTime: 0n,
              changeTime: 0n,
              allocationSize: 0n,
              endOfFile: 0n,
              fileAttributes: 0,
            },
      ),
  };
}
