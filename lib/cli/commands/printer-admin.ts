/**
 * `pointprint printer add|delete '\\SERVER\name'`: a printer added to or deleted from a print
 * server over the wire, as PowerShell's Add-Printer -ComputerName and Remove-Printer (and
 * rpcclient's addprinter, deleteprinter) do:
 *
 *   printer add      RpcAddPrinterEx(\\SERVER, PRINTER_INFO_2 level 2, SPLCLIENT_INFO_1),
 *                    RpcGetPrinter 2 of the new handle, RpcClosePrinter
 *   printer delete   RpcOpenPrinterEx(\\SERVER\name, PRINTER_ALL_ACCESS), RpcDeletePrinter,
 *                    RpcClosePrinter
 *
 * The server makes the checks ([MS-RPRN] 3.1.4.2.3, 3.1.4.2.4) and decides the rights
 * (Administer Server to add, DELETE on the printer to delete).
 */
import type { Command } from 'commander';
import { Win32ErrorCode as E } from '../../common/status/win32-error';
import { formatUnc } from '../../common/unc';
import { AccessMask, PrinterAttribute } from '../../spoolss/constants';
import type { NewPrinter } from '../../spoolss/types';
import { explainAdminFailure } from '../admin-failure';
import { addAdminOptions, printJson, withAdminSession, withHandle, type AdminOptions } from '../admin-session';
import { EXIT, type CliDeps } from '../cli-deps';
import { CliError } from '../failure';
import { printerRow } from '../remote-format';
import { clientInfo, WIRE_CALLER } from '../wire-client';
import { parsePrinterArgument } from './remote-printers';

interface AddOptions extends AdminOptions {
  driver: string;
  printerPort: string;
  share?: string;
  comment?: string;
  location?: string;
  printProcessor: string;
  datatype: string;
}

const PRINTER_ARGUMENT = "the printer: '\\\\SERVER\\name' (quoted) or //SERVER/name";

function addHints(server: string, printer: string): Readonly<Partial<Record<number, string>>> {
  return {
    [E.ERROR_INVALID_PRINTER_NAME]: 'a printer name has at most 220 characters and no \\ or ,',
    [E.ERROR_PRINTER_ALREADY_EXISTS]: `choose another name, or delete that printer first: pointprint printer delete '\\\\${server}\\${printer}'`,
    [E.ERROR_UNKNOWN_PORT]: 'give --printer-port a port the server has (rpcclient enumports lists them)',
    [E.ERROR_UNKNOWN_PRINTER_DRIVER]:
      "install the driver on the server first, or give --driver a driver it has (rpcclient enumdrivers; pointprint printers '\\\\SERVER' shows those in use)",
    [E.ERROR_UNKNOWN_PRINTPROCESSOR]:
      'give --print-processor one the server has (rpcclient enumprocs lists them; winprint on Windows)',
    [E.ERROR_INVALID_SHARENAME]: 'give --share a name no other printer or share uses, without \\ / or ,',
    [E.ERROR_INVALID_DATATYPE]:
      'give --datatype one the print processor takes (rpcclient enumdataty lists them; RAW on Windows)',
  };
}

function deleteHints(server: string): Readonly<Partial<Record<number, string>>> {
  return { [E.ERROR_INVALID_PRINTER_NAME]: `no such printer: pointprint printers '\\\\${server}' lists them` };
}

function newPrinter(name: string, opts: AddOptions): NewPrinter {
  const ports = opts.printerPort
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return {
    printerName: name,
    driverName: opts.driver,
    portNames: ports,
    ...(opts.share !== undefined && { shareName: opts.share }),
    ...(opts.comment !== undefined && { comment: opts.comment }),
    ...(opts.location !== undefined && { location: opts.location }),
    printProcessor: opts.printProcessor,
    datatype: opts.datatype,
    attributes: opts.share !== undefined ? PrinterAttribute.PRINTER_ATTRIBUTE_SHARED : 0,
  };
}

export function registerPrinterAdminCommands(printer: Command, deps: CliDeps): void {
  addAdminOptions(
    printer
      .command('add')
      .description('add a printer to a print server over MS-RPRN (AddPrinterEx level 2, as Add-Printer -ComputerName)')
      .argument('<printer>', PRINTER_ARGUMENT)
      .requiredOption('--driver <name>', 'its driver, one the server has (Add-Printer -DriverName)')
      .requiredOption('--printer-port <port[,port...]>', 'its port, or several for a pool (Add-Printer -PortName)')
      .option('--share <name>', 'share it under this name (Add-Printer -Shared -ShareName)')
      .option('--comment <text>', 'its comment')
      .option('--location <text>', 'its location')
      .option('--print-processor <name>', 'its print processor (Samba refuses none)', 'winprint')
      .option('--datatype <name>', 'its default datatype', 'RAW')
      .addHelpText(
        'after',
        "\nExample:\n  $ pointprint printer add '\\\\NTPRINT\\Lab' --driver 'HP Color LaserJet 4500 PCL' --printer-port LPT1: --share Lab --address 127.0.0.1:4455 -U admin",
      ),
  ).action(async (printerArg: string, opts: AddOptions) => {
    const { server, printer: name } = parsePrinterArgument(printerArg);
    const unc = formatUnc(server, name);
    const info = await withAdminSession(server, opts, deps, async (session) => {
      const { provider } = session;
      if (!provider.addPrinter)
        throw new CliError(`${unc}: this connection cannot add printers`, undefined, EXIT.FAILURE);
      const handle = await provider
        .addPrinter(
          session.serverUnc,
          newPrinter(name, opts),
          { desiredAccess: AccessMask.PRINTER_ALL_ACCESS, clientInfo: clientInfo(session.userName) },
          WIRE_CALLER,
        )
        .catch((err: unknown) => {
          throw explainAdminFailure(err, `cannot add ${unc}`, addHints(server, name));
        });
      try {
        return await provider.getPrinter(handle);
      } finally {
        await provider.closePrinter(handle).catch(() => undefined);
      }
    });
    const row = printerRow(info);
    if (opts.json) printJson(deps, { printer: unc, added: row });
    else
      deps.stdout(
        `Added printer ${unc} (driver "${row.driverName}", port ${row.ports.join(',')}${row.shareName !== '' && opts.share !== undefined ? `, shared as ${row.shareName}` : ''}).\n`,
      );
  });

  addAdminOptions(
    printer
      .command('delete')
      .alias('remove')
      .description('delete a printer of a print server over MS-RPRN (DeletePrinter, as Remove-Printer -ComputerName)')
      .argument('<printer>', PRINTER_ARGUMENT)
      .addHelpText(
        'after',
        "\nExample:\n  $ pointprint printer delete '\\\\NTPRINT\\Lab' --address 127.0.0.1:4455 -U admin",
      ),
  ).action(async (printerArg: string, opts: AdminOptions) => {
    const { server, printer: name } = parsePrinterArgument(printerArg);
    const unc = formatUnc(server, name);
    const what = `cannot delete ${unc}`;
    await withAdminSession(server, opts, deps, (session) =>
      withHandle(session, unc, AccessMask.PRINTER_ALL_ACCESS, { what, hints: deleteHints(server) }, async (h) => {
        if (!session.provider.deletePrinter)
          throw new CliError(`${unc}: this connection cannot delete printers`, undefined, EXIT.FAILURE);
        await session.provider.deletePrinter(h).catch((err: unknown) => {
          throw explainAdminFailure(err, what, deleteHints(server));
        });
      }),
    );
    if (opts.json) printJson(deps, { printer: unc, deleted: true });
    else deps.stdout(`Deleted printer ${unc}.\n`);
  });
}
