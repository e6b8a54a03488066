/** The machine a run came from: figures only mean something next to it. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, hostname, loadavg, release, totalmem } from 'node:os';
import { SAMBA_TOOLS } from './samba';

export interface MachineInfo {
  readonly hostname: string;
  readonly cpuModel: string;
  readonly cpus: number;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly node: string;
  readonly samba: string;
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) return m[1].trim();
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown';
}

function sambaVersion(): string {
  try {
    return execFileSync(SAMBA_TOOLS.smbd, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'not installed';
  }
}

export function describeMachine(): MachineInfo {
  return {
    hostname: hostname(),
    cpuModel: cpuModel(),
    cpus: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    samba: sambaVersion(),
  };
}

/** The 1, 5 and 15 minute load averages, rounded: how busy the shared machine was. */
export function loadAverage(): readonly number[] {
  return loadavg().map((l) => Math.round(l * 100) / 100);
}
