/**
 * SMB2 QUERY_DIRECTORY — [MS-SMB2] 2.2.33 (request), 2.2.34 (response).
 *
 * Request (StructureSize 33):
 *   0 StructureSize 2 | 2 FileInformationClass 1 | 3 Flags 1 | 4 FileIndex 4 | 8 FileId 16
 *  24 FileNameOffset 2 | 26 FileNameLength 2 | 28 OutputBufferLength 4 | 32 Buffer (search pattern UTF-16LE)
 *
 * Response (StructureSize 9):
 *   0 StructureSize 2 | 2 OutputBufferOffset 2 | 4 OutputBufferLength 4 | 8 Buffer (at 0x48)
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';
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

export interface QueryDirectoryRequest {
  readonly fileInformationClass: number;
  readonly flags: number;
  readonly fileIndex: number;
  readonly fileId: FileId;
  readonly fileName: string;
  readonly outputBufferLength: number;
}

export interface QueryDirectoryResponse {
  readonly output: Buffer;
}

export function decodeQueryDirectoryRequest(r: BufferReader, base: number): QueryDirectoryRequest {
  expectStructureSize(r, 33, 'QUERY_DIRECTORY request');
  const fileInformationClass = r.u8('FileInformationClass');
  const flags = r.u8('Flags');
  const fileIndex = r.u32('FileIndex');
  const fileId = decodeFileId(r);
  const nameOffset = r.u16('FileNameOffset');
  const nameLength = r.u16('FileNameLength');
  const outputBufferLength = r.u32('OutputBufferLength');
  if (nameLength % 2 !== 0)
    throw new MalformedPacketError(`odd FileNameLength ${nameLength}`, { field: 'FileNameLength' });
  const fileName = bufferAt(r, base, nameOffset, nameLength, 'FileName').toString('utf16le');
  return { fileInformationClass, flags, fileIndex, fileId, fileName, outputBufferLength };
}

export function encodeQueryDirectoryRequest(w: BufferWriter, base: number, m: QueryDirectoryRequest): void {
  const name = Buffer.from(m.fileName, 'utf16le');
  w.u16(33).u8(m.fileInformationClass).u8(m.flags).u32(m.fileIndex);
  encodeFileId(w, m.fileId);
  const nameOffset = w.reserveU16();
  w.u16(name.length).u32(m.outputBufferLength);
  w.patch(nameOffset, relOffset(w, base));
  if (name.length === 0) w.u8(0);
  else w.bytes(name);
}

export function decodeQueryDirectoryResponse(r: BufferReader, base: number): QueryDirectoryResponse {
  return { output: decodeOutputBufferResponse(r, base, 'QUERY_DIRECTORY response') };
}

export function encodeQueryDirectoryResponse(w: BufferWriter, base: number, m: QueryDirectoryResponse): void {
  encodeOutputBufferResponse(w, base, m.output);
}
