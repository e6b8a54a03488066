/**
 * What the CLI gets from outside (bin/ in production, tests otherwise): output sinks, the exit
 * code setter (only bin/ touches process.exitCode), loggers, and how to reach a print server.
 */
import type { LogLevel, Logger } from '../common/logger';
import type { ServerFactory } from './in-process-server';

export interface CliDeps {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly setExitCode: (code: number) => void;
  /** Loggers write to stderr by default; tests pass silent ones. */
  readonly createLogger?: (level: LogLevel, file?: string) => Logger;
  /** For `serve`: resolves when the process is asked to stop. */
  readonly untilStopped?: () => Promise<void>;
  /** For `serve`: sizes the process's V8 heap for many connections (lib/host/server-heap.ts); bin/ only. */
  readonly tuneHeap?: () => void;
  /** How `addprinterconnection` reaches a server; in process from a fixture by default. */
  readonly serverFactory?: ServerFactory;
  /** How `demo` starts and reaches its NTPRINT server; `serverFactory` by default. */
  readonly demoServerFactory?: ServerFactory;
  /**
   * Asks for a password without echo (`-U user` with none); absent when there is no terminal to
   * ask on. bin/ passes the terminal's (password-prompt.ts).
   */
  readonly readPassword?: (prompt: string) => Promise<string>;
  /** The environment credentials are read from (USER, PASSWD); process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal, where progress lines go; false by default. */
  readonly stderrIsTerminal?: boolean;
}

/** 0 ok, 1 failure, 2 usage or input error. */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2 } as const;
