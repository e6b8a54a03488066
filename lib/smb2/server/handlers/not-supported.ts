/**
 * LOCK, CHANGE_NOTIFY and OPLOCK_BREAK — [MS-SMB2] 3.3.5.14, 3.3.5.19, 3.3.5.22. This server grants
 * no oplocks or leases and offers no change notifications; byte-range locks on a read-only
 * share protect nothing. All answer STATUS_NOT_SUPPORTED, as Windows does for an unsupported
 * request on such objects.
 */
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import { smb2CommandName } from '../../constants';
import type { HandlerResponse, RequestContext } from './handler';

export function handleNotSupported(ctx: RequestContext): Promise<HandlerResponse> {
  return Promise.reject(
    new NtStatusError(NtStatus.STATUS_NOT_SUPPORTED, `${smb2CommandName(ctx.header.command)} is not supported`),
  );
}
