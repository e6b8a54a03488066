/**
 * CREATE — [MS-SMB2] 3.3.5.9: the tree's share opens the name; the open gets a FileId. Create
 * contexts MxAc (maximal access, 2.2.14.2.5) and QFid (on-disk id, 2.2.14.2.9) are answered on
 * disk shares; others are ignored, as the spec allows.
 */
import { BufferWriter } from '../../../common/binary/buffer-writer';
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import { OplockLevel, Smb2ShareType } from '../../constants';
import type { CreateContext } from '../../messages/create';
import { decodeCreateRequest, encodeCreateResponse } from '../../messages/create';
import type { CreateResult } from '../shares/share';
import type { HandlerResponse, RequestContext } from './handler';
import { sessionOf, treeOf } from './require';

export async function handleCreate(ctx: RequestContext): Promise<HandlerResponse> {
  const session = sessionOf(ctx);
  const tree = treeOf(ctx);
  const request = decodeCreateRequest(ctx.body, ctx.base);
  if (session.user === undefined) throw new NtStatusError(NtStatus.STATUS_USER_SESSION_DELETED);
  const conn = ctx.connection;
  // The place in the open table and the budgets first: a refused open costs the share nothing.
  const slot = conn.reserveOpen(session, tree);
  let created: CreateResult;
  try {
    created = await tree.share.create(request, {
      user: session.user,
      connectionId: conn.id,
      serverName: conn.server.serverName,
      clientName: session.user.machineName ?? conn.remoteAddress,
    });
  } catch (err) {
    conn.cancelOpen(slot);
    throw err;
  }
  const { open, createAction } = created;
  const fileId = await conn.registerOpen(open, session, tree, slot);
  ctx.setRelatedFileId(fileId);
  ctx.logger.debug('opened', { name: request.name, fileId: fileId.volatile.toString() });

  const contexts: CreateContext[] = [];
  if (tree.share.shareType === Smb2ShareType.SMB2_SHARE_TYPE_DISK) {
    for (const c of request.createContexts) {
      if (c.name === 'MxAc') {
        const w = new BufferWriter(8);
        const maximal = tree.share.maximalAccessFor?.(session.user) ?? tree.share.maximalAccess;
        w.u32(NtStatus.STATUS_SUCCESS).u32(maximal);
        contexts.push({ name: 'MxAc', data: w.finish() });
      } else if (c.name === 'QFid') {
        const w = new BufferWriter(32);
        w.u64(fileId.persistent).u64(0n).bytes(conn.server.serverGuid.subarray(0, 8)).u64(0n);
        contexts.push({ name: 'QFid', data: w.finish() });
      }
    }
  }
  const b = open.basics();
  return {
    status: NtStatus.STATUS_SUCCESS,
    encodeBody: (w, base) =>
      encodeCreateResponse(w, base, {
        oplockLevel: OplockLevel.SMB2_OPLOCK_LEVEL_NONE,
        flags: 0,
        createAction,
        creationTime: b.creationTime,
        lastAccessTime: b.lastAccessTime,
        lastWriteTime: b.lastWriteTime,
        changeTime: b.changeTime,
        allocationSize: b.allocationSize,
        endOfFile: b.endOfFile,
        fileAttributes: b.fileAttributes,
        fileId,
        createContexts: contexts,
      }),
  };
}
