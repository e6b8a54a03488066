/**
 * SMB2 ERROR response — [MS-SMB2] 2.2.2.
 *
 *   0 StructureSize 2 (9) | 2 ErrorContextCount 1 | 3 Reserved 1 | 4 ByteCount 4 | 8 ErrorData
 *
 * With ByteCount 0 the ErrorData is still one zero byte (the odd StructureSize counts it).
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { expectStructureSize } from './common';

export interface ErrorResponse {
  readonly errorContextCount: number;
  readonly errorData: Buffer;
}

export function decodeErrorResponse(r: BufferReader): ErrorResponse {
  expectStructureSize(r, 9, 'ERROR response');
  const errorContextCount = r.u8('ErrorContextCount');
  r.skip(1, 'Reserved');
  const byteCount = r.u32('ByteCount');
  return { errorContextCount, errorData: byteCount === 0 ? Buffer.alloc(0) : r.bytes(byteCount, 'ErrorData') };
}

export function encodeErrorResponse(
  w: BufferWriter,
  m: ErrorResponse = { errorContextCount: 0, errorData: Buffer.alloc(0) },
): void {
  w.u16(9).u8(m.errorContextCount).u8(0).u32(m.errorData.length);
  if (m.errorData.length === 0) w.u8(0);
  else w.bytes(m.errorData);
}
