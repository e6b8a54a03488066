/**
 * What the winreg methods read from a registry key — [MS-RRP] 3.1.5.10, 3.1.5.11, 3.1.5.16,
 * 3.1.5.17 — as Windows' RegEnumKeyEx/RegEnumValue/RegQueryValueEx answer into the caller's
 * buffers:
 *   - a name that does not fit the room the caller offers: ERROR_MORE_DATA;
 *   - value data: lpcbData NULL asks nothing; lpData NULL with lpcbData asks the size
 *     (ERROR_SUCCESS); *lpcbData too small: ERROR_MORE_DATA with the size needed, no data;
 *   - QueryInfoKey's lengths are in bytes, without the terminating NUL (Samba's client sizes its
 *     name buffers as lpcbMaxSubKeyLen + 2).
 * Pure: no handles, no wire.
 */
import { dateToFiletime } from '../../common/binary/filetime';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { encodeRegData, type RegValue } from '../../common/reg-value';
import type { RegistryKey } from '../../registry/registry-key';
import type { DataArea, RrpString } from './messages/rrp-structures';

export interface ValueQuery {
  readonly type?: number;
  readonly data?: DataArea;
  readonly cbData?: number;
  readonly cbLen?: number;
}

export interface ValueAnswer {
  readonly type?: number;
  readonly data?: DataArea;
  readonly cbData?: number;
  readonly cbLen?: number;
  readonly status: number;
}

/** The room a caller's string offers, in characters, NUL included. */
const roomOf = (s: RrpString): number => Math.floor(s.maximumLength / 2);

/** A name answered into the caller's buffer, or ERROR_MORE_DATA. */
export function nameInto(name: string, room: RrpString): { name: RrpString; status: number } {
  if (name.length + 1 > roomOf(room))
    return { name: { value: undefined, maximumLength: room.maximumLength }, status: Win32ErrorCode.ERROR_MORE_DATA };
  return { name: { value: name, maximumLength: room.maximumLength }, status: Win32ErrorCode.ERROR_SUCCESS };
}

/**
 * A value's type and data into the caller's [in, out] parameters. On the wire lpData is
 * size_is(*lpcbData), length_is(*lpcbLen) of the answer: its max_count is the size reported, its
 * actual count the length returned (none without lpcbLen).
 */
export function valueInto(value: RegValue, q: ValueQuery): ValueAnswer {
  const bytes = encodeRegData(value);
  const type = q.type === undefined ? undefined : value.type;
  if (q.cbData === undefined) return { ...(type !== undefined && { type }), status: Win32ErrorCode.ERROR_SUCCESS };
  const fits = q.data === undefined || bytes.length <= q.cbData;
  const returned = q.data !== undefined && fits && q.cbLen !== undefined ? bytes : Buffer.alloc(0);
  return {
    ...(type !== undefined && { type }),
    ...(q.data !== undefined && { data: { size: bytes.length, data: returned } }),
    cbData: bytes.length,
    ...(q.cbLen !== undefined && { cbLen: returned.length }),
    status: fits ? Win32ErrorCode.ERROR_SUCCESS : Win32ErrorCode.ERROR_MORE_DATA,
  };
}

/** The parameters echoed empty when the call fails before reading anything. */
export function echoQuery(q: ValueQuery, status: number): ValueAnswer {
  return {
    ...(q.type !== undefined && { type: q.type }),
    ...(q.data !== undefined && { data: { size: 0, data: Buffer.alloc(0) } }),
    ...(q.cbData !== undefined && { cbData: 0 }),
    ...(q.cbLen !== undefined && { cbLen: 0 }),
    status,
  };
}

export interface KeyInfo {
  readonly subKeys: number;
  readonly maxSubKeyLen: number;
  readonly values: number;
  readonly maxValueNameLen: number;
  readonly maxValueLen: number;
}

export function keyInfo(key: RegistryKey): KeyInfo {
  const subkeys = key.subkeyNames();
  const values = key.valueList();
  return {
    subKeys: subkeys.length,
    maxSubKeyLen: Math.max(0, ...subkeys.map((n) => n.length * 2)),
    values: values.length,
    maxValueNameLen: Math.max(0, ...values.map((v) => v.name.length * 2)),
    maxValueLen: Math.max(0, ...values.map((v) => encodeRegData(v).length)),
  };
}

/** A key's last-write time as a FILETIME (QueryInfoKey, EnumKey); 0 for no key. */
export function lastWriteOf(key: RegistryKey | undefined): bigint {
  return key === undefined ? 0n : dateToFiletime(key.lastWriteTime);
}
