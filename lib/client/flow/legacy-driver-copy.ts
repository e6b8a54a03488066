/**
 * The non-package (legacy) Point and Print driver download: every file of DRIVER_INFO copied
 * from `\\SERVER\PRINT$\<arch>\<version>\` into `spool\drivers\<arch>\<version>\`, each name
 * checked first, then event 316 in the PrintService log ([MS-PRSOD] 3.2).
 */
import { PathEscapeError } from '../../common/errors';
import { checkPlainFileName, checkRelativeWindowsPath } from '../../point-and-print/windows-names';
import { DRIVERS_SHARE } from '../../spoolss/constants';
import type { DriverInfo } from '../../spoolss/types';
import type { PrintServerConnection } from '../print-server-connection';
import type { ConnectionFlow } from './flow-context';
import type { LocalClient } from './local-client';
import type { PrinterTarget } from './parse-printer-name';

export async function copyDriverFiles(
  flow: ConnectionFlow,
  connection: PrintServerConnection,
  target: PrinterTarget,
  client: LocalClient,
  driver: DriverInfo,
): Promise<void> {
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
  recordInstalledDriver(flow, client, driver, files);
}

/** The driver in the client's state and event 316 (Microsoft-Windows-PrintService/Operational). */
export function recordInstalledDriver(
  flow: ConnectionFlow,
  client: LocalClient,
  driver: DriverInfo,
  files: readonly string[],
  packageFolder?: string,
): void {
  const environment = flow.environment;
  client.state.putDriver({
    name: driver.name,
    environment,
    version: driver.version,
    files,
    installedAt: new Date().toISOString(),
    ...(packageFolder !== undefined && { package: packageFolder }),
  });
  flow.logEvent(client.state, {
    eventId: 316,
    channel: 'Microsoft-Windows-PrintService/Operational',
    level: 'Information',
    message: `Printer driver ${driver.name} for ${environment} Version-${driver.version} was added or updated. Files:- ${files.join(', ')}.`,
  });
}
