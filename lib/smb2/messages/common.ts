/**
 * Helpers shared by the SMB2 message codecs — [MS-SMB2] 2.2. Every body starts with its
 * StructureSize; every variable part is located by an Offset (from the start of the SMB2 header)
 * and a Length, which must fall inside the message.
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';
import { SMB2_HEADER_SIZE } from '../constants';

/** Reads and checks StructureSize. */
export function expectStructureSize(r: BufferReader, expected: number, what: string): void {
  const at = r.offset;
  const size = r.u16('StructureSize');
  if (size !== expected) {
    throw new MalformedPacketError(`${what} StructureSize ${size}, expected ${expected}`, {
      offset: at,
      field: 'StructureSize',
    });
  }
}

/**
 * The bytes at `offset` (relative to the header at `base`) for `length`. A zero length yields an
 * empty buffer whatever the offset; otherwise the range must lie after the header and inside the message.
 */
export function bufferAt(r: BufferReader, base: number, offset: number, length: number, field: string): Buffer {
  if (length === 0) return Buffer.alloc(0);
  if (offset < SMB2_HEADER_SIZE) {
    throw new MalformedPacketError(`${field} offset ${offset} points into the header`, {
      offset: base + offset,
      field,
    });
  }
  return r.slice(base + offset, length, field);
}

/** The 16-byte SMB2_FILEID ([MS-SMB2] 2.2.14.1): Persistent (8) then Volatile (8). */
export interface FileId {
  readonly persistent: bigint;
  readonly volatile: bigint;
}

export function decodeFileId(r: BufferReader): FileId {
  return { persistent: r.u64('FileId.Persistent'), volatile: r.u64('FileId.Volatile') };
}

export function encodeFileId(w: BufferWriter, id: FileId): void {
  w.u64(id.persistent).u64(id.volatile);
}

export function fileIdKey(id: FileId): string {
  return `${id.persistent.toString(16)}:${id.volatile.toString(16)}`;
}

/** Offset of the current write position relative to the header at `base`. */
export function relOffset(w: BufferWriter, base: number): number {
  return w.offset - base;
}

/** A body whose only field is StructureSize 4 + Reserved 2 (LOGOFF, TREE_DISCONNECT, ECHO, CANCEL, FLUSH response). */
export function decodeEmptyBody(r: BufferReader, what: string): void {
  expectStructureSize(r, 4, what);
  r.skip(2, 'Reserved');
}

export function encodeEmptyBody(w: BufferWriter): void {
  w.u16(4).u16(0);
}

/**
 * The response layout QUERY_INFO and QUERY_DIRECTORY share — [MS-SMB2] 2.2.38, 2.2.34:
 *   u16 StructureSize (9), u16 OutputBufferOffset, u32 OutputBufferLength, Buffer
 */
export function decodeOutputBufferResponse(r: BufferReader, base: number, what: string): Buffer {
  expectStructureSize(r, 9, what);
  const offset = r.u16('OutputBufferOffset');
  const length = r.u32('OutputBufferLength');
  return bufferAt(r, base, offset, length, 'OutputBuffer');
}

export function encodeOutputBufferResponse(w: BufferWriter, base: number, output: Buffer): void {
  w.u16(9);
  const offset = w.reserveU16();
  w.u32(output.length);
  w.patch(offset, relOffset(w, base));
  // The structure size counts one byte of Buffer: an empty output still carries it.
  if (output.length === 0) w.u8(0);
  else w.bytes(output);
}
