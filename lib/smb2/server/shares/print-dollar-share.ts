/**
 * PRINT$ — the read-only disk share over the drivers store (lib/drivers), as a Windows print
 * server exposes `%SystemRoot%\System32\spool\drivers`. CREATE opens existing files and
 * directories only; any write or delete access is STATUS_ACCESS_DENIED ([MS-SMB2] 3.3.5.9).
 * Names go through the store's Windows path rules: nothing leaves the store.
 */
import type { FileHandle } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { BufferWriter } from '../../../common/binary/buffer-writer';
import { dateToFiletime } from '../../../common/binary/filetime';
import { NtStatusError, PathEscapeError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import type { DriverStore, DriverStoreEntry } from '../../../drivers/driver-store';
import { splitWindowsPath } from '../../../drivers/windows-path';
import {
  CreateAction,
  CreateDisposition,
  CreateOptions,
  FILE_DEVICE_DISK,
  FILE_DEVICE_IS_MOUNTED,
  FILE_GENERIC_READ_EXECUTE,
  FileAccessMask,
  FileAttributes,
  FileInformationClass,
  FileSystemAttributes,
  FsInformationClass,
  QueryDirectoryFlags,
  SecurityInformation,
  Smb2ShareFlags,
  Smb2ShareType,
  WRITE_OR_DELETE_ACCESS,
} from '../../constants';
import type { CreateRequest } from '../../messages/create';
import type { DirectoryEntry, FileBasics } from '../../messages/file-information';
import {
  DIRECTORY_INFORMATION_CLASSES,
  encodeDirectoryEntry,
  encodeFileAllInformation,
  encodeFileAttributeTagInformation,
  encodeFileBasicInformation,
  encodeFileEaInformation,
  encodeFileFsAttributeInformation,
  encodeFileFsDeviceInformation,
  encodeFileFsFullSizeInformation,
  encodeFileFsSectorSizeInformation,
  encodeFileFsSizeInformation,
  encodeFileFsVolumeInformation,
  encodeFileInternalInformation,
  encodeFileNetworkOpenInformation,
  encodeFileStandardInformation,
  encodeFileStreamInformation,
  packDirectoryEntries,
} from '../../messages/file-information';
import type { QueryDirectoryRequest } from '../../messages/query-directory';
import type { SecurityDescriptor } from '../../messages/security-descriptor';
import { WellKnownSid, encodeSecurityDescriptor } from '../../messages/security-descriptor';
import type { Allocate, HeadroomRead, InfoOutput, IoOutput } from '../open';
import { Open } from '../open';
import { DirectorySearch, hasWildcards } from './directory-search';
import { needsShortName, shortNameOf } from './short-name';
import type { CreateResult, Share } from './share';
import { ShareTypeSrvsvc } from './share';

const CLUSTER_SIZE = 4096;
const VOLUME_LABEL = 'PRINT$';
const BYTES_PER_SECTOR = 512;
const FILE_ALL_ACCESS = 0x001f01ff;
/** ACE flags OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE for directories. */
const INHERIT_FLAGS = 0x03;

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

function entryBasics(e: DriverStoreEntry): FileBasics {
  const size = e.isDirectory ? 0 : e.size;
  return {
    creationTime: dateToFiletime(e.birthtime),
    lastAccessTime: dateToFiletime(e.atime),
    lastWriteTime: dateToFiletime(e.mtime),
    changeTime: dateToFiletime(e.ctime),
    endOfFile: BigInt(size),
    allocationSize: BigInt(Math.ceil(size / CLUSTER_SIZE) * CLUSTER_SIZE),
    fileAttributes: e.isDirectory ? FileAttributes.FILE_ATTRIBUTE_DIRECTORY : FileAttributes.FILE_ATTRIBUTE_ARCHIVE,
  };
}

/** A stable 64-bit file id (FileInternalInformation.IndexNumber) from the store-relative path. */
export function fileIndexNumber(winPath: string): bigint {
  const digest = createHash('sha256').update(winPath.toLowerCase(), 'utf8').digest();
  return digest.readBigUInt64LE(0) & 0x7fffffffffffffffn;
}

function info(encode: (w: BufferWriter) => void, minimumSize?: number): InfoOutput {
  const w = new BufferWriter(128);
  encode(w);
  const data = w.finish();
  return { data, minimumSize: minimumSize ?? data.length };
}

function parentOf(winPath: string): string {
  const i = winPath.lastIndexOf('\\');
  return i < 0 ? '' : winPath.slice(0, i);
}

interface Listed {
  readonly name: string;
  readonly entry: DriverStoreEntry;
}

export class StoreOpen extends Open {
  private readonly search = new DirectorySearch<Listed>();

  constructor(
    name: string,
    grantedAccess: number,
    private readonly store: DriverStore,
    private readonly entry: DriverStoreEntry,
    private readonly volumeSerial: number,
  ) {
    super(name, grantedAccess);
  }

  get isDirectory(): boolean {
    return this.entry.isDirectory;
  }

  basics(): FileBasics {
    return entryBasics(this.entry);
  }

  /** Opened at the first READ (confined once), closed with the Open. */
  private handle: Promise<FileHandle> | undefined;

  override async close(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    if (h) await (await h).close();
  }

  override async read(offset: number, length: number): Promise<IoOutput> {
    const { buffer, status } = await this.readWithHeadroom(offset, length, 0);
    return { data: buffer, status };
  }

  /** One pread (or a few, if short) straight into the response buffer. */
  override async readWithHeadroom(
    offset: number,
    length: number,
    headroom: number,
    allocate: Allocate = (size) => Buffer.allocUnsafe(size),
  ): Promise<HeadroomRead> {
    if (this.entry.isDirectory) throw new NtStatusError(NtStatus.STATUS_INVALID_DEVICE_REQUEST, 'READ on a directory');
    if (offset >= this.entry.size) throw new NtStatusError(NtStatus.STATUS_END_OF_FILE);
    this.handle ??= this.store.openFile(this.entry);
    const fh = await this.handle;
    const want = Math.min(length, this.entry.size - offset);
    // Uninitialised: only the headroom (which the caller fills) and [headroom, headroom + filled) are used.
    const buf = allocate(headroom + want);
    let filled = 0;
    while (filled < want) {
      const { bytesRead } = await fh.read(buf, headroom + filled, want - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled === 0) throw new NtStatusError(NtStatus.STATUS_END_OF_FILE);
    return { buffer: buf.subarray(0, headroom + filled), status: NtStatus.STATUS_SUCCESS };
  }

  override async queryDirectory(request: QueryDirectoryRequest): Promise<Buffer> {
    if (!this.entry.isDirectory)
      throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, 'QUERY_DIRECTORY on a file');
    if (!DIRECTORY_INFORMATION_CLASSES.has(request.fileInformationClass))
      throw new NtStatusError(NtStatus.STATUS_INVALID_INFO_CLASS);
    const restart = (request.flags & (QueryDirectoryFlags.SMB2_RESTART_SCANS | QueryDirectoryFlags.SMB2_REOPEN)) !== 0;
    if (restart || this.search.needsListing) {
      const children = await this.store.list(this.entry.path);
      const listed: Listed[] = [
        { name: '.', entry: this.entry },
        { name: '..', entry: this.entry },
        ...children.map((c) => ({ name: c.name, entry: c })),
      ];
      this.search.restart(request.fileName, listed);
    }
    if ((request.flags & QueryDirectoryFlags.SMB2_INDEX_SPECIFIED) !== 0 && !restart)
      this.search.seekAfterIndex(request.fileIndex);
    const single =
      (request.flags & QueryDirectoryFlags.SMB2_RETURN_SINGLE_ENTRY) !== 0 || !hasWildcards(request.fileName);
    const encoded: Buffer[] = [];
    const indexes: number[] = [];
    let budget = 0;
    for (const { entry, index } of this.search.pending((l) => l.name)) {
      const bytes = encodeDirectoryEntry(request.fileInformationClass, this.directoryEntry(entry, index));
      budget += (bytes.length + 7) & ~7;
      if (encoded.length > 0 && budget > request.outputBufferLength) break;
      encoded.push(bytes);
      indexes.push(index);
      if (single) break;
    }
    if (encoded.length === 0) {
      throw new NtStatusError(this.search.hasReturned ? NtStatus.STATUS_NO_MORE_FILES : NtStatus.STATUS_NO_SUCH_FILE);
    }
    const { buffer, count } = packDirectoryEntries(encoded, request.outputBufferLength);
    if (count === 0)
      throw new NtStatusError(NtStatus.STATUS_INFO_LENGTH_MISMATCH, 'output buffer too small for one entry');
    const last = indexes[count - 1];
    if (last !== undefined) this.search.consumedThrough(last);
    return buffer;
  }

  private directoryEntry(l: Listed, index: number): DirectoryEntry {
    return {
      ...entryBasics(l.entry),
      fileName: l.name,
      shortName: needsShortName(l.name) ? shortNameOf(l.name) : '',
      // DEVIATION: NTFS reports FileIndex 0; we report the position so SMB2_INDEX_SPECIFIED can resume.
      fileIndex: index,
      fileId: fileIndexNumber(l.name === '.' || l.name === '..' ? `${this.entry.path}\\${l.name}` : l.entry.path),
      eaSize: 0,
    };
  }

  override queryFileInfo(infoClass: number): Promise<InfoOutput> {
    const b = this.basics();
    const indexNumber = fileIndexNumber(this.entry.path);
    switch (infoClass) {
      case FileInformationClass.FileBasicInformation:
        return Promise.resolve(info((w) => encodeFileBasicInformation(w, b)));
      case FileInformationClass.FileStandardInformation:
        return Promise.resolve(info((w) => encodeFileStandardInformation(w, { ...b, isDirectory: this.isDirectory })));
      case FileInformationClass.FileInternalInformation:
        return Promise.resolve(info((w) => encodeFileInternalInformation(w, indexNumber)));
      case FileInformationClass.FileEaInformation:
        return Promise.resolve(info((w) => encodeFileEaInformation(w, 0)));
      case FileInformationClass.FileAccessInformation:
        return Promise.resolve(info((w) => w.u32(this.grantedAccess)));
      case FileInformationClass.FilePositionInformation:
        return Promise.resolve(info((w) => w.u64(0n)));
      case FileInformationClass.FileModeInformation:
        return Promise.resolve(info((w) => w.u32(0)));
      case FileInformationClass.FileAlignmentInformation:
        return Promise.resolve(info((w) => w.u32(0)));
      case FileInformationClass.FileAllInformation:
        // Windows names the file from the share root, with a leading backslash.
        return Promise.resolve(
          info(
            (w) =>
              encodeFileAllInformation(w, {
                basics: b,
                isDirectory: this.isDirectory,
                indexNumber,
                accessFlags: this.grantedAccess,
                currentByteOffset: 0n,
                mode: 0,
                fileName: `\\${this.entry.path}`,
              }),
            100,
          ),
        );
      case FileInformationClass.FileNameInformation:
        return Promise.resolve(
          info((w) => {
            const n = Buffer.from(`\\${this.entry.path}`, 'utf16le');
            w.u32(n.length).bytes(n);
          }, 4),
        );
      case FileInformationClass.FileNetworkOpenInformation:
        return Promise.resolve(info((w) => encodeFileNetworkOpenInformation(w, b)));
      case FileInformationClass.FileAttributeTagInformation:
        return Promise.resolve(info((w) => encodeFileAttributeTagInformation(w, b.fileAttributes)));
      case FileInformationClass.FileStreamInformation:
        // A file has its unnamed data stream; a directory has none.
        return Promise.resolve(
          info(
            (w) =>
              encodeFileStreamInformation(
                w,
                this.isDirectory ? [] : [{ name: '::$DATA', size: b.endOfFile, allocationSize: b.allocationSize }],
              ),
            0,
          ),
        );
      case FileInformationClass.FileIdInformation:
        // [MS-FSCC] 2.4.21: VolumeSerialNumber 8 | FileId 16 (the 64-bit index, zero-extended).
        return Promise.resolve(info((w) => w.u64(BigInt(this.volumeSerial)).u64(indexNumber).u64(0n)));
      case FileInformationClass.FileAlternateNameInformation:
        // [MS-FSCC] 2.4.5: FileNameLength 4 | FileName (the 8.3 name of the last component).
        return Promise.resolve(
          info((w) => {
            const n = Buffer.from(shortNameOf(this.entry.name || '\\'), 'utf16le');
            w.u32(n.length).bytes(n);
          }, 4),
        );
      default:
        return Promise.reject(new NtStatusError(NtStatus.STATUS_INVALID_INFO_CLASS));
    }
  }

  override async queryFsInfo(infoClass: number): Promise<InfoOutput> {
    switch (infoClass) {
      case FsInformationClass.FileFsVolumeInformation: {
        const created = (await this.store.resolve(''))?.birthtime ?? new Date(0);
        // DEVIATION: the volume is labelled with the share name, as Samba does: Samba's client
        // refuses a FileFsVolumeInformation shorter than 24 bytes, which an empty label gives.
        return info(
          (w) => encodeFileFsVolumeInformation(w, dateToFiletime(created), this.volumeSerial, VOLUME_LABEL),
          18,
        );
      }
      case FsInformationClass.FileFsSizeInformation:
      case FsInformationClass.FileFsFullSizeInformation: {
        const s = await fs.promises.statfs(this.store.root);
        const perUnit = Math.max(1, Math.floor(s.bsize / BYTES_PER_SECTOR));
        const size = {
          totalAllocationUnits: BigInt(s.blocks),
          availableAllocationUnits: BigInt(s.bavail),
          sectorsPerAllocationUnit: perUnit,
          bytesPerSector: BYTES_PER_SECTOR,
        };
        return infoClass === FsInformationClass.FileFsSizeInformation
          ? info((w) => encodeFileFsSizeInformation(w, size))
          : info((w) => encodeFileFsFullSizeInformation(w, size));
      }
      case FsInformationClass.FileFsAttributeInformation:
        return info(
          (w) =>
            encodeFileFsAttributeInformation(
              w,
              FileSystemAttributes.FILE_CASE_PRESERVED_NAMES |
                FileSystemAttributes.FILE_UNICODE_ON_DISK |
                FileSystemAttributes.FILE_PERSISTENT_ACLS |
                FileSystemAttributes.FILE_READ_ONLY_VOLUME,
              255,
              'NTFS',
            ),
          12,
        );
      case FsInformationClass.FileFsDeviceInformation:
        return info((w) => encodeFileFsDeviceInformation(w, FILE_DEVICE_DISK, FILE_DEVICE_IS_MOUNTED));
      case FsInformationClass.FileFsSectorSizeInformation:
        return info((w) => encodeFileFsSectorSizeInformation(w, BYTES_PER_SECTOR));
      default:
        throw new NtStatusError(NtStatus.STATUS_INVALID_INFO_CLASS);
    }
  }

  override querySecurity(additionalInformation: number): Promise<Buffer> {
    const flags = this.isDirectory ? INHERIT_FLAGS : 0;
    const sd: SecurityDescriptor = {
      ...((additionalInformation & SecurityInformation.OWNER_SECURITY_INFORMATION) !== 0 && {
        owner: WellKnownSid.BUILTIN_ADMINISTRATORS,
      }),
      ...((additionalInformation & SecurityInformation.GROUP_SECURITY_INFORMATION) !== 0 && {
        group: WellKnownSid.LOCAL_SYSTEM,
      }),
      ...((additionalInformation & SecurityInformation.DACL_SECURITY_INFORMATION) !== 0 && {
        dacl: [
          { sid: WellKnownSid.EVERYONE, mask: FILE_GENERIC_READ_EXECUTE, flags },
          { sid: WellKnownSid.BUILTIN_ADMINISTRATORS, mask: FILE_ALL_ACCESS, flags },
          { sid: WellKnownSid.LOCAL_SYSTEM, mask: FILE_ALL_ACCESS, flags },
        ],
      }),
    };
    return Promise.resolve(encodeSecurityDescriptor(sd));
  }
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
