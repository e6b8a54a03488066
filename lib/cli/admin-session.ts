/**
 * What the print administration commands share (printer add|delete, form add|delete|list,
 * driver delete): the network options of every network command, `--rpc` as addprinterconnection
 * takes it, `--json`; a connection to the server for the command's calls; a handle opened for
 * them and closed after, whatever happens.
 */
import type { Command } from 'commander';
import type { Logger } from '../common/logger';
import type { PrintServerConnection } from '../client/print-server-connection';
import type { PrintProvider } from '../spoolss/print-provider';
import type { PrinterHandle } from '../spoolss/types';
import type { CliDeps } from './cli-deps';
import { addCommonOptions, commandLogger, type CommonOptions } from './common-options';
import { explainAdminFailure } from './admin-failure';
import { addNetworkOptions, withServer, type NetworkOptions } from './network-connector';
import { addRpcTransportOptions, rpcTransportOf, type RpcTransportOptions } from './rpc-transport-options';
import { WIRE_CALLER, clientInfo } from './wire-client';

export interface AdminOptions extends NetworkOptions, CommonOptions, RpcTransportOptions {
  json?: boolean;
}

export function addAdminOptions(command: Command): Command {
  addNetworkOptions(command, {
    clientRoot: true,
    userHelp: 'an administrator of the server to log on as (without %password: PASSWD, else asked)',
  });
  addRpcTransportOptions(command);
  command.option('--json', 'machine-readable output (errors too)');
  return addCommonOptions(command, { logFile: true });
}

export interface AdminSession {
  readonly provider: PrintProvider;
  /** `\\SERVER` as the user wrote it. */
  readonly serverUnc: string;
  readonly userName: string;
  readonly logger: Logger;
  /** The server's shares (PRINT$ for driver files). */
  readonly files: PrintServerConnection['files'];
}

/** Connects to `server` over the transport `--rpc` names, runs `body`, disconnects. */
export function withAdminSession<T>(
  server: string,
  opts: AdminOptions,
  deps: CliDeps,
  body: (session: AdminSession) => Promise<T>,
): Promise<T> {
  const logger = commandLogger(deps, opts);
  return withServer(
    server,
    opts,
    deps,
    logger,
    (connection, userName) =>
      body({ provider: connection.provider, files: connection.files, serverUnc: `\\\\${server}`, userName, logger }),
    rpcTransportOf(opts),
  );
}

/**
 * OpenPrinterEx of `name` (`\\SERVER` or `\\SERVER\printer`) for `desiredAccess`, `body`,
 * ClosePrinter. A refused open is said for `what` with the command's `hints`.
 */
export async function withHandle<T>(
  session: AdminSession,
  name: string,
  desiredAccess: number,
  opening: { what: string; hints?: Readonly<Partial<Record<number, string>>> },
  body: (handle: PrinterHandle) => Promise<T>,
): Promise<T> {
  const { provider } = session;
  const handle = await provider
    .openPrinter(name, { desiredAccess, clientInfo: clientInfo(session.userName) }, WIRE_CALLER)
    .catch((err: unknown) => {
      throw explainAdminFailure(err, opening.what, opening.hints);
    });
  try {
    return await body(handle);
  } finally {
    await provider
      .closePrinter(handle)
      .catch((err: unknown) => session.logger.debug('ClosePrinter failed', { error: String(err) }));
  }
}

export function printJson(deps: Pick<CliDeps, 'stdout'>, value: unknown): void {
  deps.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
