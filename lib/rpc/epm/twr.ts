/**
 * twr_t in NDR — [MS-RPCE] 2.2.1.2.2, C706 appendix L: a conformant structure
 *
 *   u32 max_count (hoisted conformance) | u32 tower_length [range(0,2000)] | BYTE octets[tower_length]
 *
 * max_count must equal tower_length (size_is). The octets are read as they are; tower.ts reads
 * the floors. A twr_p_t is a pointer to it (0 = NULL).
 */
import { MalformedPacketError } from '../../common/errors';
import type { NdrReader } from '../ndr/ndr-reader';
import type { NdrWriter } from '../ndr/ndr-writer';
import { MAX_TOWER_LENGTH } from './epm-constants';

export function readTwr(r: NdrReader, field = 'tower'): Buffer {
  r.align(4);
  const at = r.offset;
  const max = r.maxCount(1, `${field}.tower_octet_string`);
  const length = r.u32(`${field}.tower_length`);
  if (length !== max)
    throw new MalformedPacketError(`${field}: tower_length ${length} but max_count ${max}`, { offset: at, field });
  if (length > MAX_TOWER_LENGTH)
    throw new MalformedPacketError(`${field}: tower_length ${length} outside 0..${MAX_TOWER_LENGTH}`, {
      offset: at,
      field,
    });
  return Buffer.from(r.bytes(length, `${field}.tower_octet_string`));
}

export function writeTwr(w: NdrWriter, octets: Buffer): void {
  if (octets.length > MAX_TOWER_LENGTH) throw new RangeError(`a tower of ${octets.length} bytes (at most 2000)`);
  w.align(4).u32(octets.length).u32(octets.length).bytes(octets);
}
