/**
 * RPC_V2_NOTIFY_OPTIONS — [MS-RPRN] 2.2.1.13.1 and RPC_V2_NOTIFY_OPTIONS_TYPE, 2.2.1.13.2: which
 * printer and job fields a change notification client wants. Shared by MS-RPRN's
 * RpcRemoteFindFirstPrinterChangeNotificationEx / RpcRouterRefreshPrinterChangeNotification and
 * MS-PAR's NOTIFY_OPTIONS_CONTAINER ([MS-PAR] 2.2.6).
 *
 *   RPC_V2_NOTIFY_OPTIONS (align 4):
 *     DWORD Version (2) | DWORD Reserved (Flags: PRINTER_NOTIFY_OPTIONS_REFRESH) | DWORD Count
 *     | [size_is(Count), unique] RPC_V2_NOTIFY_OPTIONS_TYPE* pTypes   (referent id; deferred)
 *   pTypes pointee: max_count (= Count), then Count x RPC_V2_NOTIFY_OPTIONS_TYPE (20 bytes):
 *     u16 Type | u16 Reserved0 | DWORD Reserved1 | DWORD Reserved2 | DWORD Count
 *     | [size_is(Count), unique] unsigned short* pFields              (referent id; deferred)
 *   each pFields pointee: max_count (= Count), Count x u16
 *
 * `readNotifyOptions` reads the structure where the reader stands and queues its pointees like
 * any embedded pointer: the caller flushes them (NdrReader.flushDeferred) after the outermost
 * construct. Counts are bounded before anything is allocated.
 */
import { MalformedPacketError } from '../../../common/errors';
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrWriter } from '../../ndr/ndr-writer';

/** More types than the two [MS-RPRN] defines, or more fields than a type has, are refused. */
export const MAX_NOTIFY_OPTION_TYPES = 8;
export const MAX_NOTIFY_OPTION_FIELDS = 64;

export interface NotifyOptionsType {
  /** PRINTER_NOTIFY_TYPE or JOB_NOTIFY_TYPE. */
  readonly type: number;
  readonly fields: readonly number[];
}

export interface NotifyOptions {
  readonly version: number;
  /** Reserved in the IDL: PRINTER_NOTIFY_OPTIONS_REFRESH. */
  readonly flags: number;
  readonly types: readonly NotifyOptionsType[];
}

const OPTIONS_TYPE_SIZE = 20;

/** The structure where the reader stands; its pointees are queued (see the header). */
export function readNotifyOptions(r: NdrReader): NotifyOptions {
  r.align(4);
  const version = r.u32('RPC_V2_NOTIFY_OPTIONS.Version');
  const flags = r.u32('RPC_V2_NOTIFY_OPTIONS.Reserved');
  const count = r.u32('RPC_V2_NOTIFY_OPTIONS.Count');
  const types: { type: number; fields: number[] }[] = [];
  const present = r.pointer(() => readTypes(r, count, types), true, 'RPC_V2_NOTIFY_OPTIONS.pTypes');
  if (!present && count !== 0)
    throw new MalformedPacketError(`RPC_V2_NOTIFY_OPTIONS: NULL pTypes with Count ${count}`, { field: 'pTypes' });
  return { version, flags, types };
}

function readTypes(r: NdrReader, count: number, out: { type: number; fields: number[] }[]): void {
  const n = r.maxCount(OPTIONS_TYPE_SIZE, 'pTypes');
  if (n !== count) throw new MalformedPacketError(`pTypes: max_count ${n} differs from Count ${count}`);
  if (n > MAX_NOTIFY_OPTION_TYPES) throw new MalformedPacketError(`pTypes: ${n} notify types`, { field: 'pTypes' });
  for (let i = 0; i < n; i++) {
    const type = r.u16('RPC_V2_NOTIFY_OPTIONS_TYPE.Type');
    r.u16('RPC_V2_NOTIFY_OPTIONS_TYPE.Reserved0');
    r.u32('RPC_V2_NOTIFY_OPTIONS_TYPE.Reserved1');
    r.u32('RPC_V2_NOTIFY_OPTIONS_TYPE.Reserved2');
    const fieldCount = r.u32('RPC_V2_NOTIFY_OPTIONS_TYPE.Count');
    const entry = { type, fields: [] as number[] };
    out.push(entry);
    const present = r.pointer(
      () => {
        const m = r.maxCount(2, 'pFields');
        if (m !== fieldCount)
          throw new MalformedPacketError(`pFields: max_count ${m} differs from Count ${fieldCount}`);
        if (m > MAX_NOTIFY_OPTION_FIELDS) throw new MalformedPacketError(`pFields: ${m} fields`, { field: 'pFields' });
        for (let j = 0; j < m; j++) entry.fields.push(r.u16('pFields'));
      },
      true,
      'RPC_V2_NOTIFY_OPTIONS_TYPE.pFields',
    );
    if (!present && fieldCount !== 0)
      throw new MalformedPacketError(`RPC_V2_NOTIFY_OPTIONS_TYPE: NULL pFields with Count ${fieldCount}`);
  }
}

/** The structure, its pointees queued on the writer (flushed after the outermost construct). */
export function writeNotifyOptions(w: NdrWriter, options: NotifyOptions): void {
  w.align(4);
  w.u32(options.version).u32(options.flags).u32(options.types.length);
  w.pointer(
    options.types.length === 0 ? undefined : options.types,
    (types) => {
      w.u32(types.length);
      for (const t of types) {
        w.u16(t.type).u16(0).u32(0).u32(0).u32(t.fields.length);
        w.pointer(
          t.fields.length === 0 ? undefined : t.fields,
          (fields) => {
            w.u32(fields.length);
            for (const f of fields) w.u16(f);
          },
          true,
        );
      }
    },
    true,
  );
}
