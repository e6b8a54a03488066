/**
 * The NTPRINT fixture in process, for Package Point and Print tests: the real PrintServer, whose
 * driver package calls answer from its drivers store (lib/spooler/drivers/driver-packages.ts).
 *
 * `driversRoot` serves another copy of the store (tests put hostile CABs in one); `lie` makes it
 * answer another CAB path for some package IDs, as a hostile server would (every other call goes
 * to the real spooler).
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
  /** A connector to the spooler (through the lie, if any). */
  readonly connector: PrintServerConnector;
  readonly credentials: { readonly userName: string; readonly password: string };
  close(): Promise<void>;
}

/** A lying server: another CAB path for some package IDs (undefined: the spooler's answer). */
export type PackagePathLie = (packageId: string) => string | undefined;

/** The spooler, with GetPrinterDriverPackagePath answering the lie where it has one. */
export function withPackagePathLie(server: PrintServer, lie: PackagePathLie): LocalPrintServer {
  const getPrinterDriverPackagePath: PrintProvider['getPrinterDriverPackagePath'] = async (
    serverName,
    environment,
    language,
    packageId,
    caller,
  ) => lie(packageId) ?? server.getPrinterDriverPackagePath(serverName, environment, language, packageId, caller);
  return new Proxy(server, {
    get(target, prop, receiver) {
      if (prop === 'getPrinterDriverPackagePath') return getPrinterDriverPackagePath;
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
  const alice = users.find((u) => u.name === 'alice')!;
  return {
    server,
    catalog,
    connector: createLocalConnector({
      server: options.lie ? withPackagePathLie(server, options.lie) : server,
      driverStore,
      users,
      domain: fixture.settings.domain,
    }),
    credentials: { userName: alice.name, password: alice.password },
    close: () => server.close(),
  };
}
