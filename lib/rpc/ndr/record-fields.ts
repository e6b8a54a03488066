/**
 * Typed reads of the records the structure codecs produce (NdrRecord from ndr-struct.ts,
 * FlatRecord from the MS-RPRN INFO buffers): a field of the wrong kind, or one the level does not
 * carry, reads as its empty value (or undefined from the `optional` readers). Pure.
 */
import type { SystemTime } from '../../common/binary/filetime';

export type AnyRecord = Readonly<Record<string, unknown>>;

export interface RecordFields {
  /** A string field; '' when absent. */
  string(name: string): string;
  /** A string field; undefined when absent (a NULL pointer). */
  optionalString(name: string): string | undefined;
  /** A DWORD/WORD field; 0 when absent. */
  number(name: string): number;
  /** A DWORD/WORD field; undefined when absent. */
  optionalNumber(name: string): number | undefined;
  /** A QWORD or FILETIME field; 0n when absent. */
  bigint(name: string): bigint;
  /** A MULTI_SZ field; [] when absent. */
  strings(name: string): string[];
  /** A DEVMODE or security descriptor field. */
  bytes(name: string): Buffer | undefined;
  /** A SYSTEMTIME field. */
  systemTime(name: string): SystemTime | undefined;
}

export function recordFields(rec: AnyRecord | undefined): RecordFields {
  const v = rec ?? {};
  const optionalString = (k: string): string | undefined => {
    const x = v[k];
    return typeof x === 'string' ? x : undefined;
  };
  const optionalNumber = (k: string): number | undefined => {
    const x = v[k];
    return typeof x === 'number' ? x : undefined;
  };
  return {
    string: (k) => optionalString(k) ?? '',
    optionalString,
    number: (k) => optionalNumber(k) ?? 0,
    optionalNumber,
    bigint(k) {
      const x = v[k];
      return typeof x === 'bigint' ? x : 0n;
    },
    strings(k) {
      const x = v[k];
      return Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
    },
    bytes(k) {
      const x = v[k];
      return Buffer.isBuffer(x) ? x : undefined;
    },
    systemTime(k) {
      const x = v[k];
      return typeof x === 'object' && x !== null && !Buffer.isBuffer(x) && !Array.isArray(x)
        ? (x as SystemTime)
        : undefined;
    },
  };
}
