/**
 * An open of PRINT$ — [MS-SMB2] 3.3.1.10 over one entry of the drivers store: READ straight from
 * the file into the response buffer (3.3.5.12; a large one in slices that leave as they are read,
 * streamed-read.ts), QUERY_DIRECTORY with resumable searches
 * (3.3.5.18), and the information classes of store-information.ts (3.3.5.20). An administrator's
 * open of a writable store also takes WRITE (3.3.5.13, straight to the file through one handle),
 * FLUSH (fsync) and SET_INFO (store-set-info.ts), and deletes itself at CLOSE when asked to.
 */
import type { FileHandle } from 'node:fs/promises';
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import type { DriverStore, DriverStoreEntry } from '../../../drivers/driver-store';
import { DriverStoreNotEmptyError, type DriverStoreWriter } from '../../../drivers/driver-store-writer';
import { FileAccessMask, QueryDirectoryFlags } from '../../constants';
import type { DirectoryEntry, FileBasics } from '../../messages/file-information';
import {
  DIRECTORY_INFORMATION_CLASSES,
  encodeDirectoryEntry,
  packDirectoryEntries,
} from '../../messages/file-information';
import type { QueryDirectoryRequest } from '../../messages/query-directory';
import { decodeSetFileInformation } from '../../messages/set-file-information';
import type { Allocate, HeadroomRead, InfoOutput, IoOutput, StreamedRead } from '../open';
import { Open } from '../open';
import { DirectorySearch, hasWildcards } from './directory-search';
import { needsShortName, shortNameOf } from './short-name';
import { storeCall, storeWriteStatus } from './store-errors';
import { SET_INFO_ACCESS, setStoreInformation } from './store-set-info';
import { entryBasics, fileIndexNumber, fileInformation, fsInformation, securityDescriptor } from './store-information';
import { STREAMED_READ_FROM, readInSlices } from '../streamed-read';

/** WRITE's "at the end of the file" offset. */
const END_OF_FILE_OFFSET = 0xffffffffffffffffn;
/** Largest file a WRITE may make (NTFS's limit is larger; a JS number's safe range is the bound). */
const MAX_FILE_SIZE = Number.MAX_SAFE_INTEGER;

interface Listed {
  readonly name: string;
  readonly entry: DriverStoreEntry;
}

export class StoreOpen extends Open {
  private readonly search = new DirectorySearch<Listed>();

  /** Set by FILE_DELETE_ON_CLOSE or FileDispositionInformation: removed at CLOSE. */
  deletePending: boolean;

  constructor(
    name: string,
    grantedAccess: number,
    private readonly store: DriverStore,
    /** Mutable: WRITE grows it, SET_INFO renames or truncates it. */
    private entry: DriverStoreEntry,
    private readonly volumeSerial: number,
    /** Only for an administrator's open of a writable store. */
    private readonly writer?: DriverStoreWriter,
    deleteOnClose = false,
  ) {
    super(name, grantedAccess);
    this.deletePending = deleteOnClose;
  }

  get isDirectory(): boolean {
    return this.entry.isDirectory;
  }

  basics(): FileBasics {
    return entryBasics(this.entry);
  }

  /** Opened at the first READ (confined once), closed with the Open. */
  private handle: Promise<FileHandle> | undefined;

  /** Opened at the first WRITE, closed with the Open. */
  private writeHandle: Promise<FileHandle> | undefined;

  override async close(): Promise<void> {
    const handles = [this.handle, this.writeHandle];
    this.handle = undefined;
    this.writeHandle = undefined;
    for (const h of handles) if (h) await (await h.catch(() => undefined))?.close();
    if (this.deletePending && this.writer) {
      this.deletePending = false;
      // A folder that got entries since it was marked stays, as on NTFS (the close succeeds).
      await this.writer.remove(this.entry).catch((err: unknown) => {
        if (!(err instanceof DriverStoreNotEmptyError)) throw storeWriteStatus(err, this.entry.path);
      });
    }
  }

  override async write(offset: bigint, data: Buffer): Promise<number> {
    const writer = this.writableBy(FileAccessMask.FILE_WRITE_DATA | FileAccessMask.FILE_APPEND_DATA);
    if (this.entry.isDirectory) throw new NtStatusError(NtStatus.STATUS_INVALID_DEVICE_REQUEST, 'WRITE on a directory');
    // [MS-FSA] 2.1.5.3: an offset of all ones writes at the end of the file.
    const at = offset === END_OF_FILE_OFFSET ? this.entry.size : Number(offset);
    if (!Number.isSafeInteger(at) || at + data.length > MAX_FILE_SIZE) {
      throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, `WRITE at ${offset}`);
    }
    const entry = this.entry;
    this.writeHandle ??= storeCall(entry.path, () => writer.openForWrite(entry));
    const fh = await this.writeHandle;
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await storeCall(entry.path, () =>
        fh.write(data, written, data.length - written, at + written),
      );
      if (bytesWritten === 0) throw new NtStatusError(NtStatus.STATUS_DISK_FULL, entry.path);
      written += bytesWritten;
    }
    this.entry = { ...this.entry, size: Math.max(this.entry.size, at + written), mtime: new Date() };
    return written;
  }

  override async flush(): Promise<void> {
    const h = this.writeHandle;
    if (h) await (await h).sync();
  }

  override async setFileInfo(infoClass: number, buffer: Buffer): Promise<void> {
    const info = decodeSetFileInformation(infoClass, buffer);
    const writer = this.writableBy(SET_INFO_ACCESS[info.kind]);
    const updated = await storeCall(this.entry.path, () => setStoreInformation(writer, this.entry, info));
    if (updated.deletePending !== undefined) this.deletePending = updated.deletePending;
    this.entry = updated.entry;
  }

  /** The writer, if this open was granted one of `rights`; STATUS_ACCESS_DENIED otherwise. */
  private writableBy(rights: number): DriverStoreWriter {
    if (this.writer === undefined || (this.grantedAccess & rights) === 0) {
      throw new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, `"${this.entry.path}" was not opened for that`);
    }
    return this.writer;
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
    const want = this.readableLength(offset, length);
    const fh = await this.file();
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

  /** Large reads: the buffer at once, its slices read into it as the transport sends it. */
  override async readStreamed(
    offset: number,
    length: number,
    minimumCount: number,
    headroom: number,
    allocate: Allocate,
  ): Promise<StreamedRead | undefined> {
    const want = this.readableLength(offset, length);
    if (want < STREAMED_READ_FROM) return undefined;
    if (want < minimumCount) throw new NtStatusError(NtStatus.STATUS_END_OF_FILE, 'fewer bytes than MinimumCount');
    const fh = await this.file();
    const buffer = allocate(headroom + want).subarray(0, headroom + want);
    return { buffer, slices: readInSlices(fh, buffer, headroom, offset, want) };
  }

  /** How many of `length` bytes at `offset` a READ gets; a directory or a start past the end is refused. */
  private readableLength(offset: number, length: number): number {
    if (this.entry.isDirectory) throw new NtStatusError(NtStatus.STATUS_INVALID_DEVICE_REQUEST, 'READ on a directory');
    if (offset >= this.entry.size) throw new NtStatusError(NtStatus.STATUS_END_OF_FILE);
    return Math.min(length, this.entry.size - offset);
  }

  /** The file's handle, opened at the first READ and kept until CLOSE. */
  private file(): Promise<FileHandle> {
    this.handle ??= this.store.openFile(this.entry);
    return this.handle;
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
    const out = fileInformation(this.entry, this.grantedAccess, this.volumeSerial, infoClass);
    return out === undefined
      ? Promise.reject(new NtStatusError(NtStatus.STATUS_INVALID_INFO_CLASS))
      : Promise.resolve(out);
  }

  override queryFsInfo(infoClass: number): Promise<InfoOutput> {
    return fsInformation(this.store, this.volumeSerial, infoClass);
  }

  override querySecurity(additionalInformation: number): Promise<Buffer> {
    return Promise.resolve(securityDescriptor(this.isDirectory, additionalInformation));
  }
}
