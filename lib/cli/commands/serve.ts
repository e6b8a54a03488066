/**
 * `pointprint serve`: a print server on the wire from a fixture folder, until SIGINT/SIGTERM.
 * Prints one line `listening on <address>:<port>` when ready (scripts and tests wait for it).
 */
import * as path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { UserAccount } from '../../common/identity';
import { createLogger, type LogLevel, type Logger } from '../../common/logger';
import { PrintServerHost } from '../../host/print-server-host';

export interface ServeDeps {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly setExitCode: (code: number) => void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); tests pass their own. */
  readonly untilStopped?: () => Promise<void>;
  readonly createLogger?: (level: LogLevel, file?: string) => Logger;
}

/** `NAME:PASSWORD[:GROUP,...]`, as `--user` takes it. */
export function parseUserOption(value: string, previous: UserAccount[] = []): UserAccount[] {
  const first = value.indexOf(':');
  if (first <= 0) throw new InvalidArgumentError('expected NAME:PASSWORD[:GROUP,...]');
  const name = value.slice(0, first);
  const rest = value.slice(first + 1);
  // Passwords may contain ':'; groups follow the last ':' only when they look like group names.
  const last = rest.lastIndexOf(':');
  const groupsText = last >= 0 ? rest.slice(last + 1) : '';
  const hasGroups = last >= 0 && /^[A-Za-z][\w -]*(,[A-Za-z][\w -]*)*$/.test(groupsText);
  const password = hasGroups ? rest.slice(0, last) : rest;
  const groups = hasGroups ? groupsText.split(',').map((g) => g.trim()) : ['Users'];
  return [...previous, { name, password, groups }];
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number 0-65535');
  return n;
}

function defaultUntilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

interface ServeOptions {
  fixture?: string;
  port: number;
  address: string;
  drivers?: string;
  user?: UserAccount[];
  state?: string;
  modules?: string;
  allowNtlmv1?: boolean;
  allowGuest?: boolean;
  signingRequired?: boolean;
  keytab?: string;
  verbose: number;
  logFile?: string;
}

export function registerServeCommand(program: Command, deps: ServeDeps): void {
  program
    .command('serve')
    .description('run a print server (SMB2, \\pipe\\spoolss, PRINT$) from a fixture folder')
    .option('--fixture <dir>', 'fixture folder (server.json + registry); default: the NTPRINT fixture')
    .option('-p, --port <port>', 'TCP port (0 picks a free one)', parsePort, 445)
    .option('--address <address>', 'bind address', '0.0.0.0')
    .option('--drivers <dir>', 'another PRINT$ tree instead of the fixture one')
    .option(
      '--user <name:password[:groups]>',
      'add an account (repeatable); group Administrators makes an administrator',
      parseUserOption,
    )
    .option('--state <dir>', 'where the server keeps what it must not lose (spooled jobs)')
    .option('--modules <file>', 'Point-and-Print modules config (JSON) for the server spooler')
    .option('--allow-ntlmv1', 'accept NTLMv1 logons (needed by @marsaud/smb2)')
    .option('--allow-guest', 'accept guest logons')
    .option('--signing-required', 'require SMB2 signing from every client')
    .option('--keytab <file>', 'service keytab (cifs/<host>, host/<host>): SPNEGO offers Kerberos beside NTLM')
    .option('-v, --verbose', 'more log output (repeat for debug)', (_v: string, n: number) => n + 1, 0)
    .option('--log-file <file>', 'also write JSON logs to this file')
    .addHelpText('after', `\nExample:\n  $ pointprint serve --port 4455 --address 127.0.0.1 --user bob:Secret1:Users`)
    .action(async (opts: ServeOptions) => {
      const level: LogLevel = opts.verbose >= 2 ? 'debug' : opts.verbose === 1 ? 'info' : 'warn';
      const logger = deps.createLogger
        ? deps.createLogger(level, opts.logFile)
        : createLogger({ level, ...(opts.logFile !== undefined && { file: opts.logFile }) });
      const host = await PrintServerHost.create({
        ...(opts.fixture !== undefined && { fixtureDir: opts.fixture }),
        ...(opts.drivers !== undefined && { driversDir: opts.drivers }),
        ...(opts.user !== undefined && { users: opts.user }),
        ...(opts.state !== undefined && { stateDir: opts.state }),
        ...(opts.modules !== undefined && { modulesConfig: opts.modules }),
        settings: {
          ...(opts.allowNtlmv1 && { allowNtlmV1: true }),
          ...(opts.allowGuest && { allowGuest: true }),
          ...(opts.signingRequired && { signingRequired: true }),
          ...(opts.keytab !== undefined && { keytab: path.resolve(opts.keytab) }),
        },
        logger,
      });
      const { address, port } = await host.listen(opts.port, opts.address);
      deps.stdout(`listening on ${address}:${port}\n`);
      logger.info('print server ready', { component: 'serve', server: host.settings.serverName, address, port });
      await (deps.untilStopped ?? defaultUntilStopped)();
      await host.close();
      logger.info('print server stopped', { component: 'serve' });
    });
}
