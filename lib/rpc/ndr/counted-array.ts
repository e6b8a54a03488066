/**
 * The conformant array behind a unique pointer that MS-LSAT and MS-SAMR return everywhere
 * ([MS-RPCE] 2.2.4.x, NDR 14.3.3.2):
 *
 *   u32 <count> | [unique, size_is(<count>)] T* -> max_count (= count), the elements
 *
 * (LSAPR_TRANSLATED_SIDS/NAMES' Entries, SAMPR_ULONG_ARRAY's and SAMPR_RETURNED_USTRING_ARRAY's
 * Count). An empty list is a NULL pointer; a max_count that differs from the count is malformed.
 */
import { MalformedPacketError } from '../../common/errors';
import type { NdrParam } from './ndr-params';
import type { NdrReader } from './ndr-reader';
import type { NdrWriter } from './ndr-writer';

export function countedArray<T>(
  field: string,
  countName: string,
  /** Bytes of one element's fixed part (bounds max_count before anything is allocated). */
  unit: number,
  readOne: (r: NdrReader) => T,
  writeOne: (w: NdrWriter, v: T) => void,
): NdrParam<readonly T[]> {
  return {
    read(r) {
      const count = r.u32(`${field}.${countName}`);
      const out: T[] = [];
      r.pointer(
        () => {
          const n = r.maxCount(unit, field);
          if (n !== count) throw new MalformedPacketError(`${field}: max_count ${n}, ${countName} ${count}`, { field });
          for (let i = 0; i < n; i++) out.push(readOne(r));
        },
        true,
        field,
      );
      r.flushDeferred();
      return out;
    },
    write(w, list) {
      w.u32(list.length);
      w.pointer(
        list.length > 0 ? list : undefined,
        (l) => {
          w.u32(l.length);
          for (const v of l) writeOne(w, v);
        },
        true,
      );
      w.flushDeferred();
    },
  };
}
