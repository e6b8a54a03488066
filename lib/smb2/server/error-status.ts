/**
 * The one place that maps what a handler throws to the NTSTATUS of its ERROR response
 * ([MS-SMB2] 2.2.2). Anything unexpected is STATUS_INTERNAL_ERROR, and the dispatcher logs it.
 */
import { MalformedPacketError, NtStatusError } from '../../common/errors';
import { NtStatus } from '../../common/status/ntstatus';
import { DriverStoreLookupError, InvalidReadRangeError } from '../../drivers/driver-store';

/** The status for `err`, and whether it is an expected failure (logged at debug, not as an error). */
export function statusForError(err: unknown): { status: number; expected: boolean } {
  if (err instanceof NtStatusError) return { status: err.status, expected: true };
  if (err instanceof MalformedPacketError) return { status: NtStatus.STATUS_INVALID_PARAMETER, expected: true };
  if (err instanceof InvalidReadRangeError) return { status: NtStatus.STATUS_INVALID_PARAMETER, expected: true };
  if (err instanceof DriverStoreLookupError) {
    const byReason = {
      'not-found': NtStatus.STATUS_OBJECT_NAME_NOT_FOUND,
      'not-a-directory': NtStatus.STATUS_NOT_A_DIRECTORY,
      'is-a-directory': NtStatus.STATUS_FILE_IS_A_DIRECTORY,
    } as const;
    return { status: byReason[err.reason], expected: true };
  }
  return { status: NtStatus.STATUS_INTERNAL_ERROR, expected: false };
}
