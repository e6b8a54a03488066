/**
 * SET_INFO on a PRINT$ file or folder — [MS-SMB2] 3.3.5.21.1, [MS-FSA] 2.1.5.14 — applied to the
 * drivers store through its writer: times, end of file and allocation, rename within the share,
 * and the delete disposition. The right each class needs is [MS-FSA]'s.
 */
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import type { DriverStoreEntry } from '../../../drivers/driver-store';
import type { DriverStoreWriter } from '../../../drivers/driver-store-writer';
import { FileAccessMask } from '../../constants';
import type { SetFileInformation } from '../../messages/set-file-information';

/** [MS-FSA] 2.1.5.14: the access each information class needs on the open. */
export const SET_INFO_ACCESS: Readonly<Record<SetFileInformation['kind'], number>> = {
  basic: FileAccessMask.FILE_WRITE_ATTRIBUTES,
  rename: FileAccessMask.DELETE,
  disposition: FileAccessMask.DELETE,
  allocation: FileAccessMask.FILE_WRITE_DATA,
  'end-of-file': FileAccessMask.FILE_WRITE_DATA,
};

export interface SetStoreInformationResult {
  /** The entry after the change (a rename gives the new path). */
  readonly entry: DriverStoreEntry;
  /** Set by FileDispositionInformation. */
  readonly deletePending?: boolean;
}

const toSize = (n: bigint): number => {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new NtStatusError(NtStatus.STATUS_DISK_FULL, `size ${n}`);
  return Number(n);
};

export async function setStoreInformation(
  writer: DriverStoreWriter,
  entry: DriverStoreEntry,
  info: SetFileInformation,
): Promise<SetStoreInformationResult> {
  switch (info.kind) {
    case 'basic':
      // DEVIATION: a POSIX store keeps no creation time or attributes; the access and write times are set.
      if (info.lastAccessTime !== undefined || info.lastWriteTime !== undefined) {
        await writer.setTimes(entry, info.lastAccessTime, info.lastWriteTime);
      }
      return { entry };
    case 'end-of-file':
    case 'allocation': {
      if (entry.isDirectory) throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, `"${entry.path}" is a folder`);
      const size = toSize(info.kind === 'end-of-file' ? info.endOfFile : info.allocationSize);
      // [MS-FSA] 2.1.5.14.1: an allocation below the end of file truncates; above it changes nothing we keep.
      if (info.kind === 'end-of-file' || size < entry.size) {
        await writer.truncate(entry, size);
        return { entry: { ...entry, size, mtime: new Date() } };
      }
      return { entry };
    }
    case 'disposition':
      // [MS-FSA] 2.1.5.14.3: a folder with entries cannot be marked for deletion.
      if (info.deletePending && entry.isDirectory && (await writer.hasEntries(entry))) {
        throw new NtStatusError(NtStatus.STATUS_DIRECTORY_NOT_EMPTY, `"${entry.path}"`);
      }
      if (info.deletePending && entry.path === '') throw new NtStatusError(NtStatus.STATUS_CANNOT_DELETE, 'the root');
      return { entry, deletePending: info.deletePending };
    case 'rename': {
      // [MS-SMB2] 2.2.39: the new name is relative to the share's root.
      const target = info.fileName.replace(/^[\\/]+/, '');
      if (target === '') throw new NtStatusError(NtStatus.STATUS_OBJECT_NAME_INVALID, 'empty rename target');
      if (entry.path === '') throw new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, 'rename of the root');
      return { entry: await writer.rename(entry, target, info.replaceIfExists) };
    }
  }
}
