/**
 * Fixture print servers for other projects' tests: a real SMB2 server on 127.0.0.1, port 0,
 * in process, with its own temporary state that close() removes; beside it DCE/RPC over TCP
 * (MS-PAR, MS-RPRN) on `rpcPort` and an endpoint mapper on `epmPort`, both free ports (a Windows
 * 11 client reaches the mapper on 135: give `epmPort: 135` on an address of your own, as root).
 *
 *   const server = await startFixtureServer({ users: [{ name: 'bob', password: 'pw', groups: ['Users'] }] });
 *   // \\127.0.0.1\HpColor on server.port, files under \\127.0.0.1\PRINT$, RPC on server.rpcPort
 *   await server.close();
 */
import { promises as fs } from 'node:fs';
import tmp from 'tmp';
import type { UserAccount } from '../common/identity';
import type { Logger } from '../common/logger';
import { formatUnc } from '../common/unc';
import { PrintServerHost } from '../host/print-server-host';
import type { ServerSettings } from '../spooler/fixture';

export interface FixtureServerOptions {
  /** Fixture folder; the NTPRINT fixture by default. */
  readonly fixture?: string;
  /** Another PRINT$ tree. */
  readonly drivers?: string;
  /** Accounts added to the fixture's. */
  readonly users?: readonly UserAccount[];
  readonly settings?: Partial<Omit<ServerSettings, 'users'>>;
  readonly modulesConfig?: string;
  /** Also serve the live web view on 127.0.0.1 at this port (0 picks a free one). */
  readonly httpPort?: number;
  /** 127.0.0.1 by default (any 127.0.0.N works on Linux). */
  readonly address?: string;
  /** The endpoint mapper's port: a free one (0) by default; false: none. */
  readonly epmPort?: number | false;
  /** Least auth level on \pipe\spoolss (RPC_C_AUTHN_LEVEL_*); none required by default. */
  readonly pipeMinAuthLevel?: number;
  readonly logger?: Logger;
}

export interface FixtureServer {
  readonly host: string;
  /** SMB2 (IPC$ \pipe\spoolss, PRINT$, printer shares). */
  readonly port: number;
  /** DCE/RPC over TCP: IRemoteWinspool (MS-PAR) and MS-RPRN, PKT_PRIVACY required. */
  readonly rpcPort: number;
  /** The endpoint mapper, when there is one. */
  readonly epmPort: number | undefined;
  /** The fixture's server name (NTPRINT), as the server calls itself. */
  readonly serverName: string;
  /** `\\127.0.0.1\<printer>`: the UNC name a client on this machine uses. */
  unc(printer: string): string;
  readonly users: readonly UserAccount[];
  /** `http://127.0.0.1:<port>/`, with `httpPort`. */
  readonly webUrl?: string;
  readonly printServerHost: PrintServerHost;
  /** The server's temporary state folder (spooled jobs, printed output, event log); close() removes it. */
  readonly stateDir: string;
  /**
   * Stops the server and removes its state: the listener closes, open requests get a short grace,
   * then every connection is closed, whatever the clients do; resolves within about a second.
   */
  close(): Promise<void>;
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const state = tmp.dirSync({ unsafeCleanup: true, prefix: 'pointprint-fixture-' });
  const host = await PrintServerHost.create({
    ...(options.fixture !== undefined && { fixtureDir: options.fixture }),
    ...(options.drivers !== undefined && { driversDir: options.drivers }),
    ...(options.users !== undefined && { users: options.users }),
    ...(options.settings !== undefined && { settings: options.settings }),
    ...(options.modulesConfig !== undefined && { modulesConfig: options.modulesConfig }),
    ...(options.logger !== undefined && { logger: options.logger }),
    rpc: {
      port: 0,
      epmPort: options.epmPort ?? 0,
      ...(options.pipeMinAuthLevel !== undefined && { pipeMinAuthLevel: options.pipeMinAuthLevel }),
    },
    stateDir: state.name,
  });
  let address: { address: string; port: number };
  let webUrl: string | undefined;
  try {
    address = await host.listen(0, options.address ?? '127.0.0.1');
    if (options.httpPort !== undefined) webUrl = (await host.startWebView(options.httpPort, '127.0.0.1')).url;
  } catch (err) {
    await host.close();
    state.removeCallback();
    throw err;
  }
  let closed = false;
  return {
    host: address.address,
    port: address.port,
    rpcPort: host.rpcEndpoint?.port ?? 0,
    epmPort: host.epmEndpoint?.port,
    serverName: host.settings.serverName,
    unc: (printer: string) => formatUnc(address.address, printer),
    users: host.settings.users,
    ...(webUrl !== undefined && { webUrl }),
    printServerHost: host,
    stateDir: state.name,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await host.close();
      } finally {
        // A device may still land its devices.json save while the folder is removed (the root cause,
        // a write after close, is issue 13's): retry the removal instead of failing the caller.
        await fs.rm(state.name, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
      }
    },
  };
}
