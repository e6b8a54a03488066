/**
 * TREE_CONNECT — [MS-SMB2] 3.3.5.7: `\\server\share` -> a TreeId for IPC$, PRINT$ or a printer
 * share. An unknown share is STATUS_BAD_NETWORK_NAME; a null session reaches only IPC$.
 */
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import { decodeTreeConnectRequest, encodeTreeConnectResponse } from '../../messages/tree-connect';
import { TreeConnect } from '../tree';
import type { HandlerResponse, RequestContext } from './handler';
import { sessionOf } from './require';

/** The share name of `\\server\share` (also `//server/share`); the server part is not checked, as on Windows. */
export function shareNameOf(path: string): string {
  const m = /^[\\/]{2}[^\\/]+[\\/]([^\\/]+)[\\/]?$/.exec(path);
  if (m?.[1] === undefined) throw new NtStatusError(NtStatus.STATUS_BAD_NETWORK_NAME, `malformed share path "${path}"`);
  return m[1];
}

export function handleTreeConnect(ctx: RequestContext): Promise<HandlerResponse> {
  const session = sessionOf(ctx);
  const request = decodeTreeConnectRequest(ctx.body, ctx.base);
  const shareName = shareNameOf(request.path);
  const share = ctx.connection.server.findShare(shareName);
  if (share === undefined) throw new NtStatusError(NtStatus.STATUS_BAD_NETWORK_NAME, `no share "${shareName}"`);
  if (session.isAnonymous && share.name !== 'IPC$')
    throw new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, 'null session outside IPC$');
  if (session.trees.size >= 1024)
    throw new NtStatusError(NtStatus.STATUS_INSUFFICIENT_RESOURCES, 'too many tree connects');
  const tree = new TreeConnect(session.allocateTreeId(), share);
  session.trees.set(tree.treeId, tree);
  ctx.logger.info('tree connected', { share: share.name, treeId: tree.treeId });
  return Promise.resolve({
    status: NtStatus.STATUS_SUCCESS,
    treeId: tree.treeId,
    encodeBody: (w) =>
      encodeTreeConnectResponse(w, {
        shareType: share.shareType,
        shareFlags: share.shareFlags,
        capabilities: 0,
        maximalAccess:
          session.user !== undefined && share.maximalAccessFor
            ? share.maximalAccessFor(session.user)
            : share.maximalAccess,
      }),
  });
}
