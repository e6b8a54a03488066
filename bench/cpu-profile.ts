/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and ranks functions by self time: the samples whose
 * top frame is the function. Self time sums every node of the call tree with the same function,
 * file and line, so a hot function called from many places shows once.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface HotFunction {
  readonly functionName: string;
  /** file:line, relative to the repo for our own code. */
  readonly location: string;
  readonly selfMs: number;
  /** Share of the profile's sampled time, idle included. */
  readonly selfPercent: number;
  /** Share of the busy time (idle and GC-free samples excluded). */
  readonly busyPercent: number;
}

export interface ProfileSummary {
  readonly file: string;
  readonly totalMs: number;
  readonly idleMs: number;
  readonly gcMs: number;
  readonly top: readonly HotFunction[];
}

function locationOf(url: string, line: number, root: string): string {
  if (url === '') return '(native)';
  const path = url.startsWith('file://') ? url.slice('file://'.length) : url;
  const shown = path.startsWith(root) ? relative(root, path) : path;
  return `${shown}:${line + 1}`;
}

export function summarizeCpuProfile(file: string, root: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, { name: string; location: string; us: number }>();
  let totalUs = 0;
  let idleUs = 0;
  let gcUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!);
    // V8 attributes each sample the time until the next one.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (node === undefined) continue;
    totalUs += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') idleUs += dt;
    if (functionName === '(garbage collector)') gcUs += dt;
    const location = locationOf(url, lineNumber, root);
    const key = `${functionName}\u0000${location}`;
    const entry = selfUs.get(key) ?? { name: functionName || '(anonymous)', location, us: 0 };
    entry.us += dt;
    selfUs.set(key, entry);
  }
  const busyUs = Math.max(1, totalUs - idleUs);
  const ranked = [...selfUs.values()]
    .filter((e) => e.name !== '(idle)')
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({
      functionName: e.name,
      location: e.location,
      selfMs: e.us / 1000,
      selfPercent: (100 * e.us) / Math.max(1, totalUs),
      busyPercent: (100 * e.us) / busyUs,
    }));
  return { file, totalMs: totalUs / 1000, idleMs: idleUs / 1000, gcMs: gcUs / 1000, top: ranked };
}
