/**
 * SMB2 READ — [MS-SMB2] 2.2.19 (request), 2.2.20 (response).
 *
 * Request (StructureSize 49):
 *   0 StructureSize 2 | 2 Padding 1 | 3 Flags 1 | 4 Length 4 | 8 Offset 8 | 16 FileId 16
 *  32 MinimumCount 4 | 36 Channel 4 | 40 RemainingBytes 4 | 44 ReadChannelInfoOffset 2
 *  46 ReadChannelInfoLength 2 | 48 Buffer (at least one byte)
 *
 * Response (StructureSize 17):
 *   0 StructureSize 2 | 2 DataOffset 1 | 3 Reserved 1 | 4 DataLength 4 | 8 DataRemaining 4
 *  12 Flags/Reserved2 4 | 16 Buffer (data at 0x50 from the header)
 *
 * A server may read the file straight into a response buffer: READ_RESPONSE_DATA_OFFSET bytes of
 * room for the header and the fixed part, then the data; `writeReadResponseFixedPart` fills the
 * fixed part in place.
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import { EncodingError } from '../../common/errors';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { SMB2_HEADER_SIZE } from '../constants';
import type { FileId } from './common';
import { bufferAt, decodeFileId, encodeFileId, expectStructureSize } from './common';

export interface ReadRequest {
  readonly padding: number;
  readonly flags: number;
  readonly length: number;
  readonly offset: bigint;
  readonly fileId: FileId;
  readonly minimumCount: number;
  readonly channel: number;
  readonly remainingBytes: number;
}

/**
 * A plain READ of `length` bytes at `offset`: data right after the header (DataOffset 0x50), no
 * minimum, no channel (what Windows clients send for a file read).
 */
export function plainReadRequest(fileId: FileId, offset: number | bigint, length: number): ReadRequest {
  return {
    padding: 0x50,
    flags: 0,
    length,
    offset: BigInt(offset),
    fileId,
    minimumCount: 0,
    channel: 0,
    remainingBytes: 0,
  };
}

export interface ReadResponse {
  readonly data: Buffer;
  readonly dataRemaining: number;
}

/** The fixed part of a READ request, with its one Buffer byte. */
const READ_REQUEST_SIZE = 49;

export function decodeReadRequest(r: BufferReader): ReadRequest {
  expectStructureSize(r, READ_REQUEST_SIZE, 'READ request');
  const padding = r.u8('Padding');
  const flags = r.u8('Flags');
  const length = r.u32('Length');
  const offset = r.u64('Offset');
  const fileId = decodeFileId(r);
  const minimumCount = r.u32('MinimumCount');
  const channel = r.u32('Channel');
  const remainingBytes = r.u32('RemainingBytes');
  r.skip(4, 'ReadChannelInfo');
  return { padding, flags, length, offset, fileId, minimumCount, channel, remainingBytes };
}

/**
 * Only the Length of a READ request, for a server that schedules READs by size before decoding
 * them whole: StructureSize must be 49 and the whole fixed part present.
 */
export function decodeReadRequestLength(r: BufferReader): number {
  expectStructureSize(r, READ_REQUEST_SIZE, 'READ request');
  r.skip(2, 'Padding, Flags');
  const length = r.u32('Length');
  r.need(READ_REQUEST_SIZE - 8, 'READ request');
  return length;
}

export function encodeReadRequest(w: BufferWriter, m: ReadRequest): void {
  w.u16(49).u8(m.padding).u8(m.flags).u32(m.length).u64(m.offset);
  encodeFileId(w, m.fileId);
  w.u32(m.minimumCount).u32(m.channel).u32(m.remainingBytes).u16(0).u16(0).u8(0);
}

export function decodeReadResponse(r: BufferReader, base: number): ReadResponse {
  expectStructureSize(r, 17, 'READ response');
  const dataOffset = r.u8('DataOffset');
  r.skip(1, 'Reserved');
  const dataLength = r.u32('DataLength');
  const dataRemaining = r.u32('DataRemaining');
  r.skip(4, 'Reserved2');
  return { data: bufferAt(r, base, dataOffset, dataLength, 'Data'), dataRemaining };
}

export function encodeReadResponse(w: BufferWriter, base: number, m: ReadResponse): void {
  const body = w.offset;
  w.u16(17);
  // DataOffset is one byte: the data directly follows the 16-byte fixed part (0x50).
  w.u8(body - base + 16)
    .u8(0)
    .u32(m.data.length)
    .u32(m.dataRemaining)
    .u32(0);
  if (m.data.length === 0) w.u8(0);
  else w.bytes(m.data);
}

/** Where a lone READ response's data starts, from its header: header (64) + fixed part (16) = 0x50. */
export const READ_RESPONSE_DATA_OFFSET = SMB2_HEADER_SIZE + 16;

/**
 * Writes the 16-byte fixed part of a READ response at SMB2_HEADER_SIZE in `message`, whose data
 * (`message.length - READ_RESPONSE_DATA_OFFSET` bytes, at least one) is already in place.
 */
export function writeReadResponseFixedPart(message: Buffer, dataRemaining: number): void {
  const dataLength = message.length - READ_RESPONSE_DATA_OFFSET;
  if (dataLength < 1) throw new EncodingError('a READ response buffer holds at least one byte of data');
  const at = SMB2_HEADER_SIZE;
  message.writeUInt16LE(17, at);
  message.writeUInt8(READ_RESPONSE_DATA_OFFSET, at + 2);
  message.writeUInt8(0, at + 3);
  message.writeUInt32LE(dataLength, at + 4);
  message.writeUInt32LE(dataRemaining, at + 8);
  message.writeUInt32LE(0, at + 12);
}
