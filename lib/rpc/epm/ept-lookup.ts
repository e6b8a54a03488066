/**
 * ept_lookup (opnum 2) and ept_lookup_handle_free (opnum 4) — [MS-RPCE] 2.2.1.2.4, 2.2.1.2.8,
 * C706 appendix O.
 *
 * ept_lookup in:  u32 inquiry_type | [ptr] UUID* object | [ptr] RPC_IF_ID* Ifid (UUID, u16 major,
 *                 u16 minor) | u32 vers_option | ept_lookup_handle_t (20) | u32 max_ents [range(0,500)]
 * ept_lookup out: ept_lookup_handle_t | u32 num_ents |
 *                 ept_entry_t entries[] size_is(max_ents), length_is(num_ents): u32 max_count,
 *                 u32 offset, u32 actual_count, then per entry (aligned 4) UUID object | twr_p_t tower
 *                 (referent) | [string] char annotation[64] (u32 offset, u32 actual_count, chars
 *                 with the NUL); the towers follow the array | u32 status
 * ept_lookup_handle_free in: ept_lookup_handle_t; out: ept_lookup_handle_t | u32 status
 */
import { guidToBuffer } from '../../common/binary/guid';
import { MalformedPacketError } from '../../common/errors';
import type { SyntaxId } from '../constants';
import { NdrReader } from '../ndr/ndr-reader';
import { NdrWriter } from '../ndr/ndr-writer';
import { EPT_MAX_ANNOTATION_SIZE } from './epm-constants';
import { readRange, readUuid } from './ept-map';
import { readTwr, writeTwr } from './twr';

export interface EptLookupRequest {
  readonly inquiryType: number;
  readonly object: string | undefined;
  readonly interfaceId: SyntaxId | undefined;
  readonly versOption: number;
  readonly entryHandle: Buffer;
  readonly maxEnts: number;
}

export interface EptEntry {
  readonly object: string;
  readonly tower: Buffer | undefined;
  readonly annotation: string;
}

export interface EptLookupResponse {
  readonly entryHandle: Buffer;
  readonly entries: readonly EptEntry[];
  /** The request's max_ents: the conformance of entries. */
  readonly maxEnts: number;
  readonly status: number;
}

export function decodeEptLookupRequest(stub: Buffer): EptLookupRequest {
  const r = new NdrReader(stub);
  const inquiryType = r.u32('inquiry_type');
  let object: string | undefined;
  let interfaceId: SyntaxId | undefined;
  r.fullPointer(() => (object = readUuid(r, 'object')), false, 'object');
  r.fullPointer(
    () => {
      const uuid = readUuid(r, 'Ifid.Uuid');
      interfaceId = { uuid, major: r.u16('Ifid.VersMajor'), minor: r.u16('Ifid.VersMinor') };
    },
    false,
    'Ifid',
  );
  const versOption = r.u32('vers_option');
  const entryHandle = r.contextHandle('entry_handle');
  const maxEnts = readRange(r, 'max_ents');
  return { inquiryType, object, interfaceId, versOption, entryHandle, maxEnts };
}

export function encodeEptLookupRequest(req: EptLookupRequest): Buffer {
  const w = new NdrWriter();
  w.u32(req.inquiryType);
  w.pointer(req.object, (uuid) => w.align(4).bytes(guidToBuffer(uuid)), false);
  w.pointer(req.interfaceId, (id) => w.align(4).bytes(guidToBuffer(id.uuid)).u16(id.major).u16(id.minor), false);
  w.u32(req.versOption).contextHandle(req.entryHandle).u32(req.maxEnts);
  return w.finish();
}

export function encodeEptLookupResponse(resp: EptLookupResponse): Buffer {
  if (resp.entries.length > resp.maxEnts)
    throw new RangeError(`${resp.entries.length} entries for max_ents ${resp.maxEnts}`);
  const w = new NdrWriter();
  w.contextHandle(resp.entryHandle).u32(resp.entries.length);
  w.u32(resp.maxEnts).u32(0).u32(resp.entries.length);
  for (const e of resp.entries) {
    w.align(4).bytes(guidToBuffer(e.object));
    w.pointer(e.tower, (octets) => writeTwr(w, octets), true);
    const text = Buffer.from(`${e.annotation.slice(0, EPT_MAX_ANNOTATION_SIZE - 1)}\0`, 'latin1');
    w.u32(0).u32(text.length).bytes(text);
  }
  w.flushDeferred();
  w.align(4).u32(resp.status);
  return w.finish();
}

export function decodeEptLookupResponse(stub: Buffer): EptLookupResponse {
  const r = new NdrReader(stub);
  const entryHandle = r.contextHandle('entry_handle');
  const num = r.u32('num_ents');
  const maxEnts = r.maxCount(0, 'entries');
  const { actual } = r.variance(maxEnts, 'entries');
  if (actual !== num)
    throw new MalformedPacketError(`entries has ${actual} elements, num_ents ${num}`, { field: 'entries' });
  if (actual * 28 > r.remaining) throw new MalformedPacketError('entries larger than the stub', { field: 'entries' });
  const entries: { object: string; tower: Buffer | undefined; annotation: string }[] = [];
  for (let i = 0; i < actual; i++) {
    const entry: { object: string; tower: Buffer | undefined; annotation: string } = {
      object: readUuid(r, `entries[${i}].object`),
      tower: undefined,
      annotation: '',
    };
    r.pointer(() => (entry.tower = readTwr(r, `entries[${i}].tower`)), true, `entries[${i}].tower`);
    const { actual: chars } = r.variance(EPT_MAX_ANNOTATION_SIZE, `entries[${i}].annotation`);
    const text = r.bytes(chars, `entries[${i}].annotation`).toString('latin1');
    const nul = text.indexOf('\0');
    entry.annotation = nul === -1 ? text : text.slice(0, nul);
    entries.push(entry);
  }
  r.flushDeferred();
  r.align(4);
  return { entryHandle, entries, maxEnts, status: r.u32('status') };
}

/** ept_lookup_handle_free in: the handle. */
export function decodeEptLookupHandleFreeRequest(stub: Buffer): Buffer {
  return new NdrReader(stub).contextHandle('entry_handle');
}

/** ept_lookup_handle_free out: the (zeroed) handle and status 0 ([MS-RPCE] 2.2.1.2.8). */
export function encodeEptLookupHandleFreeResponse(entryHandle: Buffer, status: number): Buffer {
  return new NdrWriter().contextHandle(entryHandle).u32(status).finish();
}
