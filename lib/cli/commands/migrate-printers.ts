/**
 * `pointprint migrate printers`: each printer of the source made, or brought up to date, on the
 * destination, from the source's PRINTER_INFO_2 (RpcEnumPrinters level 2):
 *
 *   missing   RpcAddPrinterEx level 2 on \\DESTINATION ([MS-RPRN] 3.1.4.2.15), DEVMODE included
 *   present   RpcOpenPrinterEx(PRINTER_ALL_ACCESS), RpcSetPrinter level 2 (3.1.4.2.8) over its
 *             current settings
 *
 * The descriptor is the security part's (SetPrinter level 3), the data keys the settings part's.
 * The destination must have the printer's port and driver: the server checks, and the refusal
 * says what to do (migrate the drivers first; add the port with `pointprint port add`).
 */
import { Win32ErrorCode as E } from '../../common/status/win32-error';
import { formatUnc } from '../../common/unc';
import { AccessMask, PrinterEnum } from '../../spoolss/constants';
import type { NewPrinter, PrinterInfo } from '../../spoolss/types';
import { explainAdminFailure } from '../admin-failure';
import { withHandle } from '../admin-session';
import { EXIT } from '../cli-deps';
import { CliError } from '../failure';
import { WIRE_CALLER, clientInfo } from '../wire-client';
import type { MigrateContext, MigrateSide } from './migrate-steps';

export interface PrintersResult {
  readonly added: readonly string[];
  readonly updated: readonly string[];
}

/** `\\SERVER\name` -> `name`. */
export const shortPrinterName = (name: string): string => name.split('\\').pop() ?? name;

/** A server's printers at level 2. */
export async function sourcePrinterInfos(side: MigrateSide): Promise<PrinterInfo[]> {
  const unc = formatUnc(side.server);
  return side.session.provider.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, unc, WIRE_CALLER).catch((err: unknown) => {
    throw explainAdminFailure(err, `cannot list the printers of ${unc}`);
  });
}

function printerFields(p: PrinterInfo): NewPrinter {
  return {
    printerName: shortPrinterName(p.printerName),
    shareName: p.shareName,
    portNames: p.portNames,
    driverName: p.driverName,
    comment: p.comment,
    location: p.location,
    sepFile: p.sepFile,
    printProcessor: p.printProcessor,
    datatype: p.datatype,
    parameters: p.parameters,
    attributes: p.attributes,
    priority: p.priority,
    defaultPriority: p.defaultPriority,
    startTime: p.startTime,
    untilTime: p.untilTime,
    ...(p.devMode !== undefined && { devMode: p.devMode }),
  };
}

function hints(p: PrinterInfo, destination: string): Readonly<Partial<Record<number, string>>> {
  return {
    [E.ERROR_UNKNOWN_PORT]: `the destination has no port "${p.portNames.join(',')}": add it first (pointprint port add '\\\\${destination}' ...), then migrate again`,
    [E.ERROR_UNKNOWN_PRINTER_DRIVER]: `the destination has no driver "${p.driverName}": install it there first, then migrate again`,
    [E.ERROR_UNKNOWN_PRINTPROCESSOR]: `the destination has no print processor "${p.printProcessor}"`,
  };
}

export async function migratePrinters(ctx: MigrateContext, printers: readonly PrinterInfo[]): Promise<PrintersResult> {
  const dst = ctx.destination;
  const provider = dst.session.provider;
  const added: string[] = [];
  const updated: string[] = [];
  // Windows' printer names are case-insensitive.
  const present = new Set((await sourcePrinterInfos(dst)).map((p) => shortPrinterName(p.printerName).toLowerCase()));
  for (const p of printers) {
    const fields = printerFields(p);
    const name = fields.printerName ?? '';
    const unc = formatUnc(dst.server, name);
    const exists = present.has(name.toLowerCase());
    if (exists) {
      await withHandle(dst.session, unc, AccessMask.PRINTER_ALL_ACCESS, { what: `cannot open ${unc}` }, (h) =>
        provider.setPrinter(h, { fields }).catch((err: unknown) => {
          throw explainAdminFailure(err, `cannot update ${unc}`, hints(p, dst.server));
        }),
      );
      updated.push(name);
      ctx.progress(`${unc}: updated (SetPrinter level 2)`);
      continue;
    }
    if (!provider.addPrinter)
      throw new CliError(`cannot add ${unc}: this connection cannot add printers`, undefined, EXIT.FAILURE);
    const handle = await provider
      .addPrinter(
        formatUnc(dst.server),
        fields,
        { desiredAccess: AccessMask.PRINTER_ALL_ACCESS, clientInfo: clientInfo(dst.session.userName) },
        WIRE_CALLER,
      )
      .catch((err: unknown) => {
        throw explainAdminFailure(err, `cannot add ${unc}`, hints(p, dst.server));
      });
    await provider.closePrinter(handle).catch(() => undefined);
    added.push(name);
    ctx.progress(`${unc}: added (AddPrinterEx level 2)`);
  }
  return { added, updated };
}
