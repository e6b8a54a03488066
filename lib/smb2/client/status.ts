/**
 * Turning a response status into the caller's result: success (and the warnings a command may
 * legitimately return) go on to decoding; anything else becomes an NtStatusError naming the call.
 */
import { NtStatusError } from '../../common/errors';
import { NtStatus, ntStatusName } from '../../common/status/ntstatus';
import { smb2CommandName } from '../constants';
import type { Smb2CallResponse } from './client-messages';

export function expectStatus(
  response: Smb2CallResponse,
  what: string,
  allowed: readonly number[] = [NtStatus.STATUS_SUCCESS],
): number {
  const status = response.status;
  if (allowed.includes(status)) return status;
  throw new NtStatusError(status, `${smb2CommandName(response.header.command)} ${what}: ${ntStatusName(status)}`);
}
