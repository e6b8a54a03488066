/**
 * SMB2 QUERY_INFO — [MS-SMB2] 2.2.37 (request), 2.2.38 (response).
 *
 * Request (StructureSize 41):
 *   0 StructureSize 2 | 2 InfoType 1 | 3 FileInfoClass 1 | 4 OutputBufferLength 4
 *   8 InputBufferOffset 2 | 10 Reserved 2 | 12 InputBufferLength 4 | 16 AdditionalInformation 4
 *  20 Flags 4 | 24 FileId 16 | 40 Buffer
 *
 * Response (StructureSize 9):
 *   0 StructureSize 2 | 2 OutputBufferOffset 2 | 4 OutputBufferLength 4 | 8 Buffer (at 0x48)
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import type { FileId } from './common';
import {
  bufferAt,
  decodeFileId,
  decodeOutputBufferResponse,
  encodeFileId,
  encodeOutputBufferResponse,
  expectStructureSize,
  relOffset,
} from './common';

export interface QueryInfoRequest {
  readonly infoType: number;
  readonly fileInfoClass: number;
  readonly outputBufferLength: number;
  readonly input: Buffer;
  readonly additionalInformation: number;
  readonly flags: number;
  readonly fileId: FileId;
}

export interface QueryInfoResponse {
  readonly output: Buffer;
}

export function decodeQueryInfoRequest(r: BufferReader, base: number): QueryInfoRequest {
  expectStructureSize(r, 41, 'QUERY_INFO request');
  const infoType = r.u8('InfoType');
  const fileInfoClass = r.u8('FileInfoClass');
  const outputBufferLength = r.u32('OutputBufferLength');
  const inputOffset = r.u16('InputBufferOffset');
  r.skip(2, 'Reserved');
  const inputLength = r.u32('InputBufferLength');
  const additionalInformation = r.u32('AdditionalInformation');
  const flags = r.u32('Flags');
  const fileId = decodeFileId(r);
  const input = bufferAt(r, base, inputOffset, inputLength, 'InputBuffer');
  return { infoType, fileInfoClass, outputBufferLength, input, additionalInformation, flags, fileId };
}

export function encodeQueryInfoRequest(w: BufferWriter, base: number, m: QueryInfoRequest): void {
  w.u16(41).u8(m.infoType).u8(m.fileInfoClass).u32(m.outputBufferLength);
  const inputOffset = w.reserveU16();
  w.u16(0).u32(m.input.length).u32(m.additionalInformation).u32(m.flags);
  encodeFileId(w, m.fileId);
  if (m.input.length > 0) {
    w.patch(inputOffset, relOffset(w, base));
    w.bytes(m.input);
  } else {
    w.u8(0);
  }
}

export function decodeQueryInfoResponse(r: BufferReader, base: number): QueryInfoResponse {
  return { output: decodeOutputBufferResponse(r, base, 'QUERY_INFO response') };
}

export function encodeQueryInfoResponse(w: BufferWriter, base: number, m: QueryInfoResponse): void {
  encodeOutputBufferResponse(w, base, m.output);
}
