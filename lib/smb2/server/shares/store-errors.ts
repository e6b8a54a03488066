/**
 * The NTSTATUS a Windows file server gives for each way a drivers-store write fails
 * ([MS-FSA] 2.1.5.1 create, 2.1.5.14 set information; [MS-ERREF] 2.3): one mapping for CREATE
 * and SET_INFO on PRINT$.
 */
import { NtStatusError, PathEscapeError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import { DriverStoreLookupError } from '../../../drivers/driver-store';
import {
  DriverStoreCollisionError,
  DriverStoreNotEmptyError,
  DriverStoreReadOnlyError,
} from '../../../drivers/driver-store-writer';

const ERRNO_STATUS: Readonly<Record<string, number>> = {
  ENOSPC: NtStatus.STATUS_DISK_FULL,
  EDQUOT: NtStatus.STATUS_DISK_FULL,
  EACCES: NtStatus.STATUS_ACCESS_DENIED,
  EPERM: NtStatus.STATUS_ACCESS_DENIED,
  EROFS: NtStatus.STATUS_MEDIA_WRITE_PROTECTED,
  ELOOP: NtStatus.STATUS_ACCESS_DENIED,
  ENOTEMPTY: NtStatus.STATUS_DIRECTORY_NOT_EMPTY,
  ENOENT: NtStatus.STATUS_OBJECT_NAME_NOT_FOUND,
};

/** The NtStatusError for a failed store write (other errors pass through). */
export function storeWriteStatus(err: unknown, name: string): unknown {
  if (err instanceof NtStatusError) return err;
  if (err instanceof DriverStoreReadOnlyError) return new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, err.message);
  if (err instanceof DriverStoreCollisionError)
    return new NtStatusError(NtStatus.STATUS_OBJECT_NAME_COLLISION, err.message);
  if (err instanceof DriverStoreNotEmptyError)
    return new NtStatusError(NtStatus.STATUS_DIRECTORY_NOT_EMPTY, err.message);
  if (err instanceof PathEscapeError) return new NtStatusError(NtStatus.STATUS_OBJECT_NAME_INVALID, err.message);
  if (err instanceof DriverStoreLookupError) {
    const status =
      err.reason === 'is-a-directory' ? NtStatus.STATUS_FILE_IS_A_DIRECTORY : NtStatus.STATUS_OBJECT_PATH_NOT_FOUND;
    return new NtStatusError(status, err.message);
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const status = code === undefined ? undefined : ERRNO_STATUS[code];
  return status === undefined ? err : new NtStatusError(status, `${name}: ${code}`);
}

/** Runs a store write, its failure mapped to the NTSTATUS Windows gives. */
export async function storeCall<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw storeWriteStatus(err, name);
  }
}
