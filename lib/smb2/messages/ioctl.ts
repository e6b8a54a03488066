/**
 * SMB2 IOCTL — [MS-SMB2] 2.2.31 (request), 2.2.32 (response).
 *
 * Request (StructureSize 57):
 *   0 StructureSize 2 | 2 Reserved 2 | 4 CtlCode 4 | 8 FileId 16 | 24 InputOffset 4 | 28 InputCount 4
 *  32 MaxInputResponse 4 | 36 OutputOffset 4 | 40 OutputCount 4 | 44 MaxOutputResponse 4 | 48 Flags 4
 *  52 Reserved2 4 | 56 Buffer
 *
 * Response (StructureSize 49):
 *   0 StructureSize 2 | 2 Reserved 2 | 4 CtlCode 4 | 8 FileId 16 | 24 InputOffset 4 | 28 InputCount 4
 *  32 OutputOffset 4 | 36 OutputCount 4 | 40 Flags 4 | 44 Reserved2 4 | 48 Buffer (output at 0x70)
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import type { FileId } from './common';
import { bufferAt, decodeFileId, encodeFileId, expectStructureSize, relOffset } from './common';

export interface IoctlRequest {
  readonly ctlCode: number;
  readonly fileId: FileId;
  readonly input: Buffer;
  readonly maxInputResponse: number;
  readonly maxOutputResponse: number;
  readonly flags: number;
}

export interface IoctlResponse {
  readonly ctlCode: number;
  readonly fileId: FileId;
  readonly output: Buffer;
  readonly flags: number;
}

export function decodeIoctlRequest(r: BufferReader, base: number): IoctlRequest {
  expectStructureSize(r, 57, 'IOCTL request');
  r.skip(2, 'Reserved');
  const ctlCode = r.u32('CtlCode');
  const fileId = decodeFileId(r);
  const inputOffset = r.u32('InputOffset');
  const inputCount = r.u32('InputCount');
  const maxInputResponse = r.u32('MaxInputResponse');
  r.skip(8, 'OutputOffset/OutputCount');
  const maxOutputResponse = r.u32('MaxOutputResponse');
  const flags = r.u32('Flags');
  r.skip(4, 'Reserved2');
  const input = bufferAt(r, base, inputOffset, inputCount, 'Input');
  return { ctlCode, fileId, input, maxInputResponse, maxOutputResponse, flags };
}

export function encodeIoctlRequest(w: BufferWriter, base: number, m: IoctlRequest): void {
  w.u16(57).u16(0).u32(m.ctlCode);
  encodeFileId(w, m.fileId);
  const inputOffset = w.reserveU32();
  w.u32(m.input.length).u32(m.maxInputResponse).u32(0).u32(0).u32(m.maxOutputResponse).u32(m.flags).u32(0);
  if (m.input.length > 0) {
    w.patch(inputOffset, relOffset(w, base));
    w.bytes(m.input);
  } else {
    w.u8(0);
  }
}

export function decodeIoctlResponse(r: BufferReader, base: number): IoctlResponse {
  expectStructureSize(r, 49, 'IOCTL response');
  r.skip(2, 'Reserved');
  const ctlCode = r.u32('CtlCode');
  const fileId = decodeFileId(r);
  r.skip(8, 'InputOffset/InputCount');
  const outputOffset = r.u32('OutputOffset');
  const outputCount = r.u32('OutputCount');
  const flags = r.u32('Flags');
  r.skip(4, 'Reserved2');
  return { ctlCode, fileId, output: bufferAt(r, base, outputOffset, outputCount, 'Output'), flags };
}

export function encodeIoctlResponse(w: BufferWriter, base: number, m: IoctlResponse): void {
  w.u16(49).u16(0).u32(m.ctlCode);
  encodeFileId(w, m.fileId);
  // Windows returns no input echo; both offsets point at the buffer (0x70).
  const inputOffset = w.reserveU32();
  w.u32(0);
  const outputOffset = w.reserveU32();
  w.u32(m.output.length).u32(m.flags).u32(0);
  w.patch(inputOffset, relOffset(w, base));
  w.patch(outputOffset, relOffset(w, base));
  if (m.output.length > 0) w.bytes(m.output);
}
