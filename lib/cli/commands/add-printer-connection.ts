/**
 * `addprinterconnection '\\NTPRINT\HpColor'` (also `pointprint addprinterconnection ...`):
 * AddPrinterConnection into a client root, with Samba-style `-U user%password`; `--default` makes
 * it the local user's default printer (a user's first connection becomes it anyway).
 * `deleteprinterconnection` undoes it; `--list` marks the local user's default with `*`.
 * The spooler's calls go as Windows 11 sends them by default: MS-PAR over TCP through the
 * server's endpoint mapper (`--rpc tcp`, `--rpc-port` as RpcTcpPort); `--rpc np` is
 * RpcUseNamedPipeProtocol (\pipe\spoolss), what a server without RPC over TCP (Samba) needs.
 */
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { addPrinterConnection, type AddPrinterConnectionResult } from '../../client/add-printer-connection';
import { deletePrinterConnection } from '../../client/delete-printer-connection';
import type { Logger } from '../../common/logger';
import { parseUnc } from '../../common/unc';
import { ModuleRegistry } from '../../point-and-print/module-registry';
import { DEFAULT_POINT_AND_PRINT_POLICY, type PointAndPrintPolicy } from '../../point-and-print/policy';
import type { CopyFilesPolicy } from '../../point-and-print/constants';
import { Environment, environmentDirectory } from '../../spoolss/constants';
import { DEFAULT_FIXTURE_DIR } from '../../spooler/fixture';
import { EXIT, type CliDeps } from '../cli-deps';
import { addCommonOptions, commandLogger, type CommonOptions } from '../common-options';
import { CliError } from '../failure';
import { FlowPrinter } from '../format-flow';
import { startInProcessServer, type ReachableServer } from '../in-process-server';
import { ClientState } from '../../client/client-state';
import { currentLocalUser, getDefaultPrinter } from '../../client/default-printer';
import { explainLogonFailure, resolveCredentials } from '../credentials';
import { withDownloadProgress } from '../download-progress';
import { addNetworkOptions, defaultClientRoot, resolveTarget, type NetworkOptions } from '../network-connector';
import { createRemoteConnector } from '../../client/providers/remote-connector';
import { addKerberosOptions, kerberosTicketSource, type KerberosCliOptions } from '../kerberos-options';
import { addRpcTransportOptions, rpcTransportOf, type RpcTransportOptions } from '../rpc-transport-options';

function parseEnvironment(value: string): string {
  const known = Object.values(Environment).find((e) => e.toLowerCase() === value.toLowerCase());
  if (!known || environmentDirectory(known) === undefined) {
    throw new InvalidArgumentError(`unknown environment; one of: ${Object.values(Environment).join(', ')}`);
  }
  return known;
}

/** `--max-download-size`: bytes, or with a K, M or G suffix (binary: 1K = 1024). */
export function parseByteSize(value: string): number {
  const m = /^(\d+)\s*([KMG]?)i?B?$/i.exec(value.trim());
  if (m?.[1] === undefined) throw new InvalidArgumentError('expected a size in bytes, e.g. 1048576, 512K, 200M or 2G');
  const scale = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[(m[2] ?? '').toUpperCase()] ?? 1;
  const bytes = Number(m[1]) * scale;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new InvalidArgumentError('expected a positive size');
  return bytes;
}

function parsePolicy(value: string): CopyFilesPolicy {
  if (value !== '0' && value !== '1' && value !== '2') throw new InvalidArgumentError('expected 0, 1 or 2');
  return Number(value) as CopyFilesPolicy;
}

interface AddOptions extends NetworkOptions, CommonOptions, KerberosCliOptions, RpcTransportOptions {
  clientRoot: string;
  environment: string;
  delete?: boolean;
  list?: boolean;
  default?: boolean;
  localUser: string;
  fixture?: string;
  copyFilesPolicy?: CopyFilesPolicy;
  standardUser?: boolean;
  modules?: string;
  maxDownloadSize?: number;
  json?: boolean;
  encrypt?: boolean;
}

/** Adds the arguments, options and action of addprinterconnection to `command`. */
export function configureAddPrinterConnection(command: Command, deps: CliDeps): Command {
  command
    .description('connect to a shared printer as a Windows client does (driver, printer keys, queue-specific files)')
    .argument('[printer]', "the printer's UNC name: '\\\\SERVER\\printer' (quoted) or //SERVER/printer")
    .option('--client-root <dir>', "the client's %SystemRoot% on disk", defaultClientRoot())
    .option('--environment <env>', "the client's environment", parseEnvironment, Environment.WINDOWS_X64);
  addNetworkOptions(command, { clientRoot: false });
  addRpcTransportOptions(command).option(
    '--encrypt',
    'require SMB 3.x encryption of the SMB2 traffic (PRINT$, and \\pipe\\spoolss with --rpc np); without it, only when the server asks',
  );
  addKerberosOptions(command);
  command
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
    .option(
      '--max-download-size <size>',
      'refuse a file larger than this (bytes, or 512K, 200M, 2G); default: "maxDownloadSize" of the client config, else 1G',
      parseByteSize,
    )
    .option('--json', 'print the result and every event as JSON');
  addCommonOptions(command, { logFile: true });
  return command
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        "  $ addprinterconnection '\\\\NTPRINT\\HpColor' --address 127.0.0.1:4455 -U alice --client-root ./client   # asks for the password",
        "  $ addprinterconnection '\\\\SAMBA\\HpColor' --rpc np -U alice   # a server with no RPC over TCP (Samba): named pipes",
        '  $ addprinterconnection //NTPRINT/HpColor -A ~/.smbcredentials --json',
        "  $ kinit alice && addprinterconnection '\\\\ntprint.example.com\\HpColor' --kerberos   # tickets for cifs/ and host/ntprint.example.com",
        "  $ addprinterconnection '\\\\NTPRINT\\HpColor' --fixture registry-fixtures/NTPRINT   # in process, no network",
        "  $ addprinterconnection '\\\\NTPRINT\\lab' --default   # and make it your default printer",
        '  $ addprinterconnection --list',
        "  $ addprinterconnection --delete '\\\\NTPRINT\\HpColor'",
      ].join('\n'),
    )
    .action(async (printer: string | undefined, opts: AddOptions) => {
      const clientRoot = path.resolve(opts.clientRoot);
      const logger = commandLogger(deps, opts);
      if (opts.list) {
        await listConnections(deps, clientRoot, opts.localUser, opts.json === true);
        return;
      }
      if (printer === undefined)
        throw new CliError(
          'no printer was named',
          "give its UNC name, quoted: addprinterconnection '\\\\SERVER\\printer' (or //SERVER/printer); --list shows the connections",
          EXIT.USAGE,
        );
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
      const server = await reachServer(deps, opts, unc.server, clientRoot, logger);
      const account = await resolveCredentials(opts, deps);
      try {
        const policy: PointAndPrintPolicy | undefined =
          opts.copyFilesPolicy !== undefined
            ? { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: opts.copyFilesPolicy }
            : undefined;
        const modules = opts.modules ? await ModuleRegistry.fromConfigFile(opts.modules, logger) : undefined;
        const printerOut = new FlowPrinter(deps.stdout);
        const verbose = (opts.verbose ?? 0) > 0;
        const result = await addPrinterConnection(printer, {
          clientRoot,
          connector: server.connector,
          environment: opts.environment,
          ...(account.credentials && { credentials: account.credentials }),
          isAdministrator: !opts.standardUser,
          ...(policy && { policy }),
          ...(modules && { modules }),
          ...(opts.maxDownloadSize !== undefined && { maxDownloadSize: opts.maxDownloadSize }),
          localUser: opts.localUser,
          setAsDefault: opts.default === true,
          logger,
          ...(verbose && !opts.json && { onEvent: (e) => printerOut.print(e) }),
        }).catch((err: unknown) => {
          throw explainLogonFailure(err, account, `\\\\${unc.server}`);
        });
        if (opts.json) deps.stdout(`${JSON.stringify(resultJson(result), null, 2)}\n`);
        else printSummary(deps, result, opts.quiet === true);
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
  // Resolve now, so that a name nobody knows fails before anything else happens.
  const address = await resolveTarget(serverName, { ...opts, clientRoot });
  logger.info('server address', { server: serverName, host: address.host, port: address.port, source: address.source });
  const kerberos = kerberosTicketSource(opts, deps.env);
  const remote = createRemoteConnector({
    address: { host: address.host, port: address.port },
    ...rpcTransportOf(opts),
    ...(kerberos && { kerberos }),
    ...(opts.encrypt === true && { smb2: { encryption: 'required' as const } }),
    logger,
  });
  const progress = deps.stderrIsTerminal === true && !opts.json && !opts.quiet;
  return { connector: progress ? withDownloadProgress(remote, deps.stderr) : remote, close: () => Promise.resolve() };
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

function printSummary(deps: CliDeps, result: AddPrinterConnectionResult, quiet: boolean): void {
  const c = result.connection;
  deps.stdout(`Connected to ${c.name} (driver "${c.driverName}", ${c.environment}).\n`);
  if (result.defaultChange)
    deps.stdout(`  ${c.name} is now the default printer of ${result.defaultChange.localUser}.\n`);
  for (const f of result.files) deps.stdout(`  wrote ${f}\n`);
  for (const cf of c.copyFiles)
    deps.stdout(`  ${cf.keyName}: ${cf.files.join(', ') || '(no file)'} -> ${cf.targetDir}\n`);
  if (!quiet) for (const w of result.warnings) deps.stderr(`warning: ${w}\n`);
}

export function registerAddPrinterConnectionCommand(program: Command, deps: CliDeps): void {
  configureAddPrinterConnection(program.command('addprinterconnection').alias('add-printer-connection'), deps);
  const del = program
    .command('deleteprinterconnection')
    .alias('delete-printer-connection')
    .description('remove a printer connection from a client root (DELETE events to the modules and the driver)')
    .argument('<printer>', "the printer's UNC name")
    .option('--client-root <dir>', "the client's %SystemRoot% on disk", defaultClientRoot())
    .addHelpText(
      'after',
      `\nExample:\n  $ pointprint deleteprinterconnection '\\\\NTPRINT\\HpColor' --client-root ./client`,
    );
  addCommonOptions(del, { logFile: true }).action(
    async (printer: string, opts: CommonOptions & { clientRoot: string }) => {
      const out = new FlowPrinter(deps.stdout);
      await deletePrinterConnection(printer, {
        clientRoot: path.resolve(opts.clientRoot),
        logger: commandLogger(deps, opts),
        onEvent: (e) => out.print(e),
      });
    },
  );
}
