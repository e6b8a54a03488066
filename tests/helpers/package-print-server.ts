/**
 * The NTPRINT fixture in process, its spooler wrapped so it answers the two calls of the package
 * sequence, until lib/spooler and the RPC layers have them: every PrintProvider call goes to the
 * real PrintServer, GetCorePrinterDrivers and GetPrinterDriverPackagePath to the real package
 * catalog over the same drivers store (lib/drivers/driver-package-catalog.ts) — what the spooler
 * is meant to delegate to. Not a mock: both halves are the production code.
 *
 * `driversRoot` serves another copy of the store (tests put hostile CABs in one); `lie` makes it
 * answer another CAB path for some package IDs, as a hostile server would.
 */
import { createLocalConnector, type LocalPrintServer } from '../../lib/client/providers/local-connector';
import type { PrintServerConnector } from '../../lib/client/print-server-connection';
import { createSilentLogger } from '../../lib/common/logger';
import { DriverPackageCatalog } from '../../lib/drivers/driver-package-catalog';
import { DriverStore } from '../../lib/drivers/driver-store';
import { ModuleRegistry } from '../../lib/point-and-print/module-registry';
import { DEFAULT_FIXTURE_DIR, loadFixture } from '../../lib/spooler/fixture';
import { PrintServer } from '../../lib/spooler/print-server';
import type { PrintProvider } from '../../lib/spoolss/print-provider';

export interface PackagePrintServer {
  readonly server: PrintServer;
  readonly catalog: DriverPackageCatalog;
  /** A connector to the spooler with the package calls. */
  readonly connector: PrintServerConnector;
  /** A connector to the spooler as it is (no package calls). */
  readonly plainConnector: PrintServerConnector;
  readonly credentials: { readonly userName: string; readonly password: string };
  close(): Promise<void>;
}

/** A lying server: another CAB path for some package IDs (undefined: the catalog's answer). */
export type PackagePathLie = (packageId: string) => string | undefined;

/** The spooler plus the catalog's answers to the package calls. */
export function withDriverPackages(
  server: PrintServer,
  catalog: DriverPackageCatalog,
  lie: PackagePathLie = () => undefined,
): LocalPrintServer {
  const packageCalls: Pick<PrintProvider, 'getCorePrinterDrivers' | 'getPrinterDriverPackagePath'> = {
    getCorePrinterDrivers: (_server, environment, guids) => catalog.getCorePrinterDrivers(environment, guids),
    getPrinterDriverPackagePath: async (serverName, environment, _language, packageId) =>
      lie(packageId) ?? catalog.getPrinterDriverPackagePath(environment, packageId, serverName),
  };
  return new Proxy(server, {
    get(target, prop, receiver) {
      if (prop === 'getCorePrinterDrivers' || prop === 'getPrinterDriverPackagePath') return packageCalls[prop];
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export async function startPackagePrintServer(
  options: { driversRoot?: string; lie?: PackagePathLie } = {},
): Promise<PackagePrintServer> {
  const logger = createSilentLogger();
  const fixture = await loadFixture(DEFAULT_FIXTURE_DIR);
  const driverStore = await DriverStore.open(options.driversRoot ?? fixture.driversRoot);
  const server = await PrintServer.create({
    fixture,
    registry: fixture.registry,
    driverStore,
    settings: fixture.settings,
    modules: ModuleRegistry.withBuiltins(),
    logger,
  });
  const catalog = new DriverPackageCatalog(driverStore, { logger });
  const users = fixture.settings.users;
  const connectorOf = (s: LocalPrintServer): PrintServerConnector =>
    createLocalConnector({ server: s, driverStore, users, domain: fixture.settings.domain });
  const alice = users.find((u) => u.name === 'alice')!;
  return {
    server,
    catalog,
    connector: connectorOf(withDriverPackages(server, catalog, options.lie)),
    plainConnector: connectorOf(server),
    credentials: { userName: alice.name, password: alice.password },
    close: () => server.close(),
  };
}
