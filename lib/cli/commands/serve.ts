/**
 * `pointprint serve`: a print server on the wire from a fixture folder, until SIGINT/SIGTERM.
 * Prints one line `listening on <address>:<port>` when ready (scripts and tests wait for it),
 * then where DCE/RPC over TCP and the endpoint mapper listen, then where its state is. Without --state the state is a temporary directory (tmp), so the
 * server still spools and prints and `pointprint status --state <it>` works; it is removed when
 * the server stops. `--http-port` adds the live web view (lib/web), on loopback by default, and
 * prints `web view on <url>` after the listening line.
 *
 * Stopping: the first SIGINT/SIGTERM closes the server (PrintServerHost.close: about a second at
 * most, whatever the clients do); a second one while it closes stops the process at once. A
 * state folder that cannot be written, or that another server uses, stops the start with a
 * message naming the folder and the reason.
 */
import * as path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import tmp from 'tmp';
import type { UserAccount } from '../../common/identity';
import type { LogLevel, Logger } from '../../common/logger';
import { PrintServerHost } from '../../host/print-server-host';
import { AUTH_LEVEL_NAMES } from '../../rpc/server/auth-policy';
import { StateFolderError } from '../../host/state-folder';
import { EXIT } from '../cli-deps';
import { addCommonOptions, commandLogger, type CommonOptions } from '../common-options';
import { CliError } from '../failure';
import { parsePort } from '../network-connector';

export interface ServeDeps {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly setExitCode: (code: number) => void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); tests pass their own. */
  readonly untilStopped?: () => Promise<void>;
  readonly createLogger?: (level: LogLevel, file?: string) => Logger;
  /** Sizes the process's V8 heap for many connections (bin/: tuneHeapForServer); tests leave theirs. */
  readonly tuneHeap?: () => void;
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

/**
 * Resolves at the first SIGINT/SIGTERM. The handlers stay: a second signal (the server is slow to
 * close) is not ignored but ends the process at once: `stopNow`, by default the signal again
 * without a handler (its default action).
 */
export function untilStopSignal(
  logger: Logger,
  stderr: (s: string) => void,
  stopNow: (signal: NodeJS.Signals) => void = (signal) => process.kill(process.pid, signal),
): Promise<void> {
  return new Promise((resolve) => {
    let received = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (!received) {
        received = true;
        logger.info(`${signal}: stopping (send it again to stop at once)`, { component: 'serve' });
        resolve();
        return;
      }
      // Written at once: the process ends before a logger would flush.
      stderr(`pointprint serve: ${signal} again: stopping at once\n`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      stopNow(signal);
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
  keytab?: string;
  httpPort?: number;
  httpAddress: string;
  rpcPort: number;
  epmPort?: number | false;
  pipeAuthLevel?: number;
  maxConnections?: number;
  backlog?: number;
}

/** `--epm-port`: a port, or `off`. */
function parseEpmPort(value: string): number | false {
  return value.toLowerCase() === 'off' ? false : parsePort(value, true);
}

function parseAuthLevel(value: string): number {
  const level = AUTH_LEVEL_NAMES[value.toLowerCase()];
  if (level === undefined) throw new InvalidArgumentError(`one of: ${Object.keys(AUTH_LEVEL_NAMES).join(', ')}`);
  return level;
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
    .option('--keytab <file>', 'service keytab (cifs/<host>, host/<host>): Kerberos beside NTLM on SMB2 and DCE/RPC')
    .option(
      '--http-port <port>',
      "serve the live web view on this port (0 picks a free one); off by default; the server's accounts sign in",
      (v) => parsePort(v, true),
    )
    .option(
      '--http-address <address>',
      'bind address of the web view (HTTP Basic sends passwords in clear: keep it on loopback)',
      '127.0.0.1',
    )
    .option(
      '--rpc-port <port>',
      'DCE/RPC over TCP for MS-PAR and MS-RPRN, as Windows 11 connects (0 picks a free one)',
      (v) => parsePort(v, true),
      0,
    )
    .option(
      '--epm-port <port|off>',
      'the endpoint mapper (default: 135 when this process may bind it, else off with a log line)',
      parseEpmPort,
    )
    .option(
      '--pipe-auth-level <none|connect|integrity|privacy>',
      'least DCE/RPC auth level on \\pipe\\spoolss (default none: unauthenticated binds, as Windows)',
      parseAuthLevel,
    )
    .option(
      '--max-connections <n>',
      'SMB2 connections held at once; a quarter of them are served per address before logon, the rest wait (default 1024)',
      parseConnectionLimit,
    )
    .option(
      '--backlog <n>',
      "SMB2's listen backlog: connections the kernel holds until the server accepts them (default 4096, capped by net.core.somaxconn)",
      parseConnectionLimit,
    )
    .addHelpText(
      'after',
      `\nExamples:\n  $ pointprint serve --port 4455 --address 127.0.0.1 --user bob:Secret1:Users\n` +
        `  $ pointprint serve --port 4455 --address 127.0.0.1 --http-port 8631   # then open http://127.0.0.1:8631/\n` +
        `  $ pointprint serve --port 4455 --address 127.0.0.7 --rpc-port 49670 --epm-port 135   # as root: Windows 11's default path`,
    );
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
  // Listening for the signals before anything starts: a SIGTERM right after the "listening on"
  // line must find the handler (without one, the signal's default action kills the process).
  const stopped = (deps.untilStopped ?? (() => untilStopSignal(logger, deps.stderr)))();
  deps.tuneHeap?.();
  const host = await PrintServerHost.create({
    ...(opts.fixture !== undefined && { fixtureDir: opts.fixture }),
    ...(opts.drivers !== undefined && { driversDir: opts.drivers }),
    ...(opts.user !== undefined && { users: opts.user }),
    stateDir,
    ...(opts.modules !== undefined && { modulesConfig: opts.modules }),
    ...(opts.maxConnections !== undefined && { maxConnections: opts.maxConnections }),
    ...(opts.backlog !== undefined && { listenBacklog: opts.backlog }),
    settings: {
      ...(opts.allowNtlmv1 && { allowNtlmV1: true }),
      ...(opts.allowGuest && { allowGuest: true }),
      ...(opts.signingRequired && { signingRequired: true }),
      ...(opts.keytab !== undefined && { keytab: path.resolve(opts.keytab) }),
    },
    rpc: {
      port: opts.rpcPort,
      epmPort: opts.epmPort ?? 'auto',
      ...(opts.pipeAuthLevel !== undefined && { pipeMinAuthLevel: opts.pipeAuthLevel }),
    },
    logger,
  }).catch((err: unknown) => {
    if (err instanceof StateFolderError)
      throw new CliError(err.message, err.hint, EXIT.FAILURE, { cause: err, code: err.code });
    throw err;
  });
  let listening: { address: string; port: number };
  let web: { url: string } | undefined;
  try {
    listening = await host.listen(opts.port, opts.address);
    if (opts.httpPort !== undefined) web = await host.startWebView(opts.httpPort, opts.httpAddress);
  } catch (err) {
    await host.close();
    throw err;
  }
  const { address, port } = listening;
  deps.stdout(`listening on ${address}:${port}\n`);
  if (web) deps.stdout(`web view on ${web.url}\n`);
  const rpc = host.rpcEndpoint;
  const epm = host.epmEndpoint;
  if (rpc !== undefined)
    deps.stdout(
      `RPC over TCP (MS-PAR, MS-RPRN) on ${rpc.address}:${rpc.port}; endpoint mapper ${epm !== undefined ? `on ${epm.address}:${epm.port}` : 'off'}\n`,
    );
  deps.stdout(
    temporary
      ? `state in ${stateDir} (temporary, removed when the server stops; keep one with --state DIR): pointprint status --state ${stateDir}\n`
      : `state in ${stateDir}: pointprint status --state ${stateDir}\n`,
  );
  logger.info('print server ready', {
    component: 'serve',
    server: host.settings.serverName,
    address,
    port,
    rpcPort: rpc?.port,
    epmPort: epm?.port,
    stateDir,
  });
  await stopped;
  await host.close();
  logger.info('print server stopped', { component: 'serve' });
}
