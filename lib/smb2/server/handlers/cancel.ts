/**
 * CANCEL — [MS-SMB2] 3.3.5.16. This server completes every request synchronously, so there is
 * never anything pending to cancel, and CANCEL itself gets no response.
 */
import { decodeCancelRequest } from '../../messages/cancel';
import type { RequestContext } from './handler';

export function handleCancel(ctx: RequestContext): Promise<undefined> {
  decodeCancelRequest(ctx.body);
  ctx.logger.debug('CANCEL: nothing pending', { messageId: ctx.header.messageId.toString() });
  return Promise.resolve(undefined);
}
