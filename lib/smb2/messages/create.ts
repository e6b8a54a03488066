/**
 * SMB2 CREATE — [MS-SMB2] 2.2.13 (request), 2.2.14 (response), 2.2.13.2 (create contexts).
 *
 * Request (StructureSize 57):
 *   0 StructureSize 2 | 2 SecurityFlags 1 | 3 RequestedOplockLevel 1 | 4 ImpersonationLevel 4
 *   8 SmbCreateFlags 8 | 16 Reserved 8 | 24 DesiredAccess 4 | 28 FileAttributes 4 | 32 ShareAccess 4
 *  36 CreateDisposition 4 | 40 CreateOptions 4 | 44 NameOffset 2 | 46 NameLength 2
 *  48 CreateContextsOffset 4 | 52 CreateContextsLength 4 | 56 Buffer (name UTF-16LE, contexts 8-aligned)
 *
 * Response (StructureSize 89):
 *   0 StructureSize 2 | 2 OplockLevel 1 | 3 Flags 1 | 4 CreateAction 4 | 8 CreationTime 8
 *  16 LastAccessTime 8 | 24 LastWriteTime 8 | 32 ChangeTime 8 | 40 AllocationSize 8 | 48 EndofFile 8
 *  56 FileAttributes 4 | 60 Reserved2 4 | 64 FileId 16 | 80 CreateContextsOffset 4
 *  84 CreateContextsLength 4 | 88 Buffer
 *
 * Create context (2.2.13.2): Next 4 | NameOffset 2 | NameLength 2 | Reserved 2 | DataOffset 2
 *   | DataLength 4 | Buffer (offsets from the start of this context; each context 8-aligned).
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';
import type { FileId } from './common';
import { bufferAt, decodeFileId, encodeFileId, expectStructureSize, relOffset } from './common';

export interface CreateContext {
  /** Usually a 4-character ASCII tag ("MxAc", "QFid", "DH2Q"...). */
  readonly name: string;
  readonly data: Buffer;
}

export interface CreateRequest {
  readonly securityFlags: number;
  readonly requestedOplockLevel: number;
  readonly impersonationLevel: number;
  readonly smbCreateFlags: bigint;
  readonly desiredAccess: number;
  readonly fileAttributes: number;
  readonly shareAccess: number;
  readonly createDisposition: number;
  readonly createOptions: number;
  readonly name: string;
  readonly createContexts: readonly CreateContext[];
}

export interface CreateResponse {
  readonly oplockLevel: number;
  readonly flags: number;
  readonly createAction: number;
  readonly creationTime: bigint;
  readonly lastAccessTime: bigint;
  readonly lastWriteTime: bigint;
  readonly changeTime: bigint;
  readonly allocationSize: bigint;
  readonly endOfFile: bigint;
  readonly fileAttributes: number;
  readonly fileId: FileId;
  readonly createContexts: readonly CreateContext[];
}

const MAX_CREATE_CONTEXTS = 64;

export function decodeCreateContexts(bytes: Buffer): CreateContext[] {
  const out: CreateContext[] = [];
  if (bytes.length === 0) return out;
  const r = new BufferReader(bytes);
  let start = 0;
  for (;;) {
    if (out.length >= MAX_CREATE_CONTEXTS) throw new MalformedPacketError('too many create contexts');
    r.seek(start, 'CreateContext');
    const next = r.u32('Next');
    const nameOffset = r.u16('NameOffset');
    const nameLength = r.u16('NameLength');
    r.skip(2, 'Reserved');
    const dataOffset = r.u16('DataOffset');
    const dataLength = r.u32('DataLength');
    const name = r.slice(start + nameOffset, nameLength, 'CreateContext.Name').toString('latin1');
    const data = dataLength === 0 ? Buffer.alloc(0) : r.slice(start + dataOffset, dataLength, 'CreateContext.Data');
    out.push({ name, data });
    if (next === 0) break;
    if (next % 8 !== 0) throw new MalformedPacketError(`create context Next ${next} not 8-aligned`, { field: 'Next' });
    start += next;
  }
  return out;
}

export function encodeCreateContexts(w: BufferWriter, contexts: readonly CreateContext[]): void {
  contexts.forEach((c, i) => {
    const start = w.offset;
    const next = w.reserveU32();
    const name = Buffer.from(c.name, 'latin1');
    // Fixed part is 16 bytes; name follows, data is 8-aligned after it.
    w.u16(16).u16(name.length).u16(0);
    const dataOffset = w.reserveU16();
    w.u32(c.data.length).bytes(name);
    if (c.data.length > 0) {
      w.align(8, start);
      w.patch(dataOffset, w.offset - start);
      w.bytes(c.data);
    }
    if (i < contexts.length - 1) {
      w.align(8, start);
      w.patch(next, w.offset - start);
    }
  });
}

export function decodeCreateRequest(r: BufferReader, base: number): CreateRequest {
  expectStructureSize(r, 57, 'CREATE request');
  const securityFlags = r.u8('SecurityFlags');
  const requestedOplockLevel = r.u8('RequestedOplockLevel');
  const impersonationLevel = r.u32('ImpersonationLevel');
  const smbCreateFlags = r.u64('SmbCreateFlags');
  r.skip(8, 'Reserved');
  const desiredAccess = r.u32('DesiredAccess');
  const fileAttributes = r.u32('FileAttributes');
  const shareAccess = r.u32('ShareAccess');
  const createDisposition = r.u32('CreateDisposition');
  const createOptions = r.u32('CreateOptions');
  const nameOffset = r.u16('NameOffset');
  const nameLength = r.u16('NameLength');
  const contextsOffset = r.u32('CreateContextsOffset');
  const contextsLength = r.u32('CreateContextsLength');
  if (nameLength % 2 !== 0) throw new MalformedPacketError(`odd NameLength ${nameLength}`, { field: 'NameLength' });
  const name = bufferAt(r, base, nameOffset, nameLength, 'Name').toString('utf16le');
  const createContexts = decodeCreateContexts(bufferAt(r, base, contextsOffset, contextsLength, 'CreateContexts'));
  return {
    securityFlags,
    requestedOplockLevel,
    impersonationLevel,
    smbCreateFlags,
    desiredAccess,
    fileAttributes,
    shareAccess,
    createDisposition,
    createOptions,
    name,
    createContexts,
  };
}

export function encodeCreateRequest(w: BufferWriter, base: number, m: CreateRequest): void {
  const name = Buffer.from(m.name, 'utf16le');
  w.u16(57).u8(m.securityFlags).u8(m.requestedOplockLevel).u32(m.impersonationLevel).u64(m.smbCreateFlags).u64(0n);
  w.u32(m.desiredAccess).u32(m.fileAttributes).u32(m.shareAccess).u32(m.createDisposition).u32(m.createOptions);
  const nameOffset = w.reserveU16();
  w.u16(name.length);
  const ctxOffset = w.reserveU32();
  const ctxLength = w.reserveU32();
  w.patch(nameOffset, relOffset(w, base));
  w.bytes(name);
  // A request with an empty name still carries one buffer byte.
  if (name.length === 0) w.u8(0);
  if (m.createContexts.length > 0) {
    w.align(8, base);
    const start = w.offset;
    w.patch(ctxOffset, relOffset(w, base));
    encodeCreateContexts(w, m.createContexts);
    w.patch(ctxLength, w.offset - start);
  }
}

export function decodeCreateResponse(r: BufferReader, base: number): CreateResponse {
  expectStructureSize(r, 89, 'CREATE response');
  const oplockLevel = r.u8('OplockLevel');
  const flags = r.u8('Flags');
  const createAction = r.u32('CreateAction');
  const creationTime = r.u64('CreationTime');
  const lastAccessTime = r.u64('LastAccessTime');
  const lastWriteTime = r.u64('LastWriteTime');
  const changeTime = r.u64('ChangeTime');
  const allocationSize = r.u64('AllocationSize');
  const endOfFile = r.u64('EndofFile');
  const fileAttributes = r.u32('FileAttributes');
  r.skip(4, 'Reserved2');
  const fileId = decodeFileId(r);
  const ctxOffset = r.u32('CreateContextsOffset');
  const ctxLength = r.u32('CreateContextsLength');
  return {
    oplockLevel,
    flags,
    createAction,
    creationTime,
    lastAccessTime,
    lastWriteTime,
    changeTime,
    allocationSize,
    endOfFile,
    fileAttributes,
    fileId,
    createContexts: decodeCreateContexts(bufferAt(r, base, ctxOffset, ctxLength, 'CreateContexts')),
  };
}

export function encodeCreateResponse(w: BufferWriter, base: number, m: CreateResponse): void {
  w.u16(89).u8(m.oplockLevel).u8(m.flags).u32(m.createAction);
  w.u64(m.creationTime).u64(m.lastAccessTime).u64(m.lastWriteTime).u64(m.changeTime);
  w.u64(m.allocationSize).u64(m.endOfFile).u32(m.fileAttributes).u32(0);
  encodeFileId(w, m.fileId);
  const ctxOffset = w.reserveU32();
  const ctxLength = w.reserveU32();
  if (m.createContexts.length === 0) {
    w.u8(0);
    return;
  }
  const start = w.offset;
  w.patch(ctxOffset, relOffset(w, base));
  encodeCreateContexts(w, m.createContexts);
  w.patch(ctxLength, w.offset - start);
}
