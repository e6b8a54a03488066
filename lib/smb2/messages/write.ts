/**
 * SMB2 WRITE — [MS-SMB2] 2.2.21 (request), 2.2.22 (response).
 *
 * Request (StructureSize 49):
 *   0 StructureSize 2 | 2 DataOffset 2 | 4 Length 4 | 8 Offset 8 | 16 FileId 16 | 32 Channel 4
 *  36 RemainingBytes 4 | 40 WriteChannelInfoOffset 2 | 42 WriteChannelInfoLength 2 | 44 Flags 4 | 48 Buffer
 *
 * Response (StructureSize 17):
 *   0 StructureSize 2 | 2 Reserved 2 | 4 Count 4 | 8 Remaining 4 | 12 WriteChannelInfoOffset 2
 *  14 WriteChannelInfoLength 2 (+ one pad byte counted by the odd StructureSize)
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import type { FileId } from './common';
import { bufferAt, decodeFileId, encodeFileId, expectStructureSize, relOffset } from './common';

export interface WriteRequest {
  readonly offset: bigint;
  readonly fileId: FileId;
  readonly channel: number;
  readonly remainingBytes: number;
  readonly flags: number;
  readonly data: Buffer;
}

export interface WriteResponse {
  readonly count: number;
  readonly remaining: number;
}

export function decodeWriteRequest(r: BufferReader, base: number): WriteRequest {
  expectStructureSize(r, 49, 'WRITE request');
  const dataOffset = r.u16('DataOffset');
  const length = r.u32('Length');
  const offset = r.u64('Offset');
  const fileId = decodeFileId(r);
  const channel = r.u32('Channel');
  const remainingBytes = r.u32('RemainingBytes');
  r.skip(4, 'WriteChannelInfo');
  const flags = r.u32('Flags');
  return { offset, fileId, channel, remainingBytes, flags, data: bufferAt(r, base, dataOffset, length, 'Data') };
}

export function encodeWriteRequest(w: BufferWriter, base: number, m: WriteRequest): void {
  w.u16(49);
  const dataOffset = w.reserveU16();
  w.u32(m.data.length).u64(m.offset);
  encodeFileId(w, m.fileId);
  w.u32(m.channel).u32(m.remainingBytes).u16(0).u16(0).u32(m.flags);
  w.patch(dataOffset, relOffset(w, base));
  if (m.data.length === 0) w.u8(0);
  else w.bytes(m.data);
}

export function decodeWriteResponse(r: BufferReader): WriteResponse {
  expectStructureSize(r, 17, 'WRITE response');
  r.skip(2, 'Reserved');
  const count = r.u32('Count');
  const remaining = r.u32('Remaining');
  return { count, remaining };
}

export function encodeWriteResponse(w: BufferWriter, m: WriteResponse): void {
  w.u16(17).u16(0).u32(m.count).u32(m.remaining).u16(0).u16(0).u8(0);
}
