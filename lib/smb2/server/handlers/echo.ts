/**
 * ECHO — [MS-SMB2] 3.3.5.17.
 */
import { NtStatus } from '../../../common/status/ntstatus';
import { decodeEchoRequest, encodeEchoResponse } from '../../messages/echo';
import type { HandlerResponse, RequestContext } from './handler';

export function handleEcho(ctx: RequestContext): Promise<HandlerResponse> {
  decodeEchoRequest(ctx.body);
  return Promise.resolve({ status: NtStatus.STATUS_SUCCESS, encodeBody: (w) => encodeEchoResponse(w) });
}
