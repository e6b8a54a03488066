/**
 * V8's heap sized for a print server of many connections (issue 18, docs/benchmarks.md "What fills a
 * connection in the storm, and the cut", 2026-12-05).
 *
 * After each full collection V8 lets the old generation grow to its live size times a growing
 * factor before it collects again. On a 64-bit machine with enough memory for a heap of 2 GB or more
 * that factor goes up to 4 (heap-controller.cc MaxGrowingFactor), which suits a short job but not a
 * server whose live set grows with its connections: in a 2,000-flow storm the old space held 190 MB
 * of which 55 MB were alive, and that garbage was two thirds of the server's 114-133 KiB per
 * connection. Per-flow state (requests, RPC calls, the client's NDR buffers) lives for the seconds a
 * flow takes under load, long enough to be promoted, then dies in the old generation.
 *
 * A factor of 1.3 (`--heap-growing-percent=30`) brought the same storm to 63 KiB per connection
 * (peak RSS 195 MB instead of 330) for 3-6% more server CPU per flow. 20 gave 60 KiB and 50 gave
 * 68 KiB, at the same CPU within the noise of a shared machine.
 *
 * The flag is read at every collection, so setting it once the process runs takes effect. A
 * `--heap-growing-percent` given on node's command line wins.
 */
import { setFlagsFromString } from 'node:v8';

export const SERVER_HEAP_GROWING_PERCENT = 30;

/**
 * Sets the server's heap growing factor for this process unless node was started with one of its
 * own; returns the percent in force, or undefined when the command line's was kept.
 */
export function tuneHeapForServer(execArgv: readonly string[] = process.execArgv): number | undefined {
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent(=|$)/.test(a))) return undefined;
  setFlagsFromString(`--heap-growing-percent=${SERVER_HEAP_GROWING_PERCENT}`);
  return SERVER_HEAP_GROWING_PERCENT;
}
