/** Scales and ticks for the history plot: linear from zero, or logarithmic over decades. */

export interface Scale {
  /** Value -> y in the panel (top is 0). */
  y(value: number): number;
  readonly ticks: readonly number[];
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** Ticks from 0 to at least `max`, about `count` of them, at round values. */
export function linearTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const step = niceStep(max / count);
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) {
    ticks.push(Math.round(v * 1e9) / 1e9);
    if (v >= max) break;
  }
  return ticks;
}

/** Powers of ten covering [min, max], with 2 and 5 between them when the range is short. */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.floor(Math.log10(min));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
  const ticks: number[] = [];
  const fine = hi - lo <= 2;
  for (let e = lo; e <= hi; e++)
    for (const m of fine ? [1, 2, 5] : [1]) {
      const v = m * 10 ** e;
      if (e === hi && m > 1) break;
      ticks.push(Number(v.toPrecision(12)));
    }
  return ticks;
}

export function linearScale(max: number, height: number): Scale {
  const ticks = linearTicks(max);
  const top = ticks[ticks.length - 1]!;
  return { ticks, y: (v) => height - (v / top) * height };
}

/** A log scale over the values' decades; values <= 0 have no place on it (the caller skips them). */
export function logScale(min: number, max: number, height: number): Scale {
  const ticks = logTicks(min, max);
  const lo = Math.log10(ticks[0]!);
  const hi = Math.log10(ticks[ticks.length - 1]!);
  return { ticks, y: (v) => height - ((Math.log10(v) - lo) / (hi - lo)) * height };
}

/** 1500 -> "1.5k", 0.25 -> "0.25", 20000 -> "20k". */
export function tickLabel(v: number): string {
  if (v >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (v >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}
