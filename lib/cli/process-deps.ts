/**
 * The CliDeps of a real process, for bin/: stdout and stderr, the exit code, the environment,
 * and the terminal (a password prompt without echo, progress lines) when there is one.
 */
import type { CliDeps } from './cli-deps';
import { createTerminalPasswordReader } from './password-prompt';

export function processDeps(): CliDeps {
  const readPassword = createTerminalPasswordReader(process.stdin, process.stderr);
  return {
    stdout: (s: string) => void process.stdout.write(s),
    stderr: (s: string) => void process.stderr.write(s),
    setExitCode: (c: number) => void (process.exitCode = c),
    env: process.env,
    stderrIsTerminal: process.stderr.isTTY === true,
    ...(readPassword && { readPassword }),
  };
}
