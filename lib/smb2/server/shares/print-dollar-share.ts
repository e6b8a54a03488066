/**
 * PRINT$ — the disk share over the drivers store (lib/drivers), as a Windows print server exposes
 * `%SystemRoot%\System32\spool\drivers`, with Windows' ACL on it: Administrators full control,
 * everyone else read. An administrator creates, overwrites and supersedes files and makes folders
 * ([MS-SMB2] 3.3.5.9, [MS-FSA] 2.1.5.1) when the store is writable (a state folder's copy); for
 * anyone else, or over a fixture's store, any write, delete or create is STATUS_ACCESS_DENIED.
 * Names go through the store's Windows path rules: nothing leaves the store.
 */
import { NtStatusError, PathEscapeError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import type { AuthenticatedUser } from '../../../common/identity';
import type { DriverStore, DriverStoreEntry } from '../../../drivers/driver-store';
import { DriverStoreWriter } from '../../../drivers/driver-store-writer';
import { splitWindowsPath } from '../../../drivers/windows-path';
import {
  CreateAction,
  CreateDisposition,
  CreateOptions,
  FILE_ALL_ACCESS,
  FILE_GENERIC_READ_EXECUTE,
  FILE_GENERIC_WRITE,
  FileAccessMask,
  GENERIC_RIGHTS,
  Smb2ShareFlags,
  Smb2ShareType,
  WRITE_OR_DELETE_ACCESS,
} from '../../constants';
import type { CreateRequest } from '../../messages/create';
import type { CreateResult, Share, ShareRequestContext } from './share';
import { ShareTypeSrvsvc } from './share';
import { storeCall } from './store-errors';
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

  /** Set when the store is writable (a state folder's): administrators write through it. */
  private readonly writer: DriverStoreWriter | undefined;

  constructor(
    private readonly store: DriverStore,
    private readonly volumeSerial: number,
    comment = 'Printer Drivers',
  ) {
    this.comment = comment;
    this.writer = store.writable ? new DriverStoreWriter(store) : undefined;
  }

  /** TREE_CONNECT's MaximalAccess: full control for an administrator of a writable store. */
  maximalAccessFor(user: AuthenticatedUser): number {
    return this.writer !== undefined && user.isAdministrator ? FILE_ALL_ACCESS : FILE_GENERIC_READ_EXECUTE;
  }

  async create(request: CreateRequest, context: ShareRequestContext): Promise<CreateResult> {
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
    // The share's ACL: Administrators full control, everyone else read (and only with a state
    // folder to write into: a fixture's store is never written).
    const writer = context.user.isAdministrator ? this.writer : undefined;
    // [MS-SMB2] 3.3.5.9: delete-on-close without the right to delete.
    const deleteRights = FileAccessMask.DELETE | FileAccessMask.GENERIC_ALL | FileAccessMask.MAXIMUM_ALLOWED;
    if (
      (request.createOptions & CreateOptions.FILE_DELETE_ON_CLOSE) !== 0 &&
      (request.desiredAccess & deleteRights) === 0
    ) {
      throw new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, 'FILE_DELETE_ON_CLOSE without DELETE');
    }
    const disposition = request.createDisposition;
    const creates = disposition !== CreateDisposition.FILE_OPEN && disposition !== CreateDisposition.FILE_OVERWRITE;
    if (entry === undefined) {
      const parent = await this.store.resolve(parentOf(name)).catch(() => undefined);
      if (parent?.isDirectory !== true) {
        throw new NtStatusError(NtStatus.STATUS_OBJECT_PATH_NOT_FOUND, `no folder for "${name}"`);
      }
      if (!creates) throw new NtStatusError(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, `no "${name}"`);
      if (writer === undefined) {
        throw new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, `${context.user.userName} cannot create "${name}"`);
      }
      const created = await createInStore(writer, name, request.createOptions);
      return this.opened(request, created, writer, CreateAction.FILE_CREATED);
    }
    if (disposition === CreateDisposition.FILE_CREATE) throw new NtStatusError(NtStatus.STATUS_OBJECT_NAME_COLLISION);
    const overwrites = disposition !== CreateDisposition.FILE_OPEN && disposition !== CreateDisposition.FILE_OPEN_IF;
    if ((wantsWrite || overwrites) && writer === undefined) {
      throw new NtStatusError(
        NtStatus.STATUS_ACCESS_DENIED,
        `write or delete access to "${name}" refused to ${context.user.userName}`,
      );
    }
    if ((request.createOptions & CreateOptions.FILE_DIRECTORY_FILE) !== 0 && !entry.isDirectory) {
      throw new NtStatusError(NtStatus.STATUS_NOT_A_DIRECTORY);
    }
    if ((request.createOptions & CreateOptions.FILE_NON_DIRECTORY_FILE) !== 0 && entry.isDirectory) {
      throw new NtStatusError(NtStatus.STATUS_FILE_IS_A_DIRECTORY);
    }
    if (overwrites && writer !== undefined) {
      // [MS-FSA] 2.1.5.1.2: a directory cannot be overwritten or superseded.
      if (entry.isDirectory) throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, `"${name}" is a directory`);
      const existing = entry;
      await storeCall(name, () => writer.truncate(existing, 0));
      const action =
        disposition === CreateDisposition.FILE_SUPERSEDE ? CreateAction.FILE_SUPERSEDED : CreateAction.FILE_OVERWRITTEN;
      return this.opened(request, (await this.store.resolve(name)) ?? entry, writer, action);
    }
    return this.opened(request, entry, writer, CreateAction.FILE_OPENED);
  }

  private opened(
    request: CreateRequest,
    entry: DriverStoreEntry,
    writer: DriverStoreWriter | undefined,
    createAction: number,
  ): CreateResult {
    const maximal = writer === undefined ? FILE_GENERIC_READ_EXECUTE : FILE_ALL_ACCESS;
    const granted =
      (request.desiredAccess & FileAccessMask.MAXIMUM_ALLOWED) !== 0
        ? maximal
        : writer === undefined
          ? request.desiredAccess & READ_ACCESS
          : grantedAccess(request.desiredAccess);
    const deleteOnClose = (request.createOptions & CreateOptions.FILE_DELETE_ON_CLOSE) !== 0;
    return {
      open: new StoreOpen(request.name, granted, this.store, entry, this.volumeSerial, writer, deleteOnClose),
      createAction,
    };
  }
}

/** The file or directory a create disposition makes. */
function createInStore(writer: DriverStoreWriter, name: string, createOptions: number): Promise<DriverStoreEntry> {
  return storeCall(name, () =>
    (createOptions & CreateOptions.FILE_DIRECTORY_FILE) !== 0 ? writer.createDirectory(name) : writer.createFile(name),
  );
}

/** GENERIC_* mapped to the file rights ([MS-SMB2] 3.3.5.9), then limited to what may be granted. */
function grantedAccess(desired: number): number {
  let mask = desired;
  if ((mask & FileAccessMask.GENERIC_ALL) !== 0) mask |= FILE_ALL_ACCESS;
  if ((mask & FileAccessMask.GENERIC_READ) !== 0) mask |= FILE_GENERIC_READ_EXECUTE;
  if ((mask & FileAccessMask.GENERIC_WRITE) !== 0) mask |= FILE_GENERIC_WRITE;
  return (mask & FILE_ALL_ACCESS & ~GENERIC_RIGHTS) >>> 0;
}
