/**
 * ept_map (opnum 3) — [MS-RPCE] 2.2.1.2.5, C706 appendix O: one message codec for the server
 * operation and the client stub.
 *
 * in:   [ptr] UUID* obj          u32 referent (0 = NULL) | 16-byte UUID
 *       [ptr] twr_p_t map_tower  u32 referent | twr_t
 *       ept_lookup_handle_t      20 bytes (u32 attributes, UUID)
 *       u32 max_towers           [range(0,500)]
 * out:  ept_lookup_handle_t      20 bytes
 *       u32 num_towers
 *       twr_p_t ITowers[]        size_is(max_towers), length_is(num_towers): u32 max_count,
 *                                u32 offset (0), u32 actual_count, the referents, then each twr_t
 *       u32 status
 * Trailing bytes after the in-parameters (a verification trailer, [MS-RPCE] 2.2.2.13) are left alone.
 */
import { guidFromBuffer, guidToBuffer } from '../../common/binary/guid';
import { MalformedPacketError } from '../../common/errors';
import { NdrReader } from '../ndr/ndr-reader';
import { NdrWriter } from '../ndr/ndr-writer';
import { MAX_EPT_RESULTS } from './epm-constants';
import { readTwr, writeTwr } from './twr';

export interface EptMapRequest {
  /** undefined for a NULL pointer. */
  readonly object: string | undefined;
  /** The tower octets; undefined for a NULL pointer. */
  readonly mapTower: Buffer | undefined;
  readonly entryHandle: Buffer;
  readonly maxTowers: number;
}

export interface EptMapResponse {
  readonly entryHandle: Buffer;
  readonly towers: readonly Buffer[];
  /** The request's max_towers: the conformance of ITowers. */
  readonly maxTowers: number;
  readonly status: number;
}

export function readRange(r: NdrReader, field: string): number {
  const at = r.offset;
  const n = r.u32(field);
  if (n > MAX_EPT_RESULTS)
    throw new MalformedPacketError(`${field} ${n} outside 0..${MAX_EPT_RESULTS}`, { offset: at, field });
  return n;
}

export function readUuid(r: NdrReader, field: string): string {
  r.align(4);
  return guidFromBuffer(r.bytes(16, field));
}

export function decodeEptMapRequest(stub: Buffer): EptMapRequest {
  const r = new NdrReader(stub);
  let object: string | undefined;
  let mapTower: Buffer | undefined;
  r.fullPointer(() => (object = readUuid(r, 'obj')), false, 'obj');
  r.fullPointer(() => (mapTower = readTwr(r, 'map_tower')), false, 'map_tower');
  const entryHandle = r.contextHandle('entry_handle');
  const maxTowers = readRange(r, 'max_towers');
  return { object, mapTower, entryHandle, maxTowers };
}

export function encodeEptMapRequest(req: EptMapRequest): Buffer {
  const w = new NdrWriter();
  w.pointer(req.object, (uuid) => w.align(4).bytes(guidToBuffer(uuid)), false);
  w.pointer(req.mapTower, (octets) => writeTwr(w, octets), false);
  w.contextHandle(req.entryHandle).u32(req.maxTowers);
  return w.finish();
}

export function encodeEptMapResponse(resp: EptMapResponse): Buffer {
  if (resp.towers.length > resp.maxTowers)
    throw new RangeError(`${resp.towers.length} towers for max_towers ${resp.maxTowers}`);
  const w = new NdrWriter();
  w.contextHandle(resp.entryHandle).u32(resp.towers.length);
  w.u32(resp.maxTowers).u32(0).u32(resp.towers.length);
  for (const t of resp.towers) w.pointer(t, (octets) => writeTwr(w, octets), true);
  w.flushDeferred();
  w.align(4).u32(resp.status);
  return w.finish();
}

export function decodeEptMapResponse(stub: Buffer): EptMapResponse {
  const r = new NdrReader(stub);
  const entryHandle = r.contextHandle('entry_handle');
  const num = r.u32('num_towers');
  const maxTowers = r.maxCount(0, 'ITowers');
  const { actual } = r.variance(maxTowers, 'ITowers');
  if (actual !== num)
    throw new MalformedPacketError(`ITowers has ${actual} elements, num_towers ${num}`, { field: 'ITowers' });
  if (actual * 4 > r.remaining) throw new MalformedPacketError('ITowers larger than the stub', { field: 'ITowers' });
  const towers: Buffer[] = [];
  for (let i = 0; i < actual; i++) r.pointer(() => towers.push(readTwr(r, `ITowers[${i}]`)), true, 'ITowers');
  r.flushDeferred();
  r.align(4);
  const status = r.u32('status');
  return { entryHandle, towers, maxTowers, status };
}
