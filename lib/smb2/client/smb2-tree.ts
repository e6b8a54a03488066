/**
 * A tree connect and the files on it — [MS-SMB2] 3.2.4.3 (CREATE), 3.2.4.5 (CLOSE), 3.2.4.6
 * (READ), 3.2.4.7 (WRITE), 3.2.4.17 (QUERY_DIRECTORY, directory-listing.ts), 3.2.4.1.4
 * (compounding: CREATE + CLOSE for stat), 2.2.11 (TREE_DISCONNECT). Files opened for reading are
 * Smb2File (smb2-file.ts), for writing Smb2WritableFile, pipes Smb2Pipe.
 *
 * Paths are share-relative; `/` and `\` both separate components and leading separators are
 * dropped (`color/Hpclrlsr.icm` -> `color\Hpclrlsr.icm`, the root is the empty name).
 * Large reads are split in chunks of up to MaxReadSize, each one multi-credit READ, several in
 * flight at once within the credits the server grants. Writes go in chunks of up to MaxWriteSize,
 * in order (a printer share appends them to the job as they come; the job is queued at CLOSE).
 */
import { filetimeToDate } from '../../common/binary/filetime';
import type { Logger } from '../../common/logger';
import { NtStatus } from '../../common/status/ntstatus';
import {
  CreateDisposition,
  CreateOptions,
  FileAccessMask,
  FileShareAccess,
  ImpersonationLevel,
  OplockLevel,
  RELATED_FILE_ID,
  Smb2Command,
} from '../constants';
import { decodeCloseResponse, encodeCloseRequest } from '../messages/close';
import type { FileId } from '../messages/common';
import type { CreateResponse } from '../messages/create';
import { decodeCreateResponse, encodeCreateRequest } from '../messages/create';
import { decodeReadResponse, encodeReadRequest } from '../messages/read';
import { encodeTreeDisconnectRequest } from '../messages/tree-disconnect';
import { decodeWriteResponse, encodeWriteRequest } from '../messages/write';
import type { Smb2ClientConnection } from './client-connection';
import type { Smb2CallResponse } from './client-messages';
import { bodyReader, decodeOrThrow } from './client-messages';
import { Smb2ProtocolError } from './client-errors';
import type { Smb2DirectoryEntry, Smb2FileStat } from './directory-listing';
import { isDirectory, listDirectory, sizeOf } from './directory-listing';
import type { Smb2IoLimits } from './io-limits';
import { PipelinedReadStream, readToSink, type PipelinedReadOptions, type ReadSink } from './read-stream';
import { Smb2File } from './smb2-file';
import { Smb2Pipe } from './smb2-pipe';
import { expectStatus } from './status';
import type { TreeIo, TreeRequest } from './tree-io';
import type { Smb2WriteSource } from './writable-file';
import { Smb2WritableFile, writeSource } from './writable-file';

export interface TreeContext {
  readonly connection: Smb2ClientConnection;
  readonly sessionId: bigint;
  readonly treeId: number;
  /** The share requires encryption (SMB2_SHAREFLAG_ENCRYPT_DATA): every request of the tree is encrypted. */
  readonly encrypt?: boolean;
  readonly limits: Smb2IoLimits;
  readonly logger: Logger;
}

export type { Smb2DirectoryEntry, Smb2FileStat } from './directory-listing';

export interface ReadStreamOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /** Bytes per READ; default (and at most) the negotiated MaxReadSize. */
  readonly chunkSize?: number;
  /** READs in flight; default as many as make READ_BYTES_IN_FLIGHT (2 to 16). */
  readonly parallel?: number;
}

/**
 * What a download keeps in flight: 2 READs of 8 MiB (the MaxReadSize of Windows and Samba), 8 of
 * 2 MiB. Enough for the server to have the next READ at hand while the socket drains, as
 * smbclient does (1-2 READs of 8 MiB). Measured against our server on 3.1.1 (docs/benchmarks.md):
 * 4 READs of 8 MiB cost the server 0.65 and 0.47 CPU s/GB signed and unsigned, 2 cost it 0.61 and
 * 0.37, at the same speed; more only holds memory, on both sides.
 */
const READ_BYTES_IN_FLIGHT = 16 * 1024 * 1024;
const MIN_PARALLEL = 2;
const MAX_PARALLEL = 16;
/** The padding byte of READ: where the server should place the data (0x50, as Windows asks). */
const READ_DATA_OFFSET = 0x50;
/**
 * FILE_GENERIC_WRITE ([MS-SMB2] 2.2.13.1.1: FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_WRITE_EA |
 * FILE_WRITE_ATTRIBUTES | READ_CONTROL | SYNCHRONIZE), what Windows asks for a print job.
 */
const FILE_GENERIC_WRITE = 0x00120116;

const DISPOSITIONS = {
  create: CreateDisposition.FILE_CREATE,
  'overwrite-if': CreateDisposition.FILE_OVERWRITE_IF,
} as const;

export interface CreateFileOptions {
  /** 'create' fails when the file exists; 'overwrite-if' (the default) truncates or creates it. */
  readonly disposition?: keyof typeof DISPOSITIONS;
}

export interface WriteFileOptions {
  /** Bytes per WRITE; default (and at most) MaxWriteSize. */
  readonly chunkSize?: number;
  readonly onProgress?: (done: number) => void;
}

/** Share-relative SMB2 name: backslashes, no leading separator, no empty components. */
export function toSmb2Path(path: string): string {
  return path
    .split(/[\\/]+/)
    .filter((c) => c.length > 0)
    .join('\\');
}

export interface OpenOptions {
  readonly desiredAccess: number;
  readonly createOptions: number;
  readonly shareAccess?: number;
  /** FILE_OPEN by default. */
  readonly createDisposition?: number;
}

export class Smb2Tree implements TreeIo {
  private disconnected = false;

  constructor(
    private readonly ctx: TreeContext,
    readonly share: string,
    readonly shareType: 'disk' | 'pipe' | 'print',
  ) {}

  get treeId(): number {
    return this.ctx.treeId;
  }

  /** A request on this tree (session and tree ids filled in). */
  call(request: TreeRequest): Promise<Smb2CallResponse> {
    return this.ctx.connection.call({
      ...request,
      sessionId: this.ctx.sessionId,
      treeId: this.ctx.treeId,
      ...(this.ctx.encrypt === true && { encrypt: true }),
    });
  }

  private createRequest(name: string, o: OpenOptions): TreeRequest {
    return {
      command: Smb2Command.CREATE,
      encodeBody: (w, base) =>
        encodeCreateRequest(w, base, {
          securityFlags: 0,
          requestedOplockLevel: OplockLevel.SMB2_OPLOCK_LEVEL_NONE,
          impersonationLevel: ImpersonationLevel.Impersonation,
          smbCreateFlags: 0n,
          desiredAccess: o.desiredAccess,
          fileAttributes: 0,
          shareAccess:
            o.shareAccess ??
            FileShareAccess.FILE_SHARE_READ | FileShareAccess.FILE_SHARE_WRITE | FileShareAccess.FILE_SHARE_DELETE,
          createDisposition: o.createDisposition ?? CreateDisposition.FILE_OPEN,
          createOptions: o.createOptions,
          name,
          createContexts: [],
        }),
    };
  }

  /** CREATE (FILE_OPEN); the open's FileId and what the server reported. */
  async open(path: string, o: OpenOptions): Promise<CreateResponse> {
    const name = toSmb2Path(path);
    const response = await this.call(this.createRequest(name, o));
    expectStatus(response, `"${name}"`);
    return decodeOrThrow('CREATE response', () => decodeCreateResponse(bodyReader(response), 0));
  }

  async closeFile(fileId: FileId): Promise<void> {
    const response = await this.call({
      command: Smb2Command.CLOSE,
      encodeBody: (w) => encodeCloseRequest(w, { flags: 0, fileId }),
    });
    expectStatus(response, 'file');
    decodeOrThrow('CLOSE response', () => decodeCloseResponse(bodyReader(response)));
  }

  /** Size, kind and last write time: CREATE + CLOSE in one compounded request. */
  async stat(path: string): Promise<Smb2FileStat> {
    const name = toSmb2Path(path);
    const base = {
      sessionId: this.ctx.sessionId,
      treeId: this.ctx.treeId,
      ...(this.ctx.encrypt === true && { encrypt: true }),
    };
    const [created, closed] = this.ctx.connection.submit([
      {
        ...base,
        ...this.createRequest(name, {
          desiredAccess: FileAccessMask.FILE_READ_ATTRIBUTES | FileAccessMask.SYNCHRONIZE,
          createOptions: 0,
        }),
      },
      {
        ...base,
        command: Smb2Command.CLOSE,
        related: true,
        encodeBody: (w) =>
          encodeCloseRequest(w, { flags: 0, fileId: { persistent: RELATED_FILE_ID, volatile: RELATED_FILE_ID } }),
      },
    ]);
    if (created === undefined || closed === undefined) throw new RangeError('compound of two');
    const response = await created;
    expectStatus(response, `"${name}"`);
    const info = decodeOrThrow('CREATE response', () => decodeCreateResponse(bodyReader(response), 0));
    const closeResponse = await closed;
    if (closeResponse.status !== NtStatus.STATUS_SUCCESS)
      this.ctx.logger.warn('related CLOSE failed', { name, status: closeResponse.status });
    return {
      size: sizeOf(info.endOfFile, name),
      isDirectory: isDirectory(info.fileAttributes),
      mtime: filetimeToDate(info.lastWriteTime),
    };
  }

  /** The entries of a directory ("." and ".." left out): QUERY_DIRECTORY until STATUS_NO_MORE_FILES. */
  async list(dirPath: string): Promise<Smb2DirectoryEntry[]> {
    const dir = await this.open(dirPath, {
      desiredAccess:
        FileAccessMask.FILE_LIST_DIRECTORY | FileAccessMask.FILE_READ_ATTRIBUTES | FileAccessMask.SYNCHRONIZE,
      createOptions: CreateOptions.FILE_DIRECTORY_FILE,
    });
    try {
      return await listDirectory(this, dir.fileId, `"${toSmb2Path(dirPath)}"`, this.ctx.limits.maxTransactSize);
    } finally {
      await this.closeQuietly(dir.fileId);
    }
  }

  /** Opens a file for reading. */
  async openRead(path: string): Promise<Smb2File> {
    const info = await this.open(path, {
      desiredAccess: FileAccessMask.FILE_READ_DATA | FileAccessMask.FILE_READ_ATTRIBUTES | FileAccessMask.SYNCHRONIZE,
      createOptions: CreateOptions.FILE_NON_DIRECTORY_FILE,
    });
    return new Smb2File(this, toSmb2Path(path), info.fileId, sizeOf(info.endOfFile, path), this.ctx.limits.maxReadSize);
  }

  /**
   * Pipelined reads: keeps several READ requests in flight within the credits granted
   * (multi-credit READs of up to maxReadSize when the dialect allows). The stream fails (and the
   * caller discards what it wrote) when the connection drops mid-way.
   */
  async createReadStream(
    path: string,
    options: ReadStreamOptions = {},
  ): Promise<{ size: number; stream: NodeJS.ReadableStream }> {
    const file = await this.openRead(path);
    return { size: file.size, stream: new PipelinedReadStream(pipelinedReads(file, options)) };
  }

  /**
   * The same pipelined reads, each chunk given to `sink` in order; once the sink is done with a
   * chunk (its promise settled), the chunk's buffer takes a later READ: no allocation per READ.
   * The bytes read (the file's size).
   */
  async readFileToSink(path: string, sink: ReadSink, options: ReadStreamOptions = {}): Promise<number> {
    const file = await this.openRead(path);
    return readToSink(pipelinedReads(file, options), sink, (chunk) => this.ctx.connection.releaseReadBuffer(chunk));
  }

  /**
   * CREATE for writing (FILE_GENERIC_WRITE). On a printer share this starts a print job named
   * after the file; its CLOSE queues the job. A share that refuses writing (PRINT$) fails with
   * NtStatusError (STATUS_ACCESS_DENIED).
   */
  async createFile(path: string, options: CreateFileOptions = {}): Promise<Smb2WritableFile> {
    const info = await this.open(path, {
      desiredAccess: FILE_GENERIC_WRITE,
      createOptions: CreateOptions.FILE_NON_DIRECTORY_FILE,
      shareAccess: FileShareAccess.FILE_SHARE_READ,
      createDisposition: DISPOSITIONS[options.disposition ?? 'overwrite-if'],
    });
    return new Smb2WritableFile(
      {
        writeOnce: (fileId, offset, data) => this.writeOnce(fileId, offset, data),
        closeFile: (id) => this.closeFile(id),
      },
      toSmb2Path(path),
      info.fileId,
      this.ctx.limits.maxWriteSize,
    );
  }

  /**
   * Creates (or overwrites) `path` with `source` and closes it; the bytes written. On a printer
   * share this submits a print job. When the source fails the open is still closed.
   */
  async writeFile(path: string, source: Smb2WriteSource, options: WriteFileOptions = {}): Promise<number> {
    const file = await this.createFile(path);
    const chunkSize = Math.max(1, Math.min(options.chunkSize ?? file.maxChunk, file.maxChunk));
    try {
      await writeSource(file, source, chunkSize, options.onProgress);
    } catch (err) {
      await this.closeQuietly(file.fileId);
      throw err;
    }
    await file.close();
    return file.written;
  }

  /** One WRITE of `data` at `offset`; the Count the server reports. */
  async writeOnce(fileId: FileId, offset: number, data: Buffer): Promise<number> {
    const response = await this.call({
      command: Smb2Command.WRITE,
      payloadSize: data.length,
      encodeBody: (w, base) =>
        encodeWriteRequest(w, base, { offset: BigInt(offset), fileId, channel: 0, remainingBytes: 0, flags: 0, data }),
    });
    expectStatus(response, `at ${offset}`);
    return decodeOrThrow('WRITE response', () => decodeWriteResponse(bodyReader(response))).count;
  }

  /** Opens a named pipe on IPC$ (the bare name: `spoolss`, not `\pipe\spoolss`). */
  async openPipe(name: string): Promise<Smb2Pipe> {
    const pipeName = name.replace(/^[\\/]*(pipe[\\/])?/i, '');
    const info = await this.open(pipeName, {
      // FILE_GENERIC_READ | FILE_GENERIC_WRITE, as Windows opens RPC pipes.
      desiredAccess: 0x0012019f,
      createOptions: 0,
      shareAccess: FileShareAccess.FILE_SHARE_READ | FileShareAccess.FILE_SHARE_WRITE,
    });
    this.ctx.logger.debug('pipe opened', { pipe: pipeName });
    return new Smb2Pipe(this, pipeName, info.fileId, this.ctx.limits);
  }

  /** One READ of at most `length` bytes: empty at end of file; `more` when a pipe message continues. */
  async readOnce(fileId: FileId, offset: number, length: number): Promise<{ data: Buffer; more: boolean }> {
    const response = await this.call({
      command: Smb2Command.READ,
      payloadSize: length,
      encodeBody: (w) =>
        encodeReadRequest(w, {
          padding: READ_DATA_OFFSET,
          flags: 0,
          length,
          offset: BigInt(offset),
          fileId,
          minimumCount: 0,
          channel: 0,
          remainingBytes: 0,
        }),
    });
    if (response.status === NtStatus.STATUS_END_OF_FILE) return { data: Buffer.alloc(0), more: false };
    const status = expectStatus(response, `at ${offset}`, [NtStatus.STATUS_SUCCESS, NtStatus.STATUS_BUFFER_OVERFLOW]);
    const { data } = decodeOrThrow('READ response', () => decodeReadResponse(bodyReader(response), 0));
    if (data.length > length) throw new Smb2ProtocolError(`READ of ${length} bytes returned ${data.length}`);
    return { data, more: status === NtStatus.STATUS_BUFFER_OVERFLOW };
  }

  async closeQuietly(fileId: FileId): Promise<void> {
    try {
      await this.closeFile(fileId);
    } catch (err) {
      this.ctx.logger.debug('CLOSE failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  async disconnect(): Promise<void> {
    if (this.disconnected) return;
    this.disconnected = true;
    const response = await this.call({
      command: Smb2Command.TREE_DISCONNECT,
      encodeBody: (w) => encodeTreeDisconnectRequest(w),
    });
    expectStatus(response, this.share);
  }
}

/** Chunk size and READs in flight of a download: READ_BYTES_IN_FLIGHT in chunks of MaxReadSize. */
function pipelinedReads(file: Smb2File, options: ReadStreamOptions): PipelinedReadOptions {
  const chunkSize = Math.max(1, Math.min(options.chunkSize ?? file.maxChunk, file.maxChunk));
  const byBytes = Math.floor(READ_BYTES_IN_FLIGHT / chunkSize);
  const parallel = Math.max(
    1,
    Math.min(options.parallel ?? Math.max(MIN_PARALLEL, Math.min(MAX_PARALLEL, byBytes)), 64),
  );
  return {
    size: file.size,
    chunkSize,
    parallel,
    readChunk: (offset, length) => file.readFully(offset, length),
    close: () => file.close(),
    ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
  };
}
