/**
 * [MS-SMB2] 3.3.5.2.5: with multi-credit requests (LARGE_MTU, dialects after 2.0.2) a request
 * must pay one credit per started 64 KiB of max(sent payload, expected response).
 */
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import { CREDIT_PAYLOAD_SIZE } from '../../constants';
import type { RequestContext } from './handler';

export function checkCreditCharge(ctx: RequestContext, payloadSize: number): void {
  if (ctx.connection.dialect === 0x0202) {
    if (payloadSize > CREDIT_PAYLOAD_SIZE)
      throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, '2.0.2 request over 64 KiB');
    return;
  }
  const needed = payloadSize === 0 ? 1 : Math.floor((payloadSize - 1) / CREDIT_PAYLOAD_SIZE) + 1;
  const charge = Math.max(1, ctx.header.creditCharge);
  if (charge < needed) {
    throw new NtStatusError(
      NtStatus.STATUS_INVALID_PARAMETER,
      `CreditCharge ${charge} does not cover ${payloadSize} bytes`,
    );
  }
}
