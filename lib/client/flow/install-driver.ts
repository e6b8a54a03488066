/**
 * Step 4: RpcGetPrinterDriver2 for the client's environment (level 8, client version 3) and the
 * driver installation policy (PackagePointAndPrintOnly for a driver that is not package-aware,
 * RestrictDriverInstallationToAdministrators, the Point and Print restrictions). Then, as Windows
 * 7 and later do ([MS-PRSOD] 3.1 and 3.2):
 *
 * - a package-aware driver (PRINTER_DRIVER_PACKAGE_AWARE) is installed from its driver package
 *   (./package-point-and-print.ts) when PackagePointAndPrintServerList allows the server;
 * - when that is refused or fails, or the driver is not package-aware, the files are copied one
 *   by one from PRINT$ (./legacy-driver-copy.ts) — unless PackagePointAndPrintOnly forbids it.
 *
 * A driver the client already has is not downloaded again.
 */
import { Win32Error } from '../../common/errors';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { isPackageAware } from '../../drivers/driver-package';
import { evaluateDriverInstallPolicy, evaluateLegacyFallback } from '../../point-and-print/policy';
import { DRIVERS_SHARE } from '../../spoolss/constants';
import type { DriverInfo } from '../../spoolss/types';
import type { PrintServerConnection } from '../print-server-connection';
import type { ConnectionFlow } from './flow-context';
import { copyDriverFiles } from './legacy-driver-copy';
import type { LocalClient } from './local-client';
import type { OpenedPrinter } from './open-printer';
import { installFromDriverPackage } from './package-point-and-print';
import type { PrinterTarget } from './parse-printer-name';

export async function installDriver(
  flow: ConnectionFlow,
  connection: PrintServerConnection,
  target: PrinterTarget,
  printer: OpenedPrinter,
  client: LocalClient,
): Promise<DriverInfo> {
  const environment = flow.environment;
  flow.step(4, `GetPrinterDriver2(${environment}) and the driver files`);
  flow.emit({ kind: 'call', name: 'GetPrinterDriver2', detail: `${environment}, level 8, client version 3` });
  const { driver } = await connection.provider.getPrinterDriver(printer.handle, environment, 3);
  const packageAware = isPackageAware(driver.printerDriverAttributes);
  const alreadyInstalled = client.state.findDriver(driver.name, environment, driver.version) !== undefined;
  const decision = evaluateDriverInstallPolicy(client.policy, flow.options.isAdministrator ?? true, alreadyInstalled, {
    serverName: connection.serverName,
    packageAware,
  });
  flow.emit({ kind: 'policy', subject: `driver "${driver.name}"`, allowed: decision.allowed, reason: decision.reason });
  if (!decision.allowed) {
    throw new Win32Error(
      Win32ErrorCode.ERROR_ACCESS_DENIED,
      `driver "${driver.name}" may not be installed: ${decision.reason}`,
    );
  }
  if (alreadyInstalled) return driver;
  if (packageAware) {
    const outcome = await installFromDriverPackage(flow, connection, target, client, driver);
    if (outcome.installed) return driver;
    const fallback = evaluateLegacyFallback(client.policy);
    flow.emit({
      kind: 'policy',
      subject: `non-package Point and Print of "${driver.name}"`,
      allowed: fallback.allowed,
      reason: fallback.reason,
    });
    if (!fallback.allowed) {
      throw new Win32Error(
        Win32ErrorCode.ERROR_ACCESS_DENIED,
        `driver "${driver.name}" was not installed: ${outcome.reason}; ${fallback.reason}`,
      );
    }
    flow.emit({
      kind: 'package',
      stage: 'fallback',
      detail: `copying the driver file by file from \\\\${connection.serverName}\\${DRIVERS_SHARE}\\${target.arch}\\${driver.version} (${outcome.reason})`,
    });
  }
  await copyDriverFiles(flow, connection, target, client, driver);
  return driver;
}
