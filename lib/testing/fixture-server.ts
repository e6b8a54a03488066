/**
 * Fixture print servers for other projects' tests: a real SMB2 server on 127.0.0.1, port 0,
 * in process, with its own temporary state that close() removes.
 *
 *   const server = await startFixtureServer({ users: [{ name: 'bob', password: 'pw', groups: ['Users'] }] });
 *   // \\127.0.0.1\HpColor on server.port, files under \\127.0.0.1\PRINT$
 *   await server.close();
 */
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
  readonly logger?: Logger;
}

export interface FixtureServer {
  readonly host: string;
  readonly port: number;
  /** The fixture's server name (NTPRINT), as the server calls itself. */
  readonly serverName: string;
  /** `\\127.0.0.1\<printer>`: the UNC name a client on this machine uses. */
  unc(printer: string): string;
  readonly users: readonly UserAccount[];
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
    stateDir: state.name,
  });
  let address: { address: string; port: number };
  try {
    address = await host.listen(0, '127.0.0.1');
  } catch (err) {
    await host.close();
    state.removeCallback();
    throw err;
  }
  let closed = false;
  return {
    host: address.address,
    port: address.port,
    serverName: host.settings.serverName,
    unc: (printer: string) => formatUnc(address.address, printer),
    users: host.settings.users,
    printServerHost: host,
    stateDir: state.name,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await host.close();
      } finally {
        state.removeCallback();
      }
    },
  };
}
