/**
 * RPC_PrintPropertyValue and RPC_PrintNamedProperty — [MS-RPRN] 2.2.1.14.1-3, the values of Job
 * Named Properties (3.1.4.12). EPrintPropertyType is a plain enum, 2 bytes in NDR (no
 * [v1_enum]); `value` is a non-encapsulated union switched on it (its tag is the enum again),
 * its arm aligned to the largest one (the LONGLONG: 8).
 *
 *   RPC_PrintPropertyValue (8-aligned):
 *     u16 ePropertyType | u16 union tag (= ePropertyType) | align 8 | the arm:
 *       1 kRpcPropertyTypeString  referent id -> [string] wchar_t* (deferred)
 *       2 kRpcPropertyTypeInt32   LONG
 *       3 kRpcPropertyTypeInt64   LONGLONG
 *       4 kRpcPropertyTypeByte    BYTE
 *       5 kRpcPropertyTypeBuffer  u32 cbBuf | referent id -> [size_is(cbBuf)] BYTE[] (deferred)
 *   RPC_PrintNamedProperty (8-aligned):
 *     referent id -> [string] wchar_t* propertyName (deferred) | RPC_PrintPropertyValue
 */
import { MalformedPacketError } from '../../../common/errors';
import type { PrintNamedProperty, PrintPropertyValue } from '../../../spoolss/spooler-extras';
import type { NdrParam } from '../../ndr/ndr-params';
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrWriter } from '../../ndr/ndr-writer';

/** EPrintPropertyType — [MS-RPRN] 2.2.1.14.3. */
export const EPrintPropertyType = {
  kRpcPropertyTypeString: 1,
  kRpcPropertyTypeInt32: 2,
  kRpcPropertyTypeInt64: 3,
  kRpcPropertyTypeByte: 4,
  kRpcPropertyTypeBuffer: 5,
} as const;

const TYPE_OF: Readonly<Record<PrintPropertyValue['type'], number>> = {
  string: EPrintPropertyType.kRpcPropertyTypeString,
  int32: EPrintPropertyType.kRpcPropertyTypeInt32,
  int64: EPrintPropertyType.kRpcPropertyTypeInt64,
  byte: EPrintPropertyType.kRpcPropertyTypeByte,
  buffer: EPrintPropertyType.kRpcPropertyTypeBuffer,
};

/** A union tag of a 16-bit enum type, which must repeat the structure's own field. */
export function enumUnionTag(r: NdrReader, expected: number, field: string): void {
  const tag = r.u16(`${field}.tag`);
  if (tag !== expected)
    throw new MalformedPacketError(`${field}: union tag ${tag} does not match ${expected}`, { field });
}

/** Reads the structure; its pointees are queued on the reader (flush to read them). */
export function decodePrintPropertyValue(r: NdrReader, field: string): () => PrintPropertyValue {
  r.align(8);
  const type = r.u16(`${field}.ePropertyType`);
  enumUnionTag(r, type, field);
  r.align(8);
  switch (type) {
    case EPrintPropertyType.kRpcPropertyTypeString: {
      let value: string | undefined;
      r.pointer(() => (value = r.string(`${field}.propertyString`)), true, `${field}.propertyString`);
      // A NULL string is carried as the empty one (the value is required; Windows stores "").
      return () => ({ type: 'string', value: value ?? '' });
    }
    case EPrintPropertyType.kRpcPropertyTypeInt32: {
      const value = r.i32(`${field}.propertyInt32`);
      return () => ({ type: 'int32', value });
    }
    case EPrintPropertyType.kRpcPropertyTypeInt64: {
      const value = BigInt.asIntN(64, r.u64(`${field}.propertyInt64`));
      return () => ({ type: 'int64', value });
    }
    case EPrintPropertyType.kRpcPropertyTypeByte: {
      const value = r.u8(`${field}.propertyByte`);
      return () => ({ type: 'byte', value });
    }
    case EPrintPropertyType.kRpcPropertyTypeBuffer: {
      const cbBuf = r.u32(`${field}.propertyBlob.cbBuf`);
      let value: Buffer = Buffer.alloc(0);
      r.pointer(
        () => {
          value = r.conformantBytes(`${field}.propertyBlob.pBuf`);
          if (value.length !== cbBuf)
            throw new MalformedPacketError(`${field}: max_count ${value.length} differs from cbBuf ${cbBuf}`, {
              field,
            });
        },
        true,
        `${field}.propertyBlob.pBuf`,
      );
      return () => ({ type: 'buffer', value });
    }
    default:
      throw new MalformedPacketError(`${field}: no union arm for ePropertyType ${type}`, { field });
  }
}

/** Writes the structure; its pointees are queued on the writer. */
export function encodePrintPropertyValue(w: NdrWriter, v: PrintPropertyValue): void {
  const type = TYPE_OF[v.type];
  w.align(8).u16(type).u16(type).align(8);
  switch (v.type) {
    case 'string':
      w.pointer(v.value, (s) => w.string(s), true);
      break;
    case 'int32':
      w.i32(v.value);
      break;
    case 'int64':
      w.u64(BigInt.asUintN(64, v.value));
      break;
    case 'byte':
      w.u8(v.value);
      break;
    case 'buffer':
      w.u32(v.value.length);
      w.pointer(v.value, (b) => w.conformantBytes(b), true);
      break;
  }
}

/** A top-level [ref] RPC_PrintPropertyValue* (the structure, then its pointees). */
export function printPropertyValue(field: string): NdrParam<PrintPropertyValue> {
  return {
    read(r) {
      const value = decodePrintPropertyValue(r, field);
      r.flushDeferred();
      return value();
    },
    write(w, v) {
      encodePrintPropertyValue(w, v);
      w.flushDeferred();
    },
  };
}

export function decodePrintNamedProperty(r: NdrReader, field: string): () => PrintNamedProperty {
  r.align(8);
  let name: string | undefined;
  r.pointer(() => (name = r.string(`${field}.propertyName`)), true, `${field}.propertyName`);
  const value = decodePrintPropertyValue(r, `${field}.propertyValue`);
  return () => {
    if (name === undefined)
      throw new MalformedPacketError(`${field}: NULL propertyName`, { field: `${field}.propertyName` });
    return { name, value: value() };
  };
}

export function encodePrintNamedProperty(w: NdrWriter, p: PrintNamedProperty): void {
  w.align(8);
  w.pointer(p.name, (s) => w.string(s), true);
  encodePrintPropertyValue(w, p.value);
}

/** A top-level [ref] RPC_PrintNamedProperty*. */
export function printNamedProperty(field: string): NdrParam<PrintNamedProperty> {
  return {
    read(r) {
      const p = decodePrintNamedProperty(r, field);
      r.flushDeferred();
      return p();
    },
    write(w, v) {
      encodePrintNamedProperty(w, v);
      w.flushDeferred();
    },
  };
}

/**
 * `[out] DWORD* pcProperties, [out, size_is(,*pcProperties)] RPC_PrintNamedProperty** ppProperties`:
 * the count, then a referent id (0 for NULL) to max_count and the structures, then their pointees.
 * Bounded by the stub: each element takes at least 24 bytes.
 */
export function namedPropertyArray(field: string): NdrParam<PrintNamedProperty[]> {
  return {
    read(r) {
      const count = r.u32('pcProperties');
      let list: PrintNamedProperty[] = [];
      r.pointer(
        () => {
          const n = r.maxCount(24, field);
          if (n !== count)
            throw new MalformedPacketError(`${field}: max_count ${n} differs from pcProperties ${count}`, { field });
          const readers = Array.from({ length: n }, (_, i) => decodePrintNamedProperty(r, `${field}[${i}]`));
          r.flushDeferred();
          list = readers.map((get) => get());
        },
        false,
        field,
      );
      return list;
    },
    write(w, list) {
      w.u32(list.length);
      // Nothing to enumerate: the server allocated no array, and MIDL marshals the NULL pointer.
      w.pointer(
        list.length === 0 ? undefined : list,
        (l) => {
          w.u32(l.length);
          for (const p of l) encodePrintNamedProperty(w, p);
          w.flushDeferred();
        },
        false,
      );
    },
  };
}
