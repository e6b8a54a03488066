/**
 * `addprinterconnection '\\NTPRINT\HpColor'` (also `pointprint addprinterconnection ...`):
 * AddPrinterConnection into a client root, with Samba-style `-U user%password`; `--default` makes
 * it the local user's default printer (a user's first connection becomes it anyway).
 * `deleteprinterconnection` undoes it; `--list` marks the local user's default with `*`.
 */
import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { addPrinterConnection, type AddPrinterConnectionResult } from '../../client/add-printer-connection';
import { deletePrinterConnection } from '../../client/delete-printer-connection';
import type { ClientCredentials } from '../../client/print-server-connection';
import { createLogger, type LogLevel, type Logger } from '../../common/logger';
import { parseUnc } from '../../common/unc';
import { ModuleRegistry } from '../../point-and-print/module-registry';
import { DEFAULT_POINT_AND_PRINT_POLICY, type PointAndPrintPolicy } from '../../point-and-print/policy';
import type { CopyFilesPolicy } from '../../point-and-print/constants';
import { Environment, environmentDirectory } from '../../spoolss/constants';
import { DEFAULT_FIXTURE_DIR } from '../../spooler/fixture';
import type { CliDeps } from '../cli-deps';
import { FlowPrinter } from '../format-flow';
import { startInProcessServer, type ReachableServer } from '../in-process-server';
import { ClientState } from '../../client/client-state';
import { currentLocalUser, getDefaultPrinter } from '../../client/default-printer';
import { createNetworkConnector } from '../network-connector';
import { resolveCredentials } from '../credentials';
import { withDownloadProgress } from '../download-progress';
import { resolveServerAddress } from '../server-address';

/** The client root when none is given: a per-user data directory, as XDG has it. */
export function defaultClientRoot(env: NodeJS.ProcessEnv = process.env): string {
  const data = env.XDG_DATA_HOME || path.join(env.HOME ?? os.homedir(), '.local', 'share');
  return path.join(data, 'pointprint', 'client');
}

/** `user%password`, `DOMAIN\user%password` or `DOMAIN/user%password`, as Samba's tools take -U. */
export function parseUserPassword(value: string): ClientCredentials {
  const pct = value.indexOf('%');
  if (pct <= 0) throw new InvalidArgumentError('expected user%password (as smbclient -U takes it)');
  const who = value.slice(0, pct);
  const password = value.slice(pct + 1);
  const sep = who.search(/[\\/]/);
  if (sep === -1) return { userName: who, password };
  const domain = who.slice(0, sep);
  const userName = who.slice(sep + 1);
  if (!domain || !userName) throw new InvalidArgumentError('expected DOMAIN\\user%password');
  return { userName, password, domain };
}

function parseEnvironment(value: string): string {
  const known = Object.values(Environment).find((e) => e.toLowerCase() === value.toLowerCase());
  if (!known || environmentDirectory(known) === undefined) {
    throw new InvalidArgumentError(`unknown environment; one of: ${Object.values(Environment).join(', ')}`);
  }
  return known;
}

function parsePolicy(value: string): CopyFilesPolicy {
  if (value !== '0' && value !== '1' && value !== '2') throw new InvalidArgumentError('expected 0, 1 or 2');
  return Number(value) as CopyFilesPolicy;
}

export function cliLogger(deps: CliDeps, verbose: number): Logger {
  const level: LogLevel = verbose >= 2 ? 'debug' : verbose === 1 ? 'info' : 'warn';
  return deps.createLogger ? deps.createLogger(level) : createLogger({ level });
}

interface AddOptions {
  clientRoot: string;
  environment: string;
  user?: ClientCredentials;
  authenticationFile?: string;
  address?: string;
  delete?: boolean;
  list?: boolean;
  default?: boolean;
  localUser: string;
  fixture?: string;
  copyFilesPolicy?: CopyFilesPolicy;
  standardUser?: boolean;
  modules?: string;
  json?: boolean;
  verbose: number;
}

/** Adds the arguments, options and action of addprinterconnection to `command`. */
export function configureAddPrinterConnection(command: Command, deps: CliDeps): Command {
  return command
    .description('connect to a shared printer as a Windows client does (driver, printer keys, queue-specific files)')
    .argument('[printer]', "the printer's UNC name: '\\\\SERVER\\printer' (quoted) or //SERVER/printer")
    .option('--client-root <dir>', "the client's %SystemRoot% on disk", defaultClientRoot())
    .option('--address <host[:port]>', 'where the server listens (else the hosts map in the client config, then DNS)')
    .option('--environment <env>', "the client's environment", parseEnvironment, Environment.WINDOWS_X64)
    .option('-U, --user <user%password>', 'the account to log on with (DOMAIN\\user%password)', parseUserPassword)
    .option('-A, --authentication-file <file>', 'read username, password and domain from a file, as smbclient -A does')
    .option('--fixture <dir>', 'serve the printer from this fixture folder in process instead of the network')
    .option('--delete', 'remove the connection instead (DeletePrinterConnection)')
    .option('--list', "list the client's printer connections (* marks the local user's default)")
    .option('--default', "make the connection the local user's default printer")
    .option(
      '--local-user <name>',
      "the client's local user, whose default printer --default sets (each has their own)",
      currentLocalUser(),
    )
    .option('--copy-files-policy <0|1|2>', 'CopyFilesPolicy (default 1: colour profiles only)', parsePolicy)
    .option(
      '--standard-user',
      'the local user is not an administrator (driver installation is then refused by default)',
    )
    .option('--modules <file>', "the client's Point-and-Print modules config (JSON); built-ins only by default")
    .option('--json', 'print the result and every event as JSON')
    .option('-v, --verbose', 'print every step and log more (repeat for debug)', (_v: string, n: number) => n + 1, 0)
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        "  $ addprinterconnection '\\\\NTPRINT\\HpColor' --address 127.0.0.1:4455 -U alice%Passw0rd! --client-root ./client",
        '  $ addprinterconnection //NTPRINT/HpColor -A ~/.smbcredentials --json',
        "  $ addprinterconnection '\\\\NTPRINT\\HpColor' --fixture registry-fixtures/NTPRINT   # in process, no network",
        "  $ addprinterconnection '\\\\NTPRINT\\lab' --default   # and make it your default printer",
        '  $ addprinterconnection --list',
        "  $ addprinterconnection --delete '\\\\NTPRINT\\HpColor'",
      ].join('\n'),
    )
    .action(async (printer: string | undefined, opts: AddOptions) => {
      const clientRoot = path.resolve(opts.clientRoot);
      const logger = cliLogger(deps, opts.verbose);
      if (opts.list) {
        await listConnections(deps, clientRoot, opts.localUser, opts.json === true);
        return;
      }
      if (printer === undefined) throw new InvalidArgumentError("missing the printer's UNC name");
      if (opts.delete) {
        const out = new FlowPrinter(deps.stdout);
        await deletePrinterConnection(printer, {
          clientRoot,
          logger,
          ...(!opts.json && { onEvent: (e) => out.print(e) }),
        });
        const now = getDefaultPrinter(await ClientState.load(clientRoot), opts.localUser)?.printer;
        if (!opts.json) deps.stdout(`Default printer of ${opts.localUser}: ${now ?? '(none)'}.\n`);
        return;
      }
      const unc = parseUnc(printer); // a mangled name fails here, before anything starts
      const credentials = await resolveCredentials({
        ...(opts.user && { user: opts.user }),
        ...(opts.authenticationFile !== undefined && { authFile: opts.authenticationFile }),
        env: process.env,
      });
      const server = await reachServer(deps, opts, unc.server, clientRoot, logger);
      try {
        const policy: PointAndPrintPolicy | undefined =
          opts.copyFilesPolicy !== undefined
            ? { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: opts.copyFilesPolicy }
            : undefined;
        const modules = opts.modules ? await ModuleRegistry.fromConfigFile(opts.modules, logger) : undefined;
        const printerOut = new FlowPrinter(deps.stdout);
        const result = await addPrinterConnection(printer, {
          clientRoot,
          connector: server.connector,
          environment: opts.environment,
          ...(credentials && { credentials }),
          isAdministrator: !opts.standardUser,
          ...(policy && { policy }),
          ...(modules && { modules }),
          localUser: opts.localUser,
          setAsDefault: opts.default === true,
          logger,
          ...(opts.verbose > 0 && !opts.json && { onEvent: (e) => printerOut.print(e) }),
        });
        if (opts.json) deps.stdout(`${JSON.stringify(resultJson(result), null, 2)}\n`);
        else printSummary(deps, result);
      } finally {
        await server.close();
      }
    });
}

/**
 * How the client reaches the server: injected (tests), a fixture in process (`--fixture`), or the
 * network — SMB2 to the address the name resolves to.
 */
async function reachServer(
  deps: CliDeps,
  opts: AddOptions,
  serverName: string,
  clientRoot: string,
  logger: Logger,
): Promise<Pick<ReachableServer, 'connector' | 'close'>> {
  if (deps.serverFactory) return deps.serverFactory({ fixtureDir: opts.fixture ?? DEFAULT_FIXTURE_DIR, logger });
  if (opts.fixture !== undefined) return startInProcessServer({ fixtureDir: opts.fixture, logger });
  const state = await ClientState.load(clientRoot);
  // Resolve now, so that a name nobody knows fails before anything else happens.
  const address = await resolveServerAddress(serverName, {
    ...(opts.address !== undefined && { address: opts.address }),
    ...(state.data.config.hosts && { hosts: state.data.config.hosts }),
    hostsFile: state.file,
  });
  const remote = createNetworkConnector({ address: `[${address.host}]:${address.port}`, logger });
  const connector = process.stdout.isTTY && !opts.json ? withDownloadProgress(remote, deps.stderr) : remote;
  return { connector, close: () => Promise.resolve() };
}

async function listConnections(deps: CliDeps, clientRoot: string, localUser: string, json: boolean): Promise<void> {
  const state = await ClientState.load(clientRoot);
  const connections = state.data.connections;
  const defaultPrinter = getDefaultPrinter(state, localUser)?.printer;
  if (json) {
    deps.stdout(
      `${JSON.stringify({ clientRoot, localUser, default: defaultPrinter ?? null, connections }, null, 2)}\n`,
    );
    return;
  }
  if (connections.length === 0) {
    deps.stdout(`No printer connections in ${clientRoot}.\n`);
    return;
  }
  // The mark goes last so the columns keep their place.
  for (const c of connections) {
    const mark = defaultPrinter !== undefined && c.name.toLowerCase() === defaultPrinter.toLowerCase() ? '\t*' : '';
    deps.stdout(`${c.name}\tdriver "${c.driverName}" (${c.environment})\tadded ${c.addedAt}${mark}\n`);
  }
  if (defaultPrinter !== undefined) deps.stdout(`* default printer of ${localUser}\n`);
}

function resultJson(result: AddPrinterConnectionResult): unknown {
  return {
    connection: result.connection,
    default: result.defaultPrinter ?? null,
    files: result.files,
    warnings: result.warnings,
    events: result.events,
  };
}

function printSummary(deps: CliDeps, result: AddPrinterConnectionResult): void {
  const c = result.connection;
  deps.stdout(`Connected to ${c.name} (driver "${c.driverName}", ${c.environment}).\n`);
  if (result.defaultChange)
    deps.stdout(`  ${c.name} is now the default printer of ${result.defaultChange.localUser}.\n`);
  for (const f of result.files) deps.stdout(`  wrote ${f}\n`);
  for (const cf of c.copyFiles)
    deps.stdout(`  ${cf.keyName}: ${cf.files.join(', ') || '(no file)'} -> ${cf.targetDir}\n`);
  for (const w of result.warnings) deps.stderr(`warning: ${w}\n`);
}

export function registerAddPrinterConnectionCommand(program: Command, deps: CliDeps): void {
  configureAddPrinterConnection(program.command('addprinterconnection').alias('add-printer-connection'), deps);
  program
    .command('deleteprinterconnection')
    .alias('delete-printer-connection')
    .description('remove a printer connection from a client root (DELETE events to the modules and the driver)')
    .argument('<printer>', "the printer's UNC name")
    .option('--client-root <dir>', "the client's %SystemRoot% on disk", defaultClientRoot())
    .option('-v, --verbose', 'log more', (_v: string, n: number) => n + 1, 0)
    .addHelpText(
      'after',
      `\nExample:\n  $ pointprint deleteprinterconnection '\\\\NTPRINT\\HpColor' --client-root ./client`,
    )
    .action(async (printer: string, opts: { clientRoot: string; verbose: number }) => {
      const out = new FlowPrinter(deps.stdout);
      await deletePrinterConnection(printer, {
        clientRoot: path.resolve(opts.clientRoot),
        logger: cliLogger(deps, opts.verbose),
        onEvent: (e) => out.print(e),
      });
    });
}
