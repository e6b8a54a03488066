/**
 * `pointprint migrate drivers`: each driver of the source installed on the destination, as
 * PrintBrm and Windows' Add Printer Driver wizard do it for a remote server:
 *
 *   source       RpcEnumPrinterDrivers level 3+ per environment ([MS-RPRN] 3.1.4.4.2): the
 *                files as `\\SOURCE\print$\<arch>\<version>\<name>`; each read over SMB2
 *   destination  each file written to `\\DESTINATION\print$\<arch>\<name>` (the upload area
 *                GetPrinterDriverDirectory names), then RpcAddPrinterDriverEx (3.1.4.4.8) with
 *                APD_COPY_NEW_FILES naming them by bare name: the server moves them into
 *                `<arch>\<version>\`.
 */
import { Win32Error } from '../../common/errors';
import { Win32ErrorCode as E } from '../../common/status/win32-error';
import { formatUnc } from '../../common/unc';
import { FileCopyFlags } from '../../spoolss/constants';
import type { DriverInfo } from '../../spoolss/types';
import { explainAdminFailure } from '../admin-failure';
import { EXIT } from '../cli-deps';
import { CliError } from '../failure';
import { WIRE_CALLER } from '../wire-client';
import type { MigrateContext } from './migrate-steps';
import { windowsLeafName } from '../../drivers/windows-path';

/** The environments a Windows print server serves drivers for, with their PRINT$ folders. */
const ENVIRONMENTS: Readonly<Record<string, string>> = { 'Windows x64': 'x64', 'Windows NT x86': 'W32X86' };

export interface DriversResult {
  readonly installed: readonly { name: string; environment: string; files: number }[];
}

/** The driver's files, driver first, each once (a help file may be a dependent file too). */
function driverFiles(d: DriverInfo): string[] {
  const all = [d.driverPath, d.dataFile, d.configFile, d.helpFile, ...d.dependentFiles].filter((f) => f !== '');
  return [...new Map(all.map((f) => [windowsLeafName(f).toUpperCase(), f])).values()];
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(chunks);
}

async function sourceDrivers(ctx: MigrateContext, environment: string): Promise<DriverInfo[]> {
  const unc = formatUnc(ctx.source.server);
  return ctx.source.session.provider.enumPrinterDrivers(unc, environment, WIRE_CALLER).catch((err: unknown) => {
    // A server without drivers for an environment says so with ERROR_INVALID_ENVIRONMENT.
    if (err instanceof Win32Error && err.win32 === E.ERROR_INVALID_ENVIRONMENT) return [];
    throw explainAdminFailure(err, `cannot list the ${environment} drivers of ${unc}`);
  });
}

export async function migrateDrivers(ctx: MigrateContext, only?: ReadonlySet<string>): Promise<DriversResult> {
  const to = formatUnc(ctx.destination.server);
  const write = ctx.destination.session.files.writeFile?.bind(ctx.destination.session.files);
  if (write === undefined)
    throw new CliError(`cannot write to ${to}\\print$: this connection has no files`, undefined, EXIT.FAILURE);
  const installed: { name: string; environment: string; files: number }[] = [];
  for (const [environment, arch] of Object.entries(ENVIRONMENTS)) {
    for (const driver of await sourceDrivers(ctx, environment)) {
      if (only !== undefined && !only.has(driver.name.toLowerCase())) continue;
      const files = driverFiles(driver);
      for (const file of files) {
        const what = `cannot copy ${file} to ${to}\\print$\\${arch}`;
        const { stream } = await ctx.source.session.files.openRead(file).catch((err: unknown) => {
          throw explainAdminFailure(err, what);
        });
        await write(`${to}\\print$\\${arch}\\${windowsLeafName(file)}`, await readAll(stream)).catch((err: unknown) => {
          throw explainAdminFailure(err, what, {
            [E.ERROR_ACCESS_DENIED]:
              'log on as an administrator of the destination: its print$ is writable by administrators only',
          });
        });
      }
      const named: DriverInfo = {
        ...driver,
        driverPath: windowsLeafName(driver.driverPath),
        dataFile: windowsLeafName(driver.dataFile),
        configFile: windowsLeafName(driver.configFile),
        helpFile: windowsLeafName(driver.helpFile),
        dependentFiles: driver.dependentFiles.map(windowsLeafName),
      };
      await ctx.destination.session.provider
        .addPrinterDriver(to, named, FileCopyFlags.APD_COPY_NEW_FILES, WIRE_CALLER)
        .catch((err: unknown) => {
          throw explainAdminFailure(err, `cannot install the driver "${driver.name}" (${environment}) on ${to}`);
        });
      installed.push({ name: driver.name, environment, files: files.length });
      ctx.progress(`${to}: driver "${driver.name}" (${environment}), ${files.length} files`);
    }
  }
  return { installed };
}
