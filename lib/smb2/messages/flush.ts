/**
 * SMB2 FLUSH — [MS-SMB2] 2.2.17 (request), 2.2.18 (response).
 *
 * Request (StructureSize 24): 0 StructureSize 2 | 2 Reserved1 2 | 4 Reserved2 4 | 8 FileId 16
 * Response (StructureSize 4): 0 StructureSize 2 | 2 Reserved 2
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import type { FileId } from './common';
import { decodeEmptyBody, decodeFileId, encodeEmptyBody, encodeFileId, expectStructureSize } from './common';

export interface FlushRequest {
  readonly fileId: FileId;
}

export function decodeFlushRequest(r: BufferReader): FlushRequest {
  expectStructureSize(r, 24, 'FLUSH request');
  r.skip(6, 'Reserved');
  return { fileId: decodeFileId(r) };
}

export function encodeFlushRequest(w: BufferWriter, m: FlushRequest): void {
  w.u16(24).u16(0).u32(0);
  encodeFileId(w, m.fileId);
}

export const decodeFlushResponse = (r: BufferReader): void => decodeEmptyBody(r, 'FLUSH response');
export const encodeFlushResponse = (w: BufferWriter): void => encodeEmptyBody(w);
