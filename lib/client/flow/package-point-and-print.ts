/**
 * Package Point and Print for a package-aware driver ([MS-PRSOD] 3.1 task 2; [MS-RPRN] 3.1.4.4.9,
 * 3.1.4.4.10), what Windows 7 and later clients do before the file-by-file copy:
 *
 * 1. PackagePointAndPrintServerList: is the server approved for package Point and Print?
 * 2. RpcGetCorePrinterDrivers for the driver's core dependencies (DRIVER_INFO_8
 *    szzCoreDependencies): each core driver the client's driver store lacks, at the server's
 *    date and version or newer, has its package fetched too;
 * 3. RpcGetPrinterDriverPackagePath for each package (its ID: a core driver's szPackageID, the
 *    driver's InfPath), the CAB downloaded, verified and staged (./stage-driver-package.ts);
 * 4. the driver installed from the staged packages (./install-from-package.ts).
 *
 * Any failure is reported, with PrintService events 600 and 601 as a Windows client logs them,
 * and the caller falls back to the legacy copy, as Windows does. A server without the two calls
 * (Samba faults them: ERROR_NOT_SUPPORTED from the provider) means "no package path", no event.
 *
 * DEVIATION: the client root has no in-box drivers, so core drivers come from the server's core
 * packages, as on a Windows client whose in-box core driver is older than the server's.
 */
import { Win32Error } from '../../common/errors';
import { Win32ErrorCode, win32ErrorName } from '../../common/status/win32-error';
import { inboxCoreDriverName } from '../../drivers/core-drivers';
import { evaluatePackagePointAndPrint } from '../../point-and-print/policy';
import type { CallerContext, CorePrinterDriver, DriverInfo } from '../../spoolss/types';
import { ClientDriverStore } from '../client-driver-store';
import type { PrintServerConnection } from '../print-server-connection';
import { errorText, type ConnectionFlow } from './flow-context';
import { installFromStagedPackages } from './install-from-package';
import type { LocalClient } from './local-client';
import type { PrinterTarget } from './parse-printer-name';
import {
  loadStagedPackage,
  stageDriverPackage,
  type PackageNeed,
  type StagedDriverPackage,
} from './stage-driver-package';

export type PackageOutcome = { readonly installed: true } | { readonly installed: false; readonly reason: string };

const ADMIN_CHANNEL = 'Microsoft-Windows-PrintService/Admin';

export async function installFromDriverPackage(
  flow: ConnectionFlow,
  connection: PrintServerConnection,
  target: PrinterTarget,
  client: LocalClient,
  driver: DriverInfo,
): Promise<PackageOutcome> {
  const server = connection.serverName;
  const decision = evaluatePackagePointAndPrint(client.policy, server);
  flow.emit({
    kind: 'policy',
    subject: `Package Point and Print of "${driver.name}" from \\\\${server}`,
    allowed: decision.allowed,
    reason: decision.reason,
  });
  if (!decision.allowed) return { installed: false, reason: decision.reason };
  const provider = connection.provider;
  if (driver.infPath === '')
    return unavailable(flow, `the server gives "${driver.name}" no InfPath: no package ID to ask for`);

  const store = new ClientDriverStore(flow.options.clientRoot, flow.options.systemRoot);
  const caller: CallerContext = {
    userName: flow.options.credentials?.userName ?? 'Guest',
    groups: [],
    isAdministrator: false,
    remote: true,
    machineName: flow.clientMachineName,
  };
  const serverArg = `\\\\${server}`;
  let cabPath: string | undefined;
  try {
    const { needs, local } = await coreDriversNeeded(flow, client, store, driver, serverArg, (guids) =>
      provider.getCorePrinterDrivers(serverArg, flow.environment, guids, caller),
    );
    const staged = new Map<string, StagedDriverPackage>(local);
    let own: StagedDriverPackage | undefined;
    const all: PackageNeed[] = [...needs, { packageId: driver.infPath, driverName: driver.name }];
    for (const need of all) {
      flow.emit({
        kind: 'call',
        name: 'GetPrinterDriverPackagePath',
        detail: `${serverArg}, ${flow.environment}, ${need.packageId}`,
      });
      cabPath = await provider.getPrinterDriverPackagePath(
        serverArg,
        flow.environment,
        undefined,
        need.packageId,
        caller,
      );
      flow.emit({ kind: 'package', stage: 'package-path', detail: `${need.packageId} -> ${cabPath}` });
      const pkg = await stageDriverPackage(flow, connection, client, store, cabPath, need);
      if ('coreDriverGuid' in need) staged.set(need.coreDriverGuid, pkg);
      else own = pkg;
    }
    if (!own) throw new Error('unreachable: the driver package was not staged');
    await installFromStagedPackages(flow, target, client, driver, own, (guid) => staged.get(guid));
    return { installed: true };
  } catch (err) {
    if (err instanceof Win32Error && err.win32 === Win32ErrorCode.ERROR_NOT_SUPPORTED)
      return unavailable(flow, `\\\\${server} offers no package path: ${errorText(err)}`);
    const reason = errorText(err);
    flow.emit({ kind: 'package', stage: 'failed', detail: reason });
    flow.warn(`Package Point and Print of "${driver.name}" failed: ${reason}`);
    const code = errorCode(err);
    // The two events a Windows 7 client logged for a package it could not import (docs/drivers-store.md).
    if (cabPath !== undefined) {
      flow.logEvent(client.state, {
        eventId: 600,
        channel: ADMIN_CHANNEL,
        level: 'Error',
        message: `The print spooler failed to import the printer driver that was downloaded from ${cabPath} into the driver store for driver ${driver.name}. Error code= ${code}. ${reason}`,
      });
    }
    flow.logEvent(client.state, {
      eventId: 601,
      channel: ADMIN_CHANNEL,
      level: 'Error',
      message: `The print spooler failed to download and import the printer driver from \\\\${server} into the driver store for driver ${driver.name}. Error code= ${code}.`,
    });
    return { installed: false, reason };
  }
}

/**
 * GetCorePrinterDrivers for the driver's core dependencies, and which of them the client's driver
 * store lacks (their packages are fetched) or has (read back from disk).
 */
async function coreDriversNeeded(
  flow: ConnectionFlow,
  client: LocalClient,
  store: ClientDriverStore,
  driver: DriverInfo,
  serverArg: string,
  getCore: (guids: readonly string[]) => Promise<CorePrinterDriver[]>,
): Promise<{ needs: PackageNeed[]; local: Map<string, StagedDriverPackage> }> {
  const guids = driver.coreDriverDependencies;
  const needs: PackageNeed[] = [];
  const local = new Map<string, StagedDriverPackage>();
  if (guids.length === 0) return { needs, local };
  flow.emit({
    kind: 'call',
    name: 'GetCorePrinterDrivers',
    detail: `${serverArg}, ${flow.environment}, ${guids.join(', ')}`,
  });
  const cores = await getCore(guids);
  if (cores.length !== guids.length)
    throw new Win32Error(
      Win32ErrorCode.ERROR_INVALID_DATA,
      `${cores.length} core drivers answered for ${guids.length} asked`,
    );
  for (const core of cores) {
    const name = inboxCoreDriverName(core.coreDriverGuid) ?? 'not an in-box core driver';
    const about = `${core.coreDriverGuid} (${name}) ${versionText(core.driverVersion)} of ${core.driverDate.toISOString().slice(0, 10)}, package ${core.packageId}`;
    const have = client.state
      .findCoreDriver(core.coreDriverGuid, flow.environment)
      .find(
        ({ core: c }) =>
          Date.parse(c.driverDate) >= core.driverDate.getTime() && BigInt(c.driverVersion) >= core.driverVersion,
      );
    if (have) {
      local.set(core.coreDriverGuid, await loadStagedPackage(store, have.pkg, flow.environment));
      flow.emit({
        kind: 'package',
        stage: 'core-driver',
        detail: `${about}: in the client's driver store (${have.pkg.folder})`,
      });
    } else if (!needs.some((n) => n.packageId.toLowerCase() === core.packageId.toLowerCase())) {
      needs.push({ packageId: core.packageId, coreDriverGuid: core.coreDriverGuid });
      flow.emit({
        kind: 'package',
        stage: 'core-driver',
        detail: `${about}: not in the client's driver store, its package is fetched`,
      });
    }
  }
  return { needs, local };
}

function unavailable(flow: ConnectionFlow, reason: string): PackageOutcome {
  flow.emit({ kind: 'package', stage: 'unavailable', detail: reason });
  return { installed: false, reason };
}

/** `w.x.y.z` of a DWORDLONG driver version. */
function versionText(q: bigint): string {
  return [48n, 32n, 16n, 0n].map((shift) => ((q >> shift) & 0xffffn).toString()).join('.');
}

/** HRESULT_FROM_WIN32 of the failure; DEVIATION: Windows shows SetupAPI codes (0x800F....) we do not model. */
function errorCode(err: unknown): string {
  const win32 = err instanceof Win32Error ? err.win32 : Win32ErrorCode.ERROR_INVALID_DATA;
  return `0x${(0x80070000 | (win32 & 0xffff)).toString(16).padStart(8, '0')} (${win32ErrorName(win32)})`;
}
