/**
 * TREE_DISCONNECT — [MS-SMB2] 3.3.5.8: closes the tree's opens and forgets the TreeId.
 */
import { NtStatus } from '../../../common/status/ntstatus';
import { decodeTreeDisconnectRequest, encodeTreeDisconnectResponse } from '../../messages/tree-disconnect';
import type { HandlerResponse, RequestContext } from './handler';
import { sessionOf, treeOf } from './require';

export async function handleTreeDisconnect(ctx: RequestContext): Promise<HandlerResponse> {
  decodeTreeDisconnectRequest(ctx.body);
  const session = sessionOf(ctx);
  const tree = treeOf(ctx);
  await ctx.connection.disconnectTree(session, tree);
  ctx.logger.info('tree disconnected', { share: tree.share.name });
  return { status: NtStatus.STATUS_SUCCESS, encodeBody: (w) => encodeTreeDisconnectResponse(w) };
}
