/**
 * PRINT$ — the read-only disk share over the drivers store (lib/drivers), as a Windows print
 * server exposes `%SystemRoot%\System32\spool\drivers`. CREATE opens existing files and
 * directories only; any write or delete access is STATUS_ACCESS_DENIED ([MS-SMB2] 3.3.5.9).
 * Names go through the store's Windows path rules: nothing leaves the store.
 */
import { NtStatusError, PathEscapeError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import type { DriverStore, DriverStoreEntry } from '../../../drivers/driver-store';
import { splitWindowsPath } from '../../../drivers/windows-path';
import {
  CreateAction,
  CreateDisposition,
  CreateOptions,
  FILE_GENERIC_READ_EXECUTE,
  FileAccessMask,
  Smb2ShareFlags,
  Smb2ShareType,
  WRITE_OR_DELETE_ACCESS,
} from '../../constants';
import type { CreateRequest } from '../../messages/create';
import type { CreateResult, Share } from './share';
import { ShareTypeSrvsvc } from './share';
import { StoreOpen } from './store-open';

export { StoreOpen } from './store-open';
export { fileIndexNumber } from './store-information';

/** The rights a read-only open can be granted. */
const READ_ACCESS =
  FileAccessMask.FILE_READ_DATA |
  FileAccessMask.FILE_READ_EA |
  FileAccessMask.FILE_EXECUTE |
  FileAccessMask.FILE_READ_ATTRIBUTES |
  FileAccessMask.READ_CONTROL |
  FileAccessMask.SYNCHRONIZE |
  FileAccessMask.GENERIC_READ |
  FileAccessMask.GENERIC_EXECUTE |
  FileAccessMask.MAXIMUM_ALLOWED;

function parentOf(winPath: string): string {
  const i = winPath.lastIndexOf('\\');
  return i < 0 ? '' : winPath.slice(0, i);
}

export class PrintDollarShare implements Share {
  readonly name = 'PRINT$';
  readonly shareType = Smb2ShareType.SMB2_SHARE_TYPE_DISK;
  readonly shareFlags = Smb2ShareFlags.SMB2_SHAREFLAG_MANUAL_CACHING;
  readonly maximalAccess = FILE_GENERIC_READ_EXECUTE;
  readonly netShareType = ShareTypeSrvsvc.STYPE_DISKTREE;
  readonly comment: string;

  constructor(
    private readonly store: DriverStore,
    private readonly volumeSerial: number,
    comment = 'Printer Drivers',
  ) {
    this.comment = comment;
  }

  async create(request: CreateRequest): Promise<CreateResult> {
    const name = request.name;
    // [MS-SMB2] 3.3.5.9: a name may not start with a backslash.
    if (name.startsWith('\\')) throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, 'absolute name');
    try {
      splitWindowsPath(name);
    } catch (err) {
      if (!(err instanceof PathEscapeError)) throw err;
      const parent = /(^|\\)\.\.[. ]*(\\|$)/.test(name.replace(/\//g, '\\'));
      throw new NtStatusError(
        parent ? NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD : NtStatus.STATUS_OBJECT_NAME_INVALID,
        err.message,
      );
    }
    const wantsWrite =
      (request.desiredAccess & WRITE_OR_DELETE_ACCESS) !== 0 ||
      (request.createOptions & CreateOptions.FILE_DELETE_ON_CLOSE) !== 0;
    let entry: DriverStoreEntry | undefined;
    try {
      entry = await this.store.resolve(name);
    } catch (err) {
      // A symbolic link pointing out of the store.
      if (err instanceof PathEscapeError) throw new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, err.message);
      throw err;
    }
    const disposition = request.createDisposition;
    if (entry === undefined) {
      if (disposition !== CreateDisposition.FILE_OPEN && disposition !== CreateDisposition.FILE_OVERWRITE) {
        throw new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, `cannot create "${name}" on a read-only share`);
      }
      const parent = await this.store.resolve(parentOf(name)).catch(() => undefined);
      throw new NtStatusError(
        parent?.isDirectory === true ? NtStatus.STATUS_OBJECT_NAME_NOT_FOUND : NtStatus.STATUS_OBJECT_PATH_NOT_FOUND,
        `no "${name}"`,
      );
    }
    if (disposition === CreateDisposition.FILE_CREATE) throw new NtStatusError(NtStatus.STATUS_OBJECT_NAME_COLLISION);
    if (wantsWrite || (disposition !== CreateDisposition.FILE_OPEN && disposition !== CreateDisposition.FILE_OPEN_IF)) {
      throw new NtStatusError(
        NtStatus.STATUS_ACCESS_DENIED,
        `write or delete access to "${name}" on a read-only share`,
      );
    }
    if ((request.createOptions & CreateOptions.FILE_DIRECTORY_FILE) !== 0 && !entry.isDirectory) {
      throw new NtStatusError(NtStatus.STATUS_NOT_A_DIRECTORY);
    }
    if ((request.createOptions & CreateOptions.FILE_NON_DIRECTORY_FILE) !== 0 && entry.isDirectory) {
      throw new NtStatusError(NtStatus.STATUS_FILE_IS_A_DIRECTORY);
    }
    const granted =
      (request.desiredAccess & FileAccessMask.MAXIMUM_ALLOWED) !== 0
        ? FILE_GENERIC_READ_EXECUTE
        : request.desiredAccess & READ_ACCESS;
    return {
      open: new StoreOpen(name, granted, this.store, entry, this.volumeSerial),
      createAction: CreateAction.FILE_OPENED,
    };
  }
}
