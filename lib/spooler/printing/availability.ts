/**
 * A printer's hours of availability — PRINTER_INFO_2 StartTime/UntilTime, minutes after
 * midnight UTC (0-1439); equal values mean always available (reference/spooler-anchors.md 1.4).
 * Decisions (docs/spooler-decisions.md): the window includes StartTime and excludes UntilTime;
 * Start > Until wraps past midnight UTC (22:00-06:00 is a night window); a job already printing
 * when the window closes finishes.
 */
const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;

export function minuteOfDayUtc(nowMs: number): number {
  return Math.floor(nowMs / MS_PER_MINUTE) % MINUTES_PER_DAY;
}

export function isAvailable(startTime: number, untilTime: number, nowMs: number): boolean {
  const start = startTime % MINUTES_PER_DAY;
  const until = untilTime % MINUTES_PER_DAY;
  if (start === until) return true;
  const m = minuteOfDayUtc(nowMs);
  return start < until ? m >= start && m < until : m >= start || m < until;
}

/** Milliseconds from `nowMs` until the window next opens (0 when open now). */
export function msUntilAvailable(startTime: number, untilTime: number, nowMs: number): number {
  if (isAvailable(startTime, untilTime, nowMs)) return 0;
  const dayStart = nowMs - (nowMs % (MINUTES_PER_DAY * MS_PER_MINUTE));
  let opening = dayStart + (startTime % MINUTES_PER_DAY) * MS_PER_MINUTE;
  if (opening <= nowMs) opening += MINUTES_PER_DAY * MS_PER_MINUTE;
  return opening - nowMs;
}

/** `HH:MM` UTC, for status output. */
export function formatMinutes(minutes: number): string {
  const m = minutes % MINUTES_PER_DAY;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
