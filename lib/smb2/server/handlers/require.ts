/**
 * The session and tree a handler needs; the dispatcher has already checked them against the
 * command's requirements, so a miss here is an internal inconsistency turned into the status
 * Windows gives for it.
 */
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import type { Session } from '../session';
import type { TreeConnect } from '../tree';
import type { RequestContext } from './handler';

export function sessionOf(ctx: RequestContext): Session {
  if (ctx.session === undefined) throw new NtStatusError(NtStatus.STATUS_USER_SESSION_DELETED);
  return ctx.session;
}

export function treeOf(ctx: RequestContext): TreeConnect {
  if (ctx.tree === undefined) throw new NtStatusError(NtStatus.STATUS_NETWORK_NAME_DELETED);
  return ctx.tree;
}
