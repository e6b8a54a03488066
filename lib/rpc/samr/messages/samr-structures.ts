/**
 * The SAMR shapes the lookups share — [MS-SAMR] 2.2:
 *
 *   SAMPR_ULONG_ARRAY (2.2.7.4): u32 Count | [unique, size_is(Count)] u32* Element
 *   SAMPR_RETURNED_USTRING_ARRAY (2.2.7.11): u32 Count | [unique, size_is(Count)]
 *     RPC_UNICODE_STRING* Element
 *   SAMPR_ENUMERATION_BUFFER (2.2.7.10), behind a [unique] pointer: u32 EntriesRead |
 *     [unique, size_is(EntriesRead)] SAMPR_RID_ENUMERATION* { u32 RelativeId; RPC_UNICODE_STRING Name }
 *   the lookups' inputs: [range(0,1000)] u32 Count | [size_is(1000), length_is(Count)] T[*]
 *     -> max_count (1000), offset, actual_count (= Count), the elements
 */
import { MalformedPacketError } from '../../../common/errors';
import { readUnicodeString, writeUnicodeString } from '../../ndr/dtyp-structures';
import { countedArray } from '../../ndr/counted-array';
import type { NdrParam } from '../../ndr/ndr-params';
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrWriter } from '../../ndr/ndr-writer';
import { SAM_MAX_LOOKUP } from '../samr-constants';

export const ulongArray = (field: string): NdrParam<readonly number[]> =>
  countedArray<number>(
    field,
    'Count',
    4,
    (r) => r.u32(field),
    (w, v) => w.u32(v),
  );

export const ustringArray = (field: string): NdrParam<readonly string[]> => {
  // A string's characters are deferred: each lands in its box once the array is read.
  const boxes = countedArray<{ value: string }>(
    field,
    'Count',
    8,
    (r) => {
      const box = { value: '' };
      readUnicodeString(r, field, (v) => (box.value = v ?? ''));
      return box;
    },
    (w, box) => writeUnicodeString(w, box.value),
  );
  return {
    read: (r) => boxes.read(r).map((box) => box.value),
    write: (w, list) =>
      boxes.write(
        w,
        list.map((value) => ({ value })),
      ),
  };
};

export interface RidEnumeration {
  readonly relativeId: number;
  readonly name: string;
}

/** [out] PSAMPR_ENUMERATION_BUFFER*: a [unique] pointer to the buffer. */
export const enumerationBuffer: NdrParam<readonly RidEnumeration[] | undefined> = {
  read(r) {
    let out: RidEnumeration[] | undefined;
    r.pointer(
      () => {
        const entries = r.u32('EntriesRead');
        const list: { relativeId: number; name: string }[] = [];
        r.pointer(
          () => {
            const n = r.maxCount(12, 'Buffer');
            if (n !== entries)
              throw new MalformedPacketError('Buffer: max_count differs from EntriesRead', { field: 'Buffer' });
            for (let i = 0; i < n; i++) {
              const e = { relativeId: r.u32('RelativeId'), name: '' };
              readUnicodeString(r, 'Name', (v) => (e.name = v ?? ''));
              list.push(e);
            }
          },
          true,
          'Buffer',
        );
        r.flushDeferred();
        out = list;
      },
      false,
      'Buffer',
    );
    return out;
  },
  write(w, v) {
    w.pointer(
      v,
      (list) => {
        w.u32(list.length);
        w.pointer(
          list.length > 0 ? list : undefined,
          (l) => {
            w.u32(l.length);
            for (const e of l) {
              w.u32(e.relativeId);
              writeUnicodeString(w, e.name);
            }
          },
          true,
        );
        w.flushDeferred();
      },
      false,
    );
  },
};

/** Count then the [size_is(1000), length_is(Count)] array of the lookups' inputs. */
export function lookupInput<T>(
  field: string,
  unit: number,
  readOne: (r: NdrReader, i: number, out: T[]) => void,
  writeOne: (w: NdrWriter, v: T) => void,
): NdrParam<readonly T[]> {
  return {
    read(r) {
      const count = r.u32('Count');
      if (count > SAM_MAX_LOOKUP)
        throw new MalformedPacketError(`Count ${count} out of range(0, ${SAM_MAX_LOOKUP})`, { field: 'Count' });
      const max = r.maxCount(0, field);
      const { offset, actual } = r.variance(max, field);
      if (offset !== 0 || actual !== count || actual * unit > r.remaining)
        throw new MalformedPacketError(`${field}: ${actual} elements for Count ${count}`, { field });
      const out: T[] = [];
      for (let i = 0; i < actual; i++) readOne(r, i, out);
      r.flushDeferred();
      return out;
    },
    write(w, list) {
      w.u32(list.length).u32(SAM_MAX_LOOKUP).u32(0).u32(list.length);
      for (const v of list) writeOne(w, v);
      w.flushDeferred();
    },
  };
}
