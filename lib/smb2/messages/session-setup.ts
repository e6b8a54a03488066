/**
 * SMB2 SESSION_SETUP — [MS-SMB2] 2.2.5 (request), 2.2.6 (response).
 *
 * Request (StructureSize 25):
 *   0 StructureSize 2 | 2 Flags 1 | 3 SecurityMode 1 | 4 Capabilities 4 | 8 Channel 4
 *  12 SecurityBufferOffset 2 | 14 SecurityBufferLength 2 | 16 PreviousSessionId 8 | 24 Buffer
 *
 * Response (StructureSize 9):
 *   0 StructureSize 2 | 2 SessionFlags 2 | 4 SecurityBufferOffset 2 | 6 SecurityBufferLength 2
 *   8 Buffer (at 0x48 from the header)
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { bufferAt, expectStructureSize, relOffset } from './common';

export interface SessionSetupRequest {
  readonly flags: number;
  readonly securityMode: number;
  readonly capabilities: number;
  readonly channel: number;
  readonly previousSessionId: bigint;
  readonly securityBuffer: Buffer;
}

export interface SessionSetupResponse {
  readonly sessionFlags: number;
  readonly securityBuffer: Buffer;
}

export function decodeSessionSetupRequest(r: BufferReader, base: number): SessionSetupRequest {
  expectStructureSize(r, 25, 'SESSION_SETUP request');
  const flags = r.u8('Flags');
  const securityMode = r.u8('SecurityMode');
  const capabilities = r.u32('Capabilities');
  const channel = r.u32('Channel');
  const offset = r.u16('SecurityBufferOffset');
  const length = r.u16('SecurityBufferLength');
  const previousSessionId = r.u64('PreviousSessionId');
  const securityBuffer = bufferAt(r, base, offset, length, 'SecurityBuffer');
  return { flags, securityMode, capabilities, channel, previousSessionId, securityBuffer };
}

export function encodeSessionSetupRequest(w: BufferWriter, base: number, m: SessionSetupRequest): void {
  w.u16(25).u8(m.flags).u8(m.securityMode).u32(m.capabilities).u32(m.channel);
  const offset = w.reserveU16();
  w.u16(m.securityBuffer.length).u64(m.previousSessionId);
  w.patch(offset, relOffset(w, base));
  w.bytes(m.securityBuffer);
}

export function decodeSessionSetupResponse(r: BufferReader, base: number): SessionSetupResponse {
  expectStructureSize(r, 9, 'SESSION_SETUP response');
  const sessionFlags = r.u16('SessionFlags');
  const offset = r.u16('SecurityBufferOffset');
  const length = r.u16('SecurityBufferLength');
  return { sessionFlags, securityBuffer: bufferAt(r, base, offset, length, 'SecurityBuffer') };
}

export function encodeSessionSetupResponse(w: BufferWriter, base: number, m: SessionSetupResponse): void {
  w.u16(9).u16(m.sessionFlags);
  const offset = w.reserveU16();
  w.u16(m.securityBuffer.length);
  w.patch(offset, relOffset(w, base));
  w.bytes(m.securityBuffer);
  // An empty buffer still occupies the one byte the fixed part announces (StructureSize 9 is odd).
  if (m.securityBuffer.length === 0) w.u8(0);
}
