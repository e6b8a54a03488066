/**
 * Step 4: RpcGetPrinterDriver2 for the client's environment (level 8, client version 3); the
 * driver installation policy (RestrictDriverInstallationToAdministrators and the Point and Print
 * restrictions); the driver files copied from `\\SERVER\PRINT$\<arch>\<version>\` into
 * `spool\drivers\<arch>\<version>\`, then event 316 in the PrintService log. A driver the client
 * already has is not downloaded again.
 */
import { PathEscapeError, Win32Error } from '../../common/errors';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { evaluateDriverInstallPolicy } from '../../point-and-print/policy';
import { checkPlainFileName, checkRelativeWindowsPath } from '../../point-and-print/windows-names';
import { DRIVERS_SHARE } from '../../spoolss/constants';
import type { DriverInfo } from '../../spoolss/types';
import type { PrintServerConnection } from '../print-server-connection';
import type { ConnectionFlow } from './flow-context';
import type { LocalClient } from './local-client';
import type { OpenedPrinter } from './open-printer';
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
  const alreadyInstalled = client.state.findDriver(driver.name, environment, driver.version) !== undefined;
  const decision = evaluateDriverInstallPolicy(client.policy, flow.options.isAdministrator ?? true, alreadyInstalled, {
    serverName: connection.serverName,
  });
  flow.emit({ kind: 'policy', subject: `driver "${driver.name}"`, allowed: decision.allowed, reason: decision.reason });
  if (!decision.allowed) {
    throw new Win32Error(
      Win32ErrorCode.ERROR_ACCESS_DENIED,
      `driver "${driver.name}" may not be installed: ${decision.reason}`,
    );
  }
  if (alreadyInstalled) return driver;
  const versionDir = `${target.arch}\\${driver.version}`;
  const dir = await flow.paths.directoryFor(versionDir);
  const files: string[] = [];
  for (const file of driver.files) {
    const where = checkRelativeWindowsPath(file.path);
    const base = file.path.split('\\').pop() ?? '';
    const baseProblem = checkPlainFileName(base);
    if (where || baseProblem) {
      throw new PathEscapeError(file.path, (where ?? baseProblem)?.detail ?? 'bad driver file name');
    }
    const source = `\\\\${connection.serverName}\\${DRIVERS_SHARE}\\${file.path}`;
    const { size, stream } = await connection.files.openRead(source);
    const written = await flow.paths.writeFileAtomically(dir, base, stream, size, source);
    flow.written.push(written);
    files.push(`${versionDir}\\${base}`);
    flow.emit({
      kind: 'download',
      what: 'driver',
      source,
      target: flow.paths.windowsPathOf(`${versionDir}\\${base}`),
      path: written,
      size,
    });
  }
  client.state.putDriver({
    name: driver.name,
    environment,
    version: driver.version,
    files,
    installedAt: new Date().toISOString(),
  });
  flow.logEvent(client.state, {
    eventId: 316,
    channel: 'Microsoft-Windows-PrintService/Operational',
    level: 'Information',
    message: `Printer driver ${driver.name} for ${environment} Version-${driver.version} was added or updated. Files:- ${files.join(', ')}.`,
  });
  return driver;
}
