/**
 * SMB2 CLOSE — [MS-SMB2] 2.2.15 (request), 2.2.16 (response).
 *
 * Request (StructureSize 24): 0 StructureSize 2 | 2 Flags 2 | 4 Reserved 4 | 8 FileId 16
 *
 * Response (StructureSize 60): 0 StructureSize 2 | 2 Flags 2 | 4 Reserved 4 | 8 CreationTime 8
 *  16 LastAccessTime 8 | 24 LastWriteTime 8 | 32 ChangeTime 8 | 40 AllocationSize 8 | 48 EndofFile 8
 *  56 FileAttributes 4
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import type { FileId } from './common';
import { decodeFileId, encodeFileId, expectStructureSize } from './common';

export interface CloseRequest {
  readonly flags: number;
  readonly fileId: FileId;
}

export interface CloseResponse {
  readonly flags: number;
  readonly creationTime: bigint;
  readonly lastAccessTime: bigint;
  readonly lastWriteTime: bigint;
  readonly changeTime: bigint;
  readonly allocationSize: bigint;
  readonly endOfFile: bigint;
  readonly fileAttributes: number;
}

export function decodeCloseRequest(r: BufferReader): CloseRequest {
  expectStructureSize(r, 24, 'CLOSE request');
  const flags = r.u16('Flags');
  r.skip(4, 'Reserved');
  return { flags, fileId: decodeFileId(r) };
}

export function encodeCloseRequest(w: BufferWriter, m: CloseRequest): void {
  w.u16(24).u16(m.flags).u32(0);
  encodeFileId(w, m.fileId);
}

export function decodeCloseResponse(r: BufferReader): CloseResponse {
  expectStructureSize(r, 60, 'CLOSE response');
  const flags = r.u16('Flags');
  r.skip(4, 'Reserved');
  return {
    flags,
    creationTime: r.u64('CreationTime'),
    lastAccessTime: r.u64('LastAccessTime'),
    lastWriteTime: r.u64('LastWriteTime'),
    changeTime: r.u64('ChangeTime'),
    allocationSize: r.u64('AllocationSize'),
    endOfFile: r.u64('EndofFile'),
    fileAttributes: r.u32('FileAttributes'),
  };
}

export function encodeCloseResponse(w: BufferWriter, m: CloseResponse): void {
  w.u16(60).u16(m.flags).u32(0);
  w.u64(m.creationTime).u64(m.lastAccessTime).u64(m.lastWriteTime).u64(m.changeTime);
  w.u64(m.allocationSize).u64(m.endOfFile).u32(m.fileAttributes);
}
