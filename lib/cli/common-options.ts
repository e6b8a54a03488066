/**
 * The options every command has: how much it logs (`--log-level`, `-v`, `--quiet`) and, where a
 * command runs long or talks to a server, where the log also goes (`--log-file`, JSON lines).
 * Logs go to stderr through winston; stdout stays the command's output.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { createLogger, type LogLevel, type Logger } from '../common/logger';
import type { CliDeps } from './cli-deps';

export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug', 'silly'];

export interface CommonOptions {
  logLevel?: LogLevel;
  quiet?: boolean;
  verbose?: number;
  logFile?: string;
}

function parseLogLevel(value: string): LogLevel {
  const level = LOG_LEVELS.find((l) => l === value.toLowerCase());
  if (level === undefined) throw new InvalidArgumentError(`expected one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

/** Adds `--log-level`, `-v`, `-q/--quiet` and, with `logFile`, `--log-file` to `command`. */
export function addCommonOptions(command: Command, options: { logFile: boolean }): Command {
  command
    .addOption(
      new Option('--log-level <level>', `how much to log on stderr: ${LOG_LEVELS.join(', ')} (default warn)`).argParser(
        parseLogLevel,
      ),
    )
    .option('-v, --verbose', 'log more: -v info, -vv debug', (_v: string, n: number) => n + 1, 0)
    .option('-q, --quiet', 'print only the result and errors: no progress, no warnings');
  if (options.logFile) command.option('--log-file <file>', 'also write the log to this file (JSON lines)');
  return command;
}

/** `--log-level` wins, then `--quiet` (errors only), then `-v` (info, debug); warn by default. */
export function logLevelOf(opts: CommonOptions): LogLevel {
  if (opts.logLevel !== undefined) return opts.logLevel;
  if (opts.quiet) return 'error';
  const v = opts.verbose ?? 0;
  return v >= 2 ? 'debug' : v === 1 ? 'info' : 'warn';
}

export function commandLogger(deps: Pick<CliDeps, 'createLogger'>, opts: CommonOptions): Logger {
  const level = logLevelOf(opts);
  if (deps.createLogger) return deps.createLogger(level, opts.logFile);
  return createLogger({ level, ...(opts.logFile !== undefined && { file: opts.logFile }) });
}
