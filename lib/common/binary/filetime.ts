/**
 * FILETIME — [MS-DTYP] 2.3.3: 100-nanosecond intervals since 1601-01-01 UTC, as a u64.
 */
const EPOCH_DIFF_MS = 11644473600000n;

export function dateToFiletime(d: Date | number): bigint {
  const ms = BigInt(Math.floor(typeof d === 'number' ? d : d.getTime()));
  return (ms + EPOCH_DIFF_MS) * 10000n;
}

export function filetimeToDate(ft: bigint): Date {
  return new Date(Number(ft / 10000n - EPOCH_DIFF_MS));
}

/** SYSTEMTIME fields — [MS-DTYP] 2.3.13 — used by the MS-RPRN job structures. */
export interface SystemTime {
  readonly year: number;
  readonly month: number;
  readonly dayOfWeek: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly milliseconds: number;
}

export function dateToSystemTime(d: Date): SystemTime {
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    dayOfWeek: d.getUTCDay(),
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    milliseconds: d.getUTCMilliseconds(),
  };
}
