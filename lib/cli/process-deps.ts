/**
 * The CliDeps of a real process, but the exit code (bin/ alone sets process.exitCode): stdout and
 * stderr, the environment, the terminal when there is one (a password prompt without echo,
 * progress lines), and `serve`'s V8 heap sizing (process-wide, so not for tests' processes).
 */
import { tuneHeapForServer } from '../host/server-heap';
import type { CliDeps } from './cli-deps';
import { createTerminalPasswordReader } from './password-prompt';

export function processDeps(): Omit<CliDeps, 'setExitCode'> {
  const readPassword = createTerminalPasswordReader(process.stdin, process.stderr);
  return {
    stdout: (s: string) => void process.stdout.write(s),
    stderr: (s: string) => void process.stderr.write(s),
    env: process.env,
    stderrIsTerminal: process.stderr.isTTY === true,
    tuneHeap: () => void tuneHeapForServer(),
    ...(readPassword && { readPassword }),
  };
}
