/**
 * RPC_V2_NOTIFY_INFO — [MS-RPRN] 2.2.1.13.3, with RPC_V2_NOTIFY_INFO_DATA (2.2.1.13.4) and the
 * union RPC_V2_NOTIFY_INFO_DATA_DATA (2.2.1.13.5): the changed fields and their values. Shared by
 * MS-RPRN's RpcRouterReplyPrinterEx / RpcRouterRefreshPrinterChangeNotification and MS-PAR's
 * NOTIFY_REPLY_CONTAINER ([MS-PAR] 2.2.7).
 *
 *   RPC_V2_NOTIFY_INFO (a conformant structure: its array's max_count comes first, align 4):
 *     max_count (= Count) | DWORD Version (2) | DWORD Flags (PRINTER_NOTIFY_INFO_DISCARDED)
 *     | DWORD Count | Count x RPC_V2_NOTIFY_INFO_DATA (24 bytes each):
 *       u16 Type | u16 Field | DWORD Reserved (low 16 bits: the TABLE_*) | DWORD Id (job id)
 *       | DWORD union discriminant (= Reserved & 0xffff) | the arm, 8 bytes:
 *         TABLE_DWORD               DWORD dwData[2]
 *         TABLE_STRING              STRING_CONTAINER { DWORD cbBuf; [size_is(cbBuf/2), unique] WCHAR* }
 *         TABLE_TIME                SYSTEMTIME_CONTAINER { DWORD cbBuf; [unique] SYSTEMTIME* }
 *         TABLE_DEVMODE, TABLE_SECURITYDESCRIPTOR
 *                                   { DWORD cbBuf; [size_is(cbBuf), unique] BYTE* }
 *   then the arms' pointees, in element order (a WCHAR array is max_count, then the units).
 *
 * `readNotifyInfo` reads the structure where the reader stands and queues its pointees (see
 * notify-options.ts). Counts and sizes are bounded before anything is allocated.
 */
import type { SystemTime } from '../../../common/binary/filetime';
import { MalformedPacketError } from '../../../common/errors';
import { NotifyTable } from '../../../spoolss/printer-notify';
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrWriter } from '../../ndr/ndr-writer';

/** Entries one reply may carry; a server with more sets PRINTER_NOTIFY_INFO_DISCARDED. */
export const MAX_NOTIFY_INFO_DATA = 4096;
const INFO_DATA_SIZE = 24;
const SYSTEMTIME_SIZE = 16;

export type NotifyValue =
  | { readonly table: typeof NotifyTable.TABLE_DWORD; readonly value: number }
  | { readonly table: typeof NotifyTable.TABLE_STRING; readonly value: string }
  | { readonly table: typeof NotifyTable.TABLE_TIME; readonly value: SystemTime }
  | { readonly table: typeof NotifyTable.TABLE_DEVMODE; readonly value: Buffer }
  | { readonly table: typeof NotifyTable.TABLE_SECURITYDESCRIPTOR; readonly value: Buffer };

export interface NotifyInfoData {
  /** PRINTER_NOTIFY_TYPE or JOB_NOTIFY_TYPE. */
  readonly type: number;
  readonly field: number;
  /** The job id for JOB_NOTIFY_TYPE; 0 for a printer. */
  readonly id: number;
  readonly data: NotifyValue;
}

export interface NotifyInfo {
  readonly version: number;
  readonly flags: number;
  readonly data: readonly NotifyInfoData[];
}

export function readNotifyInfo(r: NdrReader): NotifyInfo {
  r.align(4);
  const max = r.maxCount(INFO_DATA_SIZE, 'RPC_V2_NOTIFY_INFO.aData');
  const version = r.u32('RPC_V2_NOTIFY_INFO.Version');
  const flags = r.u32('RPC_V2_NOTIFY_INFO.Flags');
  const count = r.u32('RPC_V2_NOTIFY_INFO.Count');
  if (count !== max) throw new MalformedPacketError(`RPC_V2_NOTIFY_INFO: max_count ${max} differs from Count ${count}`);
  if (count > MAX_NOTIFY_INFO_DATA) throw new MalformedPacketError(`RPC_V2_NOTIFY_INFO: ${count} entries`);
  const data: NotifyInfoData[] = [];
  for (let i = 0; i < count; i++) data.push(readInfoData(r));
  return { version, flags, data };
}

function readInfoData(r: NdrReader): NotifyInfoData {
  const type = r.u16('RPC_V2_NOTIFY_INFO_DATA.Type');
  const field = r.u16('RPC_V2_NOTIFY_INFO_DATA.Field');
  const reserved = r.u32('RPC_V2_NOTIFY_INFO_DATA.Reserved');
  const id = r.u32('RPC_V2_NOTIFY_INFO_DATA.Id');
  const table = r.unionTag(reserved & 0xffff, 'RPC_V2_NOTIFY_INFO_DATA.Data');
  // The arm's values fill in when the deferred pointees are read: a mutable holder.
  const entry: { type: number; field: number; id: number; data: NotifyValue } = {
    type,
    field,
    id,
    data: { table: NotifyTable.TABLE_DWORD, value: 0 },
  };
  switch (table) {
    case NotifyTable.TABLE_DWORD: {
      const value = r.u32('dwData[0]');
      r.u32('dwData[1]');
      entry.data = { table, value };
      break;
    }
    case NotifyTable.TABLE_STRING: {
      const cb = r.u32('STRING_CONTAINER.cbBuf');
      entry.data = { table, value: '' };
      r.pointer(
        () => {
          const units = r.maxCount(2, 'STRING_CONTAINER.pszString');
          if (units !== Math.floor(cb / 2))
            throw new MalformedPacketError(`pszString: max_count ${units}, cbBuf ${cb}`);
          const raw = r.bytes(units * 2, 'pszString').toString('utf16le');
          const nul = raw.indexOf('\0');
          entry.data = { table, value: nul === -1 ? raw : raw.slice(0, nul) };
        },
        true,
        'STRING_CONTAINER.pszString',
      );
      break;
    }
    case NotifyTable.TABLE_TIME: {
      const cb = r.u32('SYSTEMTIME_CONTAINER.cbBuf');
      entry.data = { table, value: systemTime([0, 0, 0, 0, 0, 0, 0, 0]) };
      r.pointer(
        () => {
          if (cb !== SYSTEMTIME_SIZE) throw new MalformedPacketError(`SYSTEMTIME_CONTAINER: cbBuf ${cb}`);
          entry.data = { table, value: systemTime(Array.from({ length: 8 }, () => r.u16('SYSTEMTIME'))) };
        },
        true,
        'SYSTEMTIME_CONTAINER.pSystemTime',
      );
      break;
    }
    case NotifyTable.TABLE_DEVMODE:
    case NotifyTable.TABLE_SECURITYDESCRIPTOR: {
      const cb = r.u32('cbBuf');
      entry.data = { table, value: Buffer.alloc(0) };
      r.pointer(
        () => {
          const bytes = r.conformantBytes('pBuf');
          if (bytes.length !== cb) throw new MalformedPacketError(`container: max_count ${bytes.length}, cbBuf ${cb}`);
          entry.data = { table, value: bytes };
        },
        true,
        'pBuf',
      );
      break;
    }
    default:
      throw new MalformedPacketError(`RPC_V2_NOTIFY_INFO_DATA: unknown table ${table}`, { field: 'Reserved' });
  }
  return entry;
}

function systemTime(v: readonly number[]): SystemTime {
  const [year = 0, month = 0, dayOfWeek = 0, day = 0, hour = 0, minute = 0, second = 0, milliseconds = 0] = v;
  return { year, month, dayOfWeek, day, hour, minute, second, milliseconds };
}

export function writeNotifyInfo(w: NdrWriter, info: NotifyInfo): void {
  w.align(4);
  w.u32(info.data.length).u32(info.version).u32(info.flags).u32(info.data.length);
  for (const d of info.data) {
    w.u16(d.type).u16(d.field).u32(d.data.table).u32(d.id).u32(d.data.table);
    const v = d.data;
    switch (v.table) {
      case NotifyTable.TABLE_DWORD:
        w.u32(v.value).u32(0);
        break;
      case NotifyTable.TABLE_STRING: {
        const units = Buffer.from(`${v.value}\0`, 'utf16le');
        w.u32(units.length);
        w.pointer(units, (b) => w.u32(b.length / 2).bytes(b), true);
        break;
      }
      case NotifyTable.TABLE_TIME: {
        const t = v.value;
        w.u32(SYSTEMTIME_SIZE);
        w.pointer(
          t,
          (x) => {
            for (const n of [x.year, x.month, x.dayOfWeek, x.day, x.hour, x.minute, x.second, x.milliseconds]) w.u16(n);
          },
          true,
        );
        break;
      }
      case NotifyTable.TABLE_DEVMODE:
      case NotifyTable.TABLE_SECURITYDESCRIPTOR:
        w.u32(v.value.length);
        w.pointer(v.value.length === 0 ? undefined : v.value, (b) => w.conformantBytes(b), true);
        break;
    }
  }
}
