/**
 * How every network command (addprinterconnection, print, validate \\SERVER\printer, printers,
 * jobs, cancel, pause, resume) finds a server and logs on, one way for all:
 *   the name resolves through --address host[:port], then the hosts map of the client's
 *   pointprint-client.json (--client-root), then DNS on port 445; -p/--port overrides the port;
 *   the account comes from -U/-N/-A or the environment (credentials.ts).
 * The remote connector then speaks SMB2 and MS-RPRN to that address under the name the user wrote.
 */
import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ClientState } from '../client/client-state';
import type { PrintServerConnection, PrintServerConnector } from '../client/print-server-connection';
import { createRemoteConnector, type RemoteConnectorOptions } from '../client/providers/remote-connector';
import type { Logger } from '../common/logger';
import type { CliDeps } from './cli-deps';
import {
  addCredentialOptions,
  explainLogonFailure,
  resolveCredentials,
  type CredentialOptions,
  type ResolvedCredentials,
} from './credentials';
import { resolveServerAddress, type ServerAddress } from './server-address';

export interface NetworkOptions extends CredentialOptions {
  /** `host[:port]` from `--address`. */
  address?: string;
  /** `-p/--port`: overrides the port resolved. */
  port?: number;
  clientRoot?: string;
}

/** The client root when none is given: a per-user data directory, as XDG has it. */
export function defaultClientRoot(env: NodeJS.ProcessEnv = process.env): string {
  const data = env.XDG_DATA_HOME || path.join(env.HOME ?? os.homedir(), '.local', 'share');
  return path.join(data, 'pointprint', 'client');
}

/** A TCP port, 1-65535 (0 where a listener may pick one). */
export function parsePort(value: string, allowZero = false): number {
  const n = Number(value);
  const min = allowZero ? 0 : 1;
  if (!/^\d+$/.test(value.trim()) || n < min || n > 65535)
    throw new InvalidArgumentError(`expected a port number ${min}-65535`);
  return n;
}

/** --address, -p/--port, --client-root (unless the command has its own) and the credential options. */
export function addNetworkOptions(command: Command, options: { clientRoot: boolean; userHelp?: string }): Command {
  command
    .option('--address <host[:port]>', 'where the server listens (else the hosts map of the client config, then DNS)')
    .option('-p, --port <port>', 'the SMB2 port (default: the one --address or the hosts map gives, else 445)', (v) =>
      parsePort(v),
    );
  if (options.clientRoot)
    // No commander default: the option is passed on only when given (validate's connectorFor).
    command.option(
      '--client-root <dir>',
      `the client's %SystemRoot%, whose pointprint-client.json may map server names to addresses (default: ${defaultClientRoot()})`,
    );
  return addCredentialOptions(command, {
    userHelp: options.userHelp ?? 'the account to log on with (without %password: PASSWD, else asked)',
    authenticationFile: true,
  });
}

/** Where `serverName` listens, as the options and the client config say. */
export async function resolveTarget(serverName: string, opts: NetworkOptions): Promise<ServerAddress> {
  const state = await ClientState.load(path.resolve(opts.clientRoot ?? defaultClientRoot()));
  const found = await resolveServerAddress(serverName, {
    ...(opts.address !== undefined && { address: opts.address }),
    ...(state.data.config.hosts && { hosts: state.data.config.hosts }),
    hostsFile: state.file,
  });
  return opts.port !== undefined ? { ...found, port: opts.port } : found;
}

export interface NetworkConnectorOptions {
  /** `host[:port]` from `--address`. */
  readonly address?: string;
  /** A port that overrides the one resolved (`--port`). */
  readonly port?: number;
  readonly clientRoot?: string;
  readonly logger?: Logger;
}

/** A connector that resolves the name when it connects (validate's live inputs). */
export function createNetworkConnector(options: NetworkConnectorOptions): PrintServerConnector {
  return async (serverName, connectOptions) => {
    const found = await resolveTarget(serverName, {
      ...(options.address !== undefined && { address: options.address }),
      ...(options.port !== undefined && { port: options.port }),
      ...(options.clientRoot !== undefined && { clientRoot: options.clientRoot }),
    });
    options.logger?.info('server address', {
      server: serverName,
      host: found.host,
      port: found.port,
      source: found.source,
    });
    const remote = createRemoteConnector({
      address: { host: found.host, port: found.port },
      ...(options.logger !== undefined && { logger: options.logger }),
    });
    return remote(serverName, connectOptions);
  };
}

export interface OpenedServer {
  readonly connection: PrintServerConnection;
  readonly credentials: ResolvedCredentials;
}

/**
 * Resolves the name and the account, then connects: what printers, jobs, cancel, pause and
 * resume do first. A refused guest logon says that no credentials were given.
 */
export async function connectToServer(
  serverName: string,
  opts: NetworkOptions,
  deps: Pick<CliDeps, 'readPassword' | 'env'>,
  logger: Logger,
  /** How the spooler's calls travel (--rpc); \pipe\spoolss when absent. */
  transport: Pick<RemoteConnectorOptions, 'rpcTransport' | 'rpcPort' | 'epmPort'> = {},
): Promise<OpenedServer> {
  const found = await resolveTarget(serverName, opts);
  const credentials = await resolveCredentials(opts, deps);
  logger.info('server address', { server: serverName, host: found.host, port: found.port, source: found.source });
  const connect = createRemoteConnector({ ...transport, address: { host: found.host, port: found.port }, logger });
  try {
    const connection = await connect(serverName, {
      ...(credentials.credentials && { credentials: credentials.credentials }),
      logger,
    });
    return { connection, credentials };
  } catch (err) {
    throw explainLogonFailure(err, credentials, `\\\\${serverName}`);
  }
}

/** Connects, runs `body` with the connection and the account's name, closes whatever happens. */
export async function withServer<T>(
  serverName: string,
  opts: NetworkOptions,
  deps: Pick<CliDeps, 'readPassword' | 'env'>,
  logger: Logger,
  body: (connection: PrintServerConnection, userName: string) => Promise<T>,
  transport: Pick<RemoteConnectorOptions, 'rpcTransport' | 'rpcPort' | 'epmPort'> = {},
): Promise<T> {
  const { connection, credentials } = await connectToServer(serverName, opts, deps, logger, transport);
  try {
    return await body(connection, credentials.credentials?.userName ?? 'Guest');
  } finally {
    await connection.close().catch((err: unknown) => logger.debug('close failed', { error: String(err) }));
  }
}
