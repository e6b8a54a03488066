/**
 * LOGOFF — [MS-SMB2] 3.3.5.6: closes the session's opens and trees; the response is signed
 * like any other response of the session.
 */
import { NtStatus } from '../../../common/status/ntstatus';
import { decodeLogoffRequest, encodeLogoffResponse } from '../../messages/logoff';
import type { HandlerResponse, RequestContext } from './handler';
import { sessionOf } from './require';

export async function handleLogoff(ctx: RequestContext): Promise<HandlerResponse> {
  decodeLogoffRequest(ctx.body);
  const session = sessionOf(ctx);
  await ctx.connection.logoff(session);
  ctx.logger.info('session logged off');
  return { status: NtStatus.STATUS_SUCCESS, encodeBody: (w) => encodeLogoffResponse(w) };
}
