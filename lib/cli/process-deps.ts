/**
 * The CliDeps of a real process, but the exit code (bin/ alone sets process.exitCode): stdout and
 * stderr, the environment, and the terminal when there is one (a password prompt without echo,
 * progress lines).
 */
import type { CliDeps } from './cli-deps';
import { createTerminalPasswordReader } from './password-prompt';

export function processDeps(): Omit<CliDeps, 'setExitCode'> {
  const readPassword = createTerminalPasswordReader(process.stdin, process.stderr);
  return {
    stdout: (s: string) => void process.stdout.write(s),
    stderr: (s: string) => void process.stderr.write(s),
    env: process.env,
    stderrIsTerminal: process.stderr.isTTY === true,
    ...(readPassword && { readPassword }),
  };
}
