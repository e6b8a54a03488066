/**
 * `pointprint driver delete '\\SERVER' <name>`: a printer driver removed from a print server over
 * the wire, as Remove-PrinterDriver -ComputerName and rpcclient's deldriverex do:
 * RpcDeletePrinterDriverEx(\\SERVER, environment, name, dwDeleteFlag, dwVersionNum)
 * ([MS-RPRN] 3.1.4.4.7). The server refuses a driver a printer still uses
 * (ERROR_PRINTER_DRIVER_IN_USE) and one it does not have (ERROR_UNKNOWN_PRINTER_DRIVER).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { Win32ErrorCode as E } from '../../common/status/win32-error';
import { formatUnc } from '../../common/unc';
import { Environment } from '../../spoolss/constants';
import { DeleteDriverFlags } from '../../spooler/drivers/delete-printer-driver';
import { explainAdminFailure } from '../admin-failure';
import { addAdminOptions, printJson, withAdminSession, type AdminOptions } from '../admin-session';
import { EXIT, type CliDeps } from '../cli-deps';
import { CliError } from '../failure';
import { WIRE_CALLER } from '../wire-client';
import { parseServerArgument } from './remote-printers';

interface DriverDeleteOptions extends AdminOptions {
  environment: string;
  driverVersion?: number;
  deleteFiles?: boolean;
}

function parseVersion(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 4)
    throw new InvalidArgumentError('expected a driver version, 0 to 4 (3 for Windows 2000 and later drivers)');
  return n;
}

export function registerDriverCommands(program: Command, deps: CliDeps): void {
  const driver = program.command('driver').description("delete a print server's printer drivers over MS-RPRN");
  addAdminOptions(
    driver
      .command('delete')
      .alias('remove')
      .description('delete a printer driver from a print server (DeletePrinterDriverEx, as Remove-PrinterDriver)')
      .argument('<server>', "the server: '\\\\SERVER' (quoted), //SERVER or SERVER")
      .argument('<driver>', "the driver's name")
      .option('--environment <env>', "the driver's environment", Environment.WINDOWS_X64)
      .option(
        '--driver-version <n>',
        'only this version of it (DPD_DELETE_SPECIFIC_VERSION); else every version',
        parseVersion,
      )
      .option('--delete-files', 'also delete its files that no other driver uses (DPD_DELETE_UNUSED_FILES)')
      .addHelpText(
        'after',
        "\nExample:\n  $ pointprint driver delete '\\\\NTPRINT' 'HP Color LaserJet 4500 PCL' --driver-version 3 --address 127.0.0.1:4455 -U admin",
      ),
  ).action(async (serverArg: string, name: string, opts: DriverDeleteOptions) => {
    const server = parseServerArgument(serverArg);
    const unc = formatUnc(server);
    const flags =
      (opts.driverVersion !== undefined ? DeleteDriverFlags.DPD_DELETE_SPECIFIC_VERSION : 0) |
      (opts.deleteFiles ? DeleteDriverFlags.DPD_DELETE_UNUSED_FILES : 0);
    const hints = {
      [E.ERROR_UNKNOWN_PRINTER_DRIVER]: `${unc} has no such driver for "${opts.environment}"${opts.driverVersion !== undefined ? ` at version ${opts.driverVersion}` : ''}: check the name, --environment and --driver-version (rpcclient enumdrivers lists them)`,
      [E.ERROR_PRINTER_DRIVER_IN_USE]: `a printer still uses it: delete that printer or give it another driver first (pointprint printers '${unc}' shows each printer's driver)`,
      [E.ERROR_INVALID_ENVIRONMENT]: `give --environment as Windows names it: ${Object.values(Environment).join(', ')}`,
    };
    await withAdminSession(server, opts, deps, async (s) => {
      if (!s.provider.deletePrinterDriver)
        throw new CliError(`${unc}: this connection cannot delete drivers`, undefined, EXIT.FAILURE);
      await s.provider
        .deletePrinterDriver(s.serverUnc, opts.environment, name, flags, opts.driverVersion ?? 0, WIRE_CALLER)
        .catch((err: unknown) => {
          throw explainAdminFailure(err, `cannot delete the driver "${name}" of ${unc}`, hints);
        });
    });
    const version = opts.driverVersion !== undefined ? `version ${opts.driverVersion}` : 'every version';
    if (opts.json)
      printJson(deps, {
        server: unc,
        driver: name,
        environment: opts.environment,
        version: opts.driverVersion ?? null,
        deleted: true,
      });
    else deps.stdout(`Deleted the driver "${name}" (${opts.environment}, ${version}) of ${unc}.\n`);
  });
}
