/**
 * SMB2 NEGOTIATE — [MS-SMB2] 2.2.3 (request), 2.2.4 (response), 2.2.3.1 (negotiate contexts).
 *
 * Request (StructureSize 36):
 *   0 StructureSize 2 | 2 DialectCount 2 | 4 SecurityMode 2 | 6 Reserved 2 | 8 Capabilities 4
 *  12 ClientGuid 16 | 28 NegotiateContextOffset 4 + NegotiateContextCount 2 + Reserved2 2 (3.1.1)
 *                     or ClientStartTime 8 (older)
 *  36 Dialects 2*DialectCount | padding to 8 | NegotiateContextList
 *
 * Response (StructureSize 65):
 *   0 StructureSize 2 | 2 SecurityMode 2 | 4 DialectRevision 2 | 6 NegotiateContextCount 2
 *   8 ServerGuid 16 | 24 Capabilities 4 | 28 MaxTransactSize 4 | 32 MaxReadSize 4 | 36 MaxWriteSize 4
 *  40 SystemTime 8 | 48 ServerStartTime 8 | 56 SecurityBufferOffset 2 | 58 SecurityBufferLength 2
 *  60 NegotiateContextOffset 4 | 64 Buffer (at 0x80 from the header) | padding to 8 | NegotiateContextList
 *
 * Negotiate context (2.2.3.1): ContextType 2 | DataLength 2 | Reserved 4 | Data; each 8-byte aligned.
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';
import { bufferAt, expectStructureSize, relOffset } from './common';

export interface NegotiateContext {
  readonly type: number;
  readonly data: Buffer;
}

export interface NegotiateRequest {
  readonly securityMode: number;
  readonly capabilities: number;
  readonly clientGuid: Buffer;
  readonly dialects: readonly number[];
  readonly negotiateContexts: readonly NegotiateContext[];
}

export interface NegotiateResponse {
  readonly securityMode: number;
  readonly dialectRevision: number;
  readonly serverGuid: Buffer;
  readonly capabilities: number;
  readonly maxTransactSize: number;
  readonly maxReadSize: number;
  readonly maxWriteSize: number;
  readonly systemTime: bigint;
  readonly serverStartTime: bigint;
  readonly securityBuffer: Buffer;
  readonly negotiateContexts: readonly NegotiateContext[];
}

const MAX_DIALECTS = 64;
const MAX_CONTEXTS = 32;

function decodeContextList(r: BufferReader, base: number, offset: number, count: number): NegotiateContext[] {
  if (count > MAX_CONTEXTS)
    throw new MalformedPacketError(`${count} negotiate contexts`, { field: 'NegotiateContextCount' });
  const contexts: NegotiateContext[] = [];
  if (count === 0) return contexts;
  r.seek(base + offset, 'NegotiateContextOffset');
  for (let i = 0; i < count; i++) {
    if (i > 0) r.align(8, base, 'NegotiateContext padding');
    const type = r.u16('ContextType');
    const length = r.u16('DataLength');
    r.skip(4, 'Reserved');
    contexts.push({ type, data: r.bytes(length, 'NegotiateContext.Data') });
  }
  return contexts;
}

export function decodeNegotiateRequest(r: BufferReader, base: number): NegotiateRequest {
  expectStructureSize(r, 36, 'NEGOTIATE request');
  const dialectCount = r.u16('DialectCount');
  if (dialectCount === 0 || dialectCount > MAX_DIALECTS) {
    throw new MalformedPacketError(`DialectCount ${dialectCount}`, { field: 'DialectCount' });
  }
  const securityMode = r.u16('SecurityMode');
  r.skip(2, 'Reserved');
  const capabilities = r.u32('Capabilities');
  const clientGuid = r.bytes(16, 'ClientGuid');
  const contextOffset = r.u32('NegotiateContextOffset');
  const contextCount = r.u16('NegotiateContextCount');
  r.skip(2, 'Reserved2');
  const dialects: number[] = [];
  for (let i = 0; i < dialectCount; i++) dialects.push(r.u16('Dialects'));
  // The context fields only mean something when 3.1.1 is offered; otherwise they are ClientStartTime.
  const negotiateContexts = dialects.includes(0x0311) ? decodeContextList(r, base, contextOffset, contextCount) : [];
  return { securityMode, capabilities, clientGuid, dialects, negotiateContexts };
}

function encodeContextList(w: BufferWriter, base: number, contexts: readonly NegotiateContext[]): void {
  contexts.forEach((c, i) => {
    if (i > 0) w.align(8, base);
    w.u16(c.type).u16(c.data.length).u32(0).bytes(c.data);
  });
}

export function encodeNegotiateRequest(w: BufferWriter, base: number, m: NegotiateRequest): void {
  w.u16(36).u16(m.dialects.length).u16(m.securityMode).u16(0).u32(m.capabilities).bytes(m.clientGuid);
  const ctxOffset = w.reserveU32();
  w.u16(m.negotiateContexts.length).u16(0);
  for (const d of m.dialects) w.u16(d);
  if (m.negotiateContexts.length > 0) {
    w.align(8, base);
    w.patch(ctxOffset, relOffset(w, base));
    encodeContextList(w, base, m.negotiateContexts);
  }
}

export function decodeNegotiateResponse(r: BufferReader, base: number): NegotiateResponse {
  expectStructureSize(r, 65, 'NEGOTIATE response');
  const securityMode = r.u16('SecurityMode');
  const dialectRevision = r.u16('DialectRevision');
  const contextCount = r.u16('NegotiateContextCount');
  const serverGuid = r.bytes(16, 'ServerGuid');
  const capabilities = r.u32('Capabilities');
  const maxTransactSize = r.u32('MaxTransactSize');
  const maxReadSize = r.u32('MaxReadSize');
  const maxWriteSize = r.u32('MaxWriteSize');
  const systemTime = r.u64('SystemTime');
  const serverStartTime = r.u64('ServerStartTime');
  const secOffset = r.u16('SecurityBufferOffset');
  const secLength = r.u16('SecurityBufferLength');
  const contextOffset = r.u32('NegotiateContextOffset');
  const securityBuffer = bufferAt(r, base, secOffset, secLength, 'SecurityBuffer');
  const negotiateContexts = dialectRevision === 0x0311 ? decodeContextList(r, base, contextOffset, contextCount) : [];
  return {
    securityMode,
    dialectRevision,
    serverGuid,
    capabilities,
    maxTransactSize,
    maxReadSize,
    maxWriteSize,
    systemTime,
    serverStartTime,
    securityBuffer,
    negotiateContexts,
  };
}

export function encodeNegotiateResponse(w: BufferWriter, base: number, m: NegotiateResponse): void {
  w.u16(65).u16(m.securityMode).u16(m.dialectRevision).u16(m.negotiateContexts.length);
  w.bytes(m.serverGuid).u32(m.capabilities).u32(m.maxTransactSize).u32(m.maxReadSize).u32(m.maxWriteSize);
  w.u64(m.systemTime).u64(m.serverStartTime);
  const secOffset = w.reserveU16();
  w.u16(m.securityBuffer.length);
  const ctxOffset = w.reserveU32();
  // The security buffer sits at 0x80 (header 64 + fixed body 64): clients such as marsaud read it there.
  w.patch(secOffset, relOffset(w, base));
  w.bytes(m.securityBuffer);
  if (m.negotiateContexts.length > 0) {
    w.align(8, base);
    w.patch(ctxOffset, relOffset(w, base));
    encodeContextList(w, base, m.negotiateContexts);
  }
}

/** [MS-SMB2] 2.2.3.1.1 SMB2_PREAUTH_INTEGRITY_CAPABILITIES: HashAlgorithmCount 2 | SaltLength 2 | HashAlgorithms | Salt. */
export interface PreauthIntegrityCapabilities {
  readonly hashAlgorithms: readonly number[];
  readonly salt: Buffer;
}

export function decodePreauthIntegrityCapabilities(r: BufferReader): PreauthIntegrityCapabilities {
  const count = r.u16('HashAlgorithmCount');
  const saltLength = r.u16('SaltLength');
  const hashAlgorithms: number[] = [];
  for (let i = 0; i < count; i++) hashAlgorithms.push(r.u16('HashAlgorithms'));
  return { hashAlgorithms, salt: r.bytes(saltLength, 'Salt') };
}

export function encodePreauthIntegrityCapabilities(w: BufferWriter, m: PreauthIntegrityCapabilities): void {
  w.u16(m.hashAlgorithms.length).u16(m.salt.length);
  for (const h of m.hashAlgorithms) w.u16(h);
  w.bytes(m.salt);
}

/**
 * A list of u16 ids preceded by its u16 count: SMB2_ENCRYPTION_CAPABILITIES (2.2.3.1.2, Ciphers)
 * and SMB2_SIGNING_CAPABILITIES (2.2.3.1.7, SigningAlgorithms) share this shape.
 */
export function decodeU16List(r: BufferReader, field: string): number[] {
  const count = r.u16(`${field}Count`);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(r.u16(field));
  return out;
}

export function encodeU16List(w: BufferWriter, ids: readonly number[]): void {
  w.u16(ids.length);
  for (const id of ids) w.u16(id);
}
