/**
 * SMB2 SET_INFO — [MS-SMB2] 2.2.39 (request), 2.2.40 (response).
 *
 * Request (StructureSize 33):
 *   0 StructureSize 2 | 2 InfoType 1 | 3 FileInfoClass 1 | 4 BufferLength 4 | 8 BufferOffset 2
 *  10 Reserved 2 | 12 AdditionalInformation 4 | 16 FileId 16 | 32 Buffer
 *
 * Response (StructureSize 2): 0 StructureSize 2
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import type { FileId } from './common';
import { bufferAt, decodeFileId, encodeFileId, expectStructureSize, relOffset } from './common';

export interface SetInfoRequest {
  readonly infoType: number;
  readonly fileInfoClass: number;
  readonly additionalInformation: number;
  readonly fileId: FileId;
  readonly buffer: Buffer;
}

export function decodeSetInfoRequest(r: BufferReader, base: number): SetInfoRequest {
  expectStructureSize(r, 33, 'SET_INFO request');
  const infoType = r.u8('InfoType');
  const fileInfoClass = r.u8('FileInfoClass');
  const length = r.u32('BufferLength');
  const offset = r.u16('BufferOffset');
  r.skip(2, 'Reserved');
  const additionalInformation = r.u32('AdditionalInformation');
  const fileId = decodeFileId(r);
  return {
    infoType,
    fileInfoClass,
    additionalInformation,
    fileId,
    buffer: bufferAt(r, base, offset, length, 'Buffer'),
  };
}

export function encodeSetInfoRequest(w: BufferWriter, base: number, m: SetInfoRequest): void {
  w.u16(33).u8(m.infoType).u8(m.fileInfoClass).u32(m.buffer.length);
  const offset = w.reserveU16();
  w.u16(0).u32(m.additionalInformation);
  encodeFileId(w, m.fileId);
  w.patch(offset, relOffset(w, base));
  w.bytes(m.buffer);
}

export const decodeSetInfoResponse = (r: BufferReader): void => expectStructureSize(r, 2, 'SET_INFO response');
export const encodeSetInfoResponse = (w: BufferWriter): void => {
  w.u16(2);
};
