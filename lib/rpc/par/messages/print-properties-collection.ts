/**
 * RpcPrintPropertiesCollection — [MS-PAR] 2.2.4, with RpcPrintNamedProperty (2.2.3),
 * RpcPrintPropertyValue (2.2.2) and EPrintPropertyType (2.2.1): the named, typed values that carry
 * a notification filter in and notification data out ([MS-PAR] 3.1.4.9).
 *
 *   RpcPrintPropertiesCollection (align 4):
 *     [range(0,50)] DWORD numberOfProperties
 *     | [size_is(numberOfProperties), unique] RpcPrintNamedProperty* propertiesCollection
 *   the array (max_count, then the elements, each aligned to 8):
 *     RpcPrintNamedProperty: [string] wchar_t* propertyName (referent id; deferred)
 *                            | RpcPrintPropertyValue (align 8)
 *     RpcPrintPropertyValue: EPrintPropertyType ePropertyType (an enum: 16 bits in NDR)
 *                            | the union's discriminant (the same value, 16 bits)
 *                            | the arm, aligned to 8: [MS-PAR] 2.2 enables ms_union, whose arm
 *                              takes the largest alignment of all arms ([MS-RPCE] 2.2.4.5; the
 *                              __int64 arm makes it 8)
 *       kPropertyTypeString 1            referent id ([string] wchar_t*)
 *       kPropertyTypeInt32 2             long
 *       kPropertyTypeInt64 3             __int64
 *       kPropertyTypeByte 4              BYTE
 *       kPropertyTypeTime 5              SYSTEMTIME_CONTAINER { DWORD cbBuf; [unique] SYSTEMTIME* }
 *       kPropertyTypeDevMode 6, kPropertyTypeSD 7
 *                                        { DWORD cbBuf; [size_is(cbBuf), unique] BYTE* }
 *       kPropertyTypeNotificationReply 8 NOTIFY_REPLY_CONTAINER { RPC_V2_NOTIFY_INFO* pInfo }
 *       kPropertyTypeNotificationOptions 9 NOTIFY_OPTIONS_CONTAINER { RPC_V2_NOTIFY_OPTIONS* pOptions }
 *   then every element's pointees in element order: its name, then its value's.
 *
 * The layout agrees with Samba's pidl (winspool.idl), checked byte for byte in the unit tests.
 */
import type { SystemTime } from '../../../common/binary/filetime';
import { MalformedPacketError } from '../../../common/errors';
import type { NdrParam } from '../../ndr/ndr-params';
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrWriter } from '../../ndr/ndr-writer';
import { type NotifyInfo, readNotifyInfo, writeNotifyInfo } from '../../rprn/structures/notify-info';
import { type NotifyOptions, readNotifyOptions, writeNotifyOptions } from '../../rprn/structures/notify-options';

/** [MS-PAR] 2.2.1 EPrintPropertyType. */
export const PrintPropertyType = {
  kPropertyTypeString: 1,
  kPropertyTypeInt32: 2,
  kPropertyTypeInt64: 3,
  kPropertyTypeByte: 4,
  kPropertyTypeTime: 5,
  kPropertyTypeDevMode: 6,
  kPropertyTypeSD: 7,
  kPropertyTypeNotificationReply: 8,
  kPropertyTypeNotificationOptions: 9,
} as const;

/** [MS-PAR] 2.2.4: numberOfProperties is [range(0,50)]. */
export const MAX_PRINT_PROPERTIES = 50;

const T = PrintPropertyType;
export type PrintPropertyValue =
  | { readonly type: typeof T.kPropertyTypeString; readonly value: string | undefined }
  | { readonly type: typeof T.kPropertyTypeInt32; readonly value: number }
  | { readonly type: typeof T.kPropertyTypeInt64; readonly value: bigint }
  | { readonly type: typeof T.kPropertyTypeByte; readonly value: number }
  | { readonly type: typeof T.kPropertyTypeTime; readonly value: SystemTime | undefined }
  | { readonly type: typeof T.kPropertyTypeDevMode | typeof T.kPropertyTypeSD; readonly value: Buffer | undefined }
  | { readonly type: typeof T.kPropertyTypeNotificationReply; readonly value: NotifyInfo | undefined }
  | { readonly type: typeof T.kPropertyTypeNotificationOptions; readonly value: NotifyOptions | undefined };

export interface PrintNamedProperty {
  readonly name: string | undefined;
  readonly value: PrintPropertyValue;
}

export type PrintPropertiesCollection = readonly PrintNamedProperty[];

/** The structure where the reader stands; its pointees are queued (the caller flushes them). */
export function readPrintPropertiesCollection(r: NdrReader): PrintNamedProperty[] {
  r.align(4);
  const count = r.u32('numberOfProperties');
  // DEVIATION: a [range] violation is RPC_X_INVALID_BOUND in MIDL stubs; here nca_s_fault_ndr.
  if (count > MAX_PRINT_PROPERTIES)
    throw new MalformedPacketError(`numberOfProperties ${count} above ${MAX_PRINT_PROPERTIES}`, {
      field: 'numberOfProperties',
    });
  const out: PrintNamedProperty[] = [];
  const present = r.pointer(
    () => {
      const n = r.maxCount(16, 'propertiesCollection');
      if (n !== count)
        throw new MalformedPacketError(`propertiesCollection: max_count ${n}, numberOfProperties ${count}`);
      for (let i = 0; i < n; i++) out.push(readNamedProperty(r));
    },
    true,
    'propertiesCollection',
  );
  if (!present && count !== 0) throw new MalformedPacketError(`NULL propertiesCollection with ${count} properties`);
  return out;
}

/** One element; a mutable holder, since the pointees arrive after the array. */
function readNamedProperty(r: NdrReader): PrintNamedProperty {
  r.align(8);
  const holder: { name: string | undefined; value: PrintPropertyValue } = {
    name: undefined,
    value: { type: T.kPropertyTypeInt32, value: 0 },
  };
  r.pointer(() => (holder.name = r.string('propertyName')), true, 'propertyName');
  r.align(8);
  const type = r.u16('ePropertyType');
  const tag = r.u16('value.tag');
  if (tag !== type) throw new MalformedPacketError(`RpcPrintPropertyValue: tag ${tag}, ePropertyType ${type}`);
  r.align(8);
  switch (type) {
    case T.kPropertyTypeString:
      holder.value = { type, value: undefined };
      r.pointer(() => (holder.value = { type, value: r.string('propertyString') }), true, 'propertyString');
      break;
    case T.kPropertyTypeInt32:
      holder.value = { type, value: r.i32('propertyInt32') };
      break;
    case T.kPropertyTypeInt64:
      holder.value = { type, value: BigInt.asIntN(64, r.u64('propertyInt64')) };
      break;
    case T.kPropertyTypeByte:
      holder.value = { type, value: r.u8('propertyByte') };
      break;
    case T.kPropertyTypeTime: {
      const cb = r.u32('SYSTEMTIME_CONTAINER.cbBuf');
      holder.value = { type, value: undefined };
      r.pointer(
        () => {
          if (cb !== 16) throw new MalformedPacketError(`SYSTEMTIME_CONTAINER: cbBuf ${cb}`);
          const [year = 0, month = 0, dayOfWeek = 0, day = 0, hour = 0, minute = 0, second = 0, milliseconds = 0] =
            Array.from({ length: 8 }, () => r.u16('SYSTEMTIME'));
          holder.value = { type, value: { year, month, dayOfWeek, day, hour, minute, second, milliseconds } };
        },
        true,
        'pSystemTime',
      );
      break;
    }
    case T.kPropertyTypeDevMode:
    case T.kPropertyTypeSD: {
      const cb = r.u32('cbBuf');
      holder.value = { type, value: undefined };
      r.pointer(
        () => {
          const bytes = r.conformantBytes('pBuf');
          if (bytes.length !== cb) throw new MalformedPacketError(`container: max_count ${bytes.length}, cbBuf ${cb}`);
          holder.value = { type, value: bytes };
        },
        true,
        'pBuf',
      );
      break;
    }
    case T.kPropertyTypeNotificationReply:
      holder.value = { type, value: undefined };
      r.pointer(() => (holder.value = { type, value: readNotifyInfo(r) }), true, 'pInfo');
      break;
    case T.kPropertyTypeNotificationOptions:
      holder.value = { type, value: undefined };
      r.pointer(() => (holder.value = { type, value: readNotifyOptions(r) }), true, 'pOptions');
      break;
    default:
      throw new MalformedPacketError(`RpcPrintPropertyValue: unknown ePropertyType ${type}`, {
        field: 'ePropertyType',
      });
  }
  return holder;
}

export function writePrintPropertiesCollection(w: NdrWriter, properties: PrintPropertiesCollection): void {
  w.align(4);
  w.u32(properties.length);
  w.pointer(
    properties.length === 0 ? undefined : properties,
    (list) => {
      w.u32(list.length);
      for (const p of list) writeNamedProperty(w, p);
    },
    true,
  );
}

function writeNamedProperty(w: NdrWriter, p: PrintNamedProperty): void {
  w.align(8);
  w.pointer(p.name, (s) => w.string(s), true);
  w.align(8);
  const v = p.value;
  w.u16(v.type).u16(v.type);
  w.align(8);
  switch (v.type) {
    case T.kPropertyTypeString:
      w.pointer(v.value, (s) => w.string(s), true);
      break;
    case T.kPropertyTypeInt32:
      w.i32(v.value);
      break;
    case T.kPropertyTypeInt64:
      w.u64(BigInt.asUintN(64, v.value));
      break;
    case T.kPropertyTypeByte:
      w.u8(v.value);
      break;
    case T.kPropertyTypeTime:
      w.u32(v.value === undefined ? 0 : 16);
      w.pointer(
        v.value,
        (t) => {
          for (const n of [t.year, t.month, t.dayOfWeek, t.day, t.hour, t.minute, t.second, t.milliseconds]) w.u16(n);
        },
        true,
      );
      break;
    case T.kPropertyTypeDevMode:
    case T.kPropertyTypeSD:
      w.u32(v.value?.length ?? 0);
      w.pointer(v.value, (b) => w.conformantBytes(b), true);
      break;
    case T.kPropertyTypeNotificationReply:
      w.pointer(v.value, (info) => writeNotifyInfo(w, info), true);
      break;
    case T.kPropertyTypeNotificationOptions:
      w.pointer(v.value, (options) => writeNotifyOptions(w, options), true);
      break;
  }
}

/** `[in] RpcPrintPropertiesCollection*` (a top-level [ref]: the structure, then its pointees). */
export function printPropertiesCollection(): NdrParam<PrintPropertiesCollection> {
  return {
    read(r) {
      const value = readPrintPropertiesCollection(r);
      r.flushDeferred();
      return value;
    },
    write(w, value) {
      writePrintPropertiesCollection(w, value);
      w.flushDeferred();
    },
  };
}

/** `[out] RpcPrintPropertiesCollection**`: the [unique] inner pointer's referent id, then the rest. */
export function uniquePrintPropertiesCollection(): NdrParam<PrintPropertiesCollection | undefined> {
  return {
    read(r) {
      let value: PrintNamedProperty[] | undefined;
      r.pointer(() => (value = readPrintPropertiesCollection(r)), false, 'ppNotifyData');
      return value;
    },
    write(w, value) {
      w.pointer(value, (v) => writePrintPropertiesCollection(w, v), false);
    },
  };
}
