/** Runs a commander program of ours in process and captures what a terminal would show. */
import type { Command } from 'commander';
import type { CliDeps } from '../../lib/cli/cli-deps';
import { runProgram } from '../../lib/cli/program';
import { createSilentLogger } from '../../lib/common/logger';

export interface CliRun {
  out: string;
  err: string;
  /** The exit code bin/ would set (0 when the command set none). */
  code: number;
}

export async function runCli(build: (deps: CliDeps) => Command, argv: string[]): Promise<CliRun> {
  const r: CliRun = { out: '', err: '', code: 0 };
  const deps: CliDeps = {
    stdout: (s) => void (r.out += s),
    stderr: (s) => void (r.err += s),
    setExitCode: (c) => void (r.code = c),
    createLogger: () => createSilentLogger(),
  };
  await runProgram(build(deps), argv, deps);
  return r;
}
