/**
 * The print server the CLI talks to when no transport is configured: a fixture loaded into a
 * PrintServer in this process, reached through the local connector. The CLI takes these
 * factories from its deps, so the same commands run over SMB2 once a remote connector exists.
 */
import type { Logger } from '../common/logger';
import type { ClientCredentials, PrintServerConnector } from '../client/print-server-connection';
import { createLocalConnector } from '../client/providers/local-connector';
import { DriverStore } from '../drivers/driver-store';
import { ModuleRegistry } from '../point-and-print/module-registry';
import { loadFixture } from '../spooler/fixture';
import { PrintServer } from '../spooler/print-server';
import type { SpoolerTraceListener } from '../point-and-print/spooler-trace';

export interface ReachableServer {
  readonly serverName: string;
  readonly connector: PrintServerConnector;
  /** An account of the fixture the demo logs on with. */
  readonly demoCredentials?: ClientCredentials;
  /** How the client reaches it, for the demo's header. */
  readonly transport: string;
  close(): Promise<void>;
}

export interface ServerFactoryOptions {
  readonly fixtureDir: string;
  readonly logger: Logger;
  /** Receives the server spooler's Point-and-Print module calls. */
  readonly trace?: SpoolerTraceListener;
  /** The server's modules config (JSON); built-ins when absent. */
  readonly modulesConfig?: string;
}

export type ServerFactory = (options: ServerFactoryOptions) => Promise<ReachableServer>;

export const startInProcessServer: ServerFactory = async (options) => {
  const fixture = await loadFixture(options.fixtureDir);
  const driverStore = await DriverStore.open(fixture.driversRoot);
  const modules = options.modulesConfig
    ? await ModuleRegistry.fromConfigFile(options.modulesConfig, options.logger)
    : ModuleRegistry.withBuiltins();
  const server = await PrintServer.create({
    fixture,
    registry: fixture.registry,
    driverStore,
    settings: fixture.settings,
    modules,
    logger: options.logger,
    ...(options.trace && { trace: options.trace }),
  });
  const users = fixture.settings.users;
  // The demo logs on as a standard user: what Point and Print is for.
  const account = users.find((u) => !u.groups.some((g) => g.toLowerCase() === 'administrators')) ?? users[0];
  return {
    serverName: fixture.settings.serverName,
    connector: createLocalConnector({
      server,
      driverStore,
      users,
      domain: fixture.settings.domain,
      allowGuest: fixture.settings.allowGuest,
    }),
    ...(account && { demoCredentials: { userName: account.name, password: account.password } }),
    transport: 'in process (local connector)',
    close: () => server.close(),
  };
};
