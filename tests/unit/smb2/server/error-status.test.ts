import { MalformedPacketError, NtStatusError, PathEscapeError } from '../../../../lib/common/errors';
import { NtStatus } from '../../../../lib/common/status/ntstatus';
import { DriverStoreLookupError, InvalidReadRangeError } from '../../../../lib/drivers/driver-store';
import { statusForError } from '../../../../lib/smb2/server/error-status';

describe('the one error-to-NTSTATUS mapping of the SMB2 server', () => {
  it.each([
    ['NtStatusError', new NtStatusError(NtStatus.STATUS_NO_MORE_FILES), NtStatus.STATUS_NO_MORE_FILES, true],
    ['MalformedPacketError', new MalformedPacketError('truncated'), NtStatus.STATUS_INVALID_PARAMETER, true],
    ['InvalidReadRangeError', new InvalidReadRangeError('bad range'), NtStatus.STATUS_INVALID_PARAMETER, true],
    ['lookup not-found', new DriverStoreLookupError('x', 'not-found'), NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, true],
    [
      'lookup not-a-directory',
      new DriverStoreLookupError('x', 'not-a-directory'),
      NtStatus.STATUS_NOT_A_DIRECTORY,
      true,
    ],
    [
      'lookup is-a-directory',
      new DriverStoreLookupError('x', 'is-a-directory'),
      NtStatus.STATUS_FILE_IS_A_DIRECTORY,
      true,
    ],
    ['an unmapped PathEscapeError', new PathEscapeError('..', 'parent'), NtStatus.STATUS_INTERNAL_ERROR, false],
    ['a TypeError', new TypeError('bug'), NtStatus.STATUS_INTERNAL_ERROR, false],
    ['a thrown string', 'oops', NtStatus.STATUS_INTERNAL_ERROR, false],
  ])('%s', (_name, err, status, expected) => {
    expect(statusForError(err)).toEqual({ status, expected });
  });
});
