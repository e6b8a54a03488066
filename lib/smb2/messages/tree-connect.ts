/**
 * SMB2 TREE_CONNECT — [MS-SMB2] 2.2.9 (request), 2.2.10 (response).
 *
 * Request (StructureSize 9):
 *   0 StructureSize 2 | 2 Flags/Reserved 2 | 4 PathOffset 2 | 6 PathLength 2 | 8 Buffer (UTF-16LE \\server\share)
 *
 * Response (StructureSize 16):
 *   0 StructureSize 2 | 2 ShareType 1 | 3 Reserved 1 | 4 ShareFlags 4 | 8 Capabilities 4 | 12 MaximalAccess 4
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';
import { bufferAt, expectStructureSize, relOffset } from './common';

export interface TreeConnectRequest {
  readonly flags: number;
  readonly path: string;
}

export interface TreeConnectResponse {
  readonly shareType: number;
  readonly shareFlags: number;
  readonly capabilities: number;
  readonly maximalAccess: number;
}

export function decodeTreeConnectRequest(r: BufferReader, base: number): TreeConnectRequest {
  expectStructureSize(r, 9, 'TREE_CONNECT request');
  const flags = r.u16('Flags');
  const offset = r.u16('PathOffset');
  const length = r.u16('PathLength');
  if (length % 2 !== 0) throw new MalformedPacketError(`odd PathLength ${length}`, { field: 'PathLength' });
  return { flags, path: bufferAt(r, base, offset, length, 'Path').toString('utf16le') };
}

export function encodeTreeConnectRequest(w: BufferWriter, base: number, m: TreeConnectRequest): void {
  const path = Buffer.from(m.path, 'utf16le');
  w.u16(9).u16(m.flags);
  const offset = w.reserveU16();
  w.u16(path.length);
  w.patch(offset, relOffset(w, base));
  w.bytes(path);
}

export function decodeTreeConnectResponse(r: BufferReader): TreeConnectResponse {
  expectStructureSize(r, 16, 'TREE_CONNECT response');
  const shareType = r.u8('ShareType');
  r.skip(1, 'Reserved');
  return {
    shareType,
    shareFlags: r.u32('ShareFlags'),
    capabilities: r.u32('Capabilities'),
    maximalAccess: r.u32('MaximalAccess'),
  };
}

export function encodeTreeConnectResponse(w: BufferWriter, m: TreeConnectResponse): void {
  w.u16(16).u8(m.shareType).u8(0).u32(m.shareFlags).u32(m.capabilities).u32(m.maximalAccess);
}
