/**
 * An open (a FileId) — [MS-SMB2] 3.3.1.10. Each share kind implements the operations it
 * supports; the base class answers the rest the way Windows does for that kind of object.
 */
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { NtStatusError } from '../../common/errors';
import { NtStatus } from '../../common/status/ntstatus';
import type { FileId } from '../messages/common';
import type { FileBasics } from '../messages/file-information';
import type { QueryDirectoryRequest } from '../messages/query-directory';
import type { MessageSlice } from './streamed-read';

/** Output of an info query: the full encoding and the size below which nothing useful fits. */
export interface InfoOutput {
  readonly data: Buffer;
  /** Fixed part: an OutputBufferLength below this is STATUS_INFO_LENGTH_MISMATCH; above it the rest is truncated with STATUS_BUFFER_OVERFLOW. */
  readonly minimumSize: number;
}

export interface IoOutput {
  readonly data: Buffer;
  /** STATUS_SUCCESS, or STATUS_BUFFER_OVERFLOW when a pipe message continues. */
  readonly status: number;
}

/** A read into a buffer that leaves room before the data (for the response's headers). */
export interface HeadroomRead {
  /** `headroom` bytes (uninitialised, for the caller to fill), then the data read: a view of the start of an allocated buffer. */
  readonly buffer: Buffer;
  /** STATUS_SUCCESS, or STATUS_BUFFER_OVERFLOW when a pipe message continues. */
  readonly status: number;
}

/** A read whose data is still arriving: `buffer` is whole once every slice is ready. */
export interface StreamedRead {
  readonly buffer: Buffer;
  readonly slices: readonly MessageSlice[];
}

export type InfoEncoder = (w: BufferWriter) => void;

/** Gives a buffer of at least `size` bytes, uninitialised (a connection's pool, or a fresh one). */
export type Allocate = (size: number) => Buffer;

const allocateFresh: Allocate = (size) => Buffer.allocUnsafe(size);

export abstract class Open {
  /** Set by the tree when the open is registered. */
  fileId: FileId = { persistent: 0n, volatile: 0n };

  constructor(
    /** The name as the client opened it (share-relative). */
    readonly name: string,
    readonly grantedAccess: number,
  ) {}

  abstract readonly isDirectory: boolean;

  /** Times, sizes and attributes for CREATE and CLOSE responses. */
  abstract basics(): FileBasics;

  read(_offset: number, _length: number): Promise<IoOutput> {
    return Promise.reject(
      new NtStatusError(NtStatus.STATUS_INVALID_DEVICE_REQUEST, 'READ on an object that cannot be read'),
    );
  }

  /**
   * read(), with the data placed after `headroom` bytes of a buffer from `allocate`, so a READ
   * response can be sent from it without another copy. Files override this to read straight into
   * that buffer.
   */
  async readWithHeadroom(
    offset: number,
    length: number,
    headroom: number,
    allocate: Allocate = allocateFresh,
  ): Promise<HeadroomRead> {
    const out = await this.read(offset, length);
    const buffer = allocate(headroom + out.data.length).subarray(0, headroom + out.data.length);
    out.data.copy(buffer, headroom);
    return { buffer, status: out.status };
  }

  /**
   * readWithHeadroom for a response sent while its data is read (streamed-read.ts): the buffer,
   * its headroom left for the caller, and the slices that fill the rest; undefined when this open
   * does not stream (the default) or the read is short enough to be read whole. Fails, before
   * reading, as readWithHeadroom does, and with STATUS_END_OF_FILE when fewer than
   * `minimumCount` bytes are left.
   */
  readStreamed(
    _offset: number,
    _length: number,
    _minimumCount: number,
    _headroom: number,
    _allocate: Allocate,
  ): Promise<StreamedRead | undefined> {
    return Promise.resolve(undefined);
  }

  write(_offset: bigint, _data: Buffer): Promise<number> {
    return Promise.reject(new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, 'WRITE on a read-only object'));
  }

  /** SET_INFO of a file information class ([MS-SMB2] 3.3.5.21.1): only writable files take one. */
  setFileInfo(_infoClass: number, _buffer: Buffer): Promise<void> {
    return Promise.reject(new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, 'SET_INFO on a read-only object'));
  }

  /** FLUSH ([MS-SMB2] 3.3.5.11): nothing is buffered unless an open says otherwise. */
  flush(): Promise<void> {
    return Promise.resolve();
  }

  queryDirectory(_request: QueryDirectoryRequest): Promise<Buffer> {
    return Promise.reject(new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, 'QUERY_DIRECTORY on a non-directory'));
  }

  queryFileInfo(_infoClass: number): Promise<InfoOutput> {
    return Promise.reject(new NtStatusError(NtStatus.STATUS_INVALID_INFO_CLASS));
  }

  queryFsInfo(_infoClass: number): Promise<InfoOutput> {
    return Promise.reject(new NtStatusError(NtStatus.STATUS_INVALID_INFO_CLASS));
  }

  querySecurity(_additionalInformation: number): Promise<Buffer> {
    return Promise.reject(new NtStatusError(NtStatus.STATUS_ACCESS_DENIED));
  }

  /** A file-system control on this open (pipes: FSCTL_PIPE_TRANSCEIVE). */
  fsctl(_ctlCode: number, _input: Buffer, _maxOutput: number): Promise<IoOutput> {
    return Promise.reject(new NtStatusError(NtStatus.STATUS_INVALID_DEVICE_REQUEST));
  }

  /** CLOSE. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The connection, session or tree went away without a CLOSE. */
  abandon(): Promise<void> {
    return this.close();
  }
}
