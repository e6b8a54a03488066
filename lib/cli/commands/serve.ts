/**
 * `pointprint serve`: a print server on the wire from a fixture folder, until SIGINT/SIGTERM.
 * Prints one line `listening on <address>:<port>` when ready (scripts and tests wait for it),
 * then where its state is. Without --state the state is a temporary directory (tmp), so the
 * server still spools and prints and `pointprint status --state <it>` works; it is removed when
 * the server stops.
 */
import { InvalidArgumentError, type Command } from 'commander';
import tmp from 'tmp';
import type { UserAccount } from '../../common/identity';
import type { LogLevel, Logger } from '../../common/logger';
import { PrintServerHost } from '../../host/print-server-host';
import { addCommonOptions, commandLogger, type CommonOptions } from '../common-options';
import { parsePort } from '../network-connector';

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

interface ServeOptions extends CommonOptions {
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
  maxConnections?: number;
}

/** A whole number of connections, at least 1. */
function parseConnectionLimit(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError('expected a whole number of connections, at least 1');
  return n;
}

export function registerServeCommand(program: Command, deps: ServeDeps): void {
  const command = program
    .command('serve')
    .description('run a print server (SMB2, \\pipe\\spoolss, PRINT$) from a fixture folder')
    .option('--fixture <dir>', 'fixture folder (server.json + registry); default: the NTPRINT fixture')
    .option('-p, --port <port>', 'TCP port (0 picks a free one)', (v) => parsePort(v, true), 445)
    .option('--address <address>', 'bind address', '0.0.0.0')
    .option('--drivers <dir>', 'another PRINT$ tree instead of the fixture one')
    .option(
      '--user <name:password[:groups]>',
      'add an account (repeatable); group Administrators makes an administrator',
      parseUserOption,
    )
    .option(
      '--state <dir>',
      'where the server keeps spooled jobs, printed output and its control socket (default: a temporary directory, removed on exit)',
    )
    .option('--modules <file>', 'Point-and-Print modules config (JSON) for the server spooler')
    .option('--allow-ntlmv1', 'accept NTLMv1 logons (needed by @marsaud/smb2)')
    .option('--allow-guest', 'accept guest logons')
    .option('--signing-required', 'require SMB2 signing from every client')
    .option(
      '--max-connections <n>',
      'SMB2 connections held at once; a quarter of them are served per address before logon, the rest wait (default 1024)',
      parseConnectionLimit,
    )
    .addHelpText('after', `\nExample:\n  $ pointprint serve --port 4455 --address 127.0.0.1 --user bob:Secret1:Users`);
  addCommonOptions(command, { logFile: true }).action(async (opts: ServeOptions) => {
    const logger = commandLogger(deps, opts);
    const temporary =
      opts.state === undefined ? tmp.dirSync({ prefix: 'pointprint-state-', unsafeCleanup: true }) : undefined;
    const stateDir = opts.state ?? temporary?.name ?? '';
    try {
      await serve(opts, stateDir, temporary !== undefined, deps, logger);
    } finally {
      temporary?.removeCallback();
    }
  });
}

async function serve(
  opts: ServeOptions,
  stateDir: string,
  temporary: boolean,
  deps: ServeDeps,
  logger: Logger,
): Promise<void> {
  const host = await PrintServerHost.create({
    ...(opts.fixture !== undefined && { fixtureDir: opts.fixture }),
    ...(opts.drivers !== undefined && { driversDir: opts.drivers }),
    ...(opts.user !== undefined && { users: opts.user }),
    stateDir,
    ...(opts.modules !== undefined && { modulesConfig: opts.modules }),
    ...(opts.maxConnections !== undefined && { maxConnections: opts.maxConnections }),
    settings: {
      ...(opts.allowNtlmv1 && { allowNtlmV1: true }),
      ...(opts.allowGuest && { allowGuest: true }),
      ...(opts.signingRequired && { signingRequired: true }),
    },
    logger,
  });
  let listening: { address: string; port: number };
  try {
    listening = await host.listen(opts.port, opts.address);
  } catch (err) {
    await host.close();
    throw err;
  }
  const { address, port } = listening;
  deps.stdout(`listening on ${address}:${port}\n`);
  deps.stdout(
    temporary
      ? `state in ${stateDir} (temporary, removed when the server stops; keep one with --state DIR): pointprint status --state ${stateDir}\n`
      : `state in ${stateDir}: pointprint status --state ${stateDir}\n`,
  );
  logger.info('print server ready', { component: 'serve', server: host.settings.serverName, address, port, stateDir });
  await (deps.untilStopped ?? defaultUntilStopped)();
  await host.close();
  logger.info('print server stopped', { component: 'serve' });
}
