/**
 * `pointprint form list|add|delete '\\SERVER' ...`: the server's forms over the wire, as the
 * Print Server Properties dialog and rpcclient's enumforms, addform, deleteform do:
 *
 *   form list     RpcOpenPrinterEx(\\SERVER, SERVER_ACCESS_ENUMERATE), RpcEnumForms level 1
 *   form add      RpcOpenPrinterEx(\\SERVER, SERVER_ACCESS_ADMINISTER), RpcAddForm FORM_INFO_1
 *                 (FORM_USER)
 *   form delete   RpcOpenPrinterEx(\\SERVER, SERVER_ACCESS_ADMINISTER), RpcDeleteForm
 *
 * ([MS-RPRN] 3.1.4.5.1, .2, .3). Sizes are in millimetres on the command line (or cm, in), in
 * thousandths of a millimetre on the wire.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { flagNames } from '../../common/constants';
import { Win32ErrorCode as E } from '../../common/status/win32-error';
import { formatUnc } from '../../common/unc';
import { AccessMask } from '../../spoolss/constants';
import type { PrintProvider } from '../../spoolss/print-provider';
import type { FormInfo, PrinterHandle } from '../../spoolss/types';
import { FormFlags } from '../../spooler/forms/builtin-forms';
import { explainAdminFailure } from '../admin-failure';
import { addAdminOptions, printJson, withAdminSession, withHandle, type AdminOptions } from '../admin-session';
import { EXIT, type CliDeps } from '../cli-deps';
import { CliError } from '../failure';
import { formatTable } from '../remote-format';
import { parseServerArgument } from './remote-printers';

interface FormAddOptions extends AdminOptions {
  size: { width: number; height: number };
  area?: FormInfo['imageableArea'];
}

/** Thousandths of a millimetre per unit. */
const UNITS: Readonly<Record<string, number>> = { mm: 1000, cm: 10000, in: 25400 };
const NUMBER = String.raw`\d+(?:\.\d+)?`;
/** The most FORM_INFO_1 can carry (a DWORD of thousandths of a millimetre is over 4 km). */
const MAX_SIZE = 0xffffffff;

function scaled(value: string, unit: string): number {
  const n = Math.round(Number(value) * (UNITS[unit] ?? 1000));
  if (!Number.isFinite(n) || n > MAX_SIZE) throw new InvalidArgumentError('too large');
  return n;
}

/** `210x297`, `210x297mm`, `21x29.7cm`, `8.5x11in`. */
export function parseFormSize(value: string): { width: number; height: number } {
  const m = new RegExp(`^(${NUMBER})\\s*x\\s*(${NUMBER})\\s*(mm|cm|in)?$`, 'i').exec(value.trim());
  if (m?.[1] === undefined || m[2] === undefined)
    throw new InvalidArgumentError('expected WIDTHxHEIGHT in mm, cm or in, e.g. 210x297mm or 8.5x11in');
  const unit = (m[3] ?? 'mm').toLowerCase();
  return { width: scaled(m[1], unit), height: scaled(m[2], unit) };
}

/** `left,top,right,bottom` with one unit for all, e.g. `5,5,205,292mm`. */
export function parseFormArea(value: string): FormInfo['imageableArea'] {
  const m = new RegExp(`^(${NUMBER}),(${NUMBER}),(${NUMBER}),(${NUMBER})\\s*(mm|cm|in)?$`, 'i').exec(
    value.replace(/\s+/g, ''),
  );
  if (m?.[1] === undefined || m[2] === undefined || m[3] === undefined || m[4] === undefined)
    throw new InvalidArgumentError('expected LEFT,TOP,RIGHT,BOTTOM in mm, cm or in, e.g. 5,5,205,292mm');
  const unit = (m[5] ?? 'mm').toLowerCase();
  return { left: scaled(m[1], unit), top: scaled(m[2], unit), right: scaled(m[3], unit), bottom: scaled(m[4], unit) };
}

const mm = (thousandths: number): string => `${Number((thousandths / 1000).toFixed(1))}`;

export interface FormRow {
  readonly name: string;
  /** FORM_USER, FORM_BUILTIN or FORM_PRINTER without the prefix. */
  readonly type: string;
  readonly width: number;
  readonly height: number;
  readonly imageableArea: FormInfo['imageableArea'];
}

function formRow(f: FormInfo): FormRow {
  const type = Object.entries(FormFlags).find(([, v]) => v === f.flags)?.[0] ?? flagNames(FormFlags, f.flags).join('|');
  return {
    name: f.name,
    type: type.replace(/^FORM_/, ''),
    width: f.width,
    height: f.height,
    imageableArea: f.imageableArea,
  };
}

function formatForms(server: string, rows: readonly FormRow[]): string {
  const table = formatTable(
    ['Name', 'Type', 'Size (mm)', 'Imageable area (mm)'],
    rows.map((f) => {
      const a = f.imageableArea;
      return [f.name, f.type, `${mm(f.width)} x ${mm(f.height)}`, [a.left, a.top, a.right, a.bottom].map(mm).join(',')];
    }),
  );
  return `Forms on ${server}:\n${table}\n`;
}

const formHints = (server: string): Readonly<Partial<Record<number, string>>> => ({
  [E.ERROR_FILE_EXISTS]: `a form of that name exists: pointprint form list '\\\\${server}' shows the forms`,
  [E.ERROR_ALREADY_EXISTS]: `a form of that name exists: pointprint form list '\\\\${server}' shows the forms`,
  [E.ERROR_INVALID_FORM_NAME]: `no form of that name (at most 31 characters): pointprint form list '\\\\${server}' shows the forms`,
  [E.ERROR_INVALID_FORM_SIZE]: 'give a size above 0 and an imageable area inside it (left <= right, top <= bottom)',
  [E.ERROR_INVALID_PARAMETER]: 'the built-in forms cannot be deleted or changed, only the forms users added',
});

const SERVER_ARGUMENT = "the server: '\\\\SERVER' (quoted), //SERVER or SERVER";

export function registerFormCommands(program: Command, deps: CliDeps): void {
  const form = program.command('form').description("list, add or delete a print server's forms over MS-RPRN");

  addAdminOptions(
    form
      .command('list')
      .description("a print server's forms: built-in and user forms with their sizes (EnumForms)")
      .argument('<server>', SERVER_ARGUMENT)
      .addHelpText('after', "\nExample:\n  $ pointprint form list '\\\\NTPRINT' --address 127.0.0.1:4455 -U alice"),
  ).action(async (serverArg: string, opts: AdminOptions) => {
    const server = parseServerArgument(serverArg);
    const unc = formatUnc(server);
    const what = `cannot list the forms of ${unc}`;
    const forms = await withAdminSession(server, opts, deps, (s) =>
      withHandle(s, unc, AccessMask.SERVER_ACCESS_ENUMERATE, { what }, (h) =>
        s.provider.enumForms(h).catch((err: unknown) => {
          throw explainAdminFailure(err, what);
        }),
      ),
    );
    const rows = forms.map(formRow);
    if (opts.json) printJson(deps, { server: unc, forms: rows });
    else deps.stdout(formatForms(unc, rows));
  });

  addAdminOptions(
    form
      .command('add')
      .description('add a user form to a print server (AddForm FORM_INFO_1)')
      .argument('<server>', SERVER_ARGUMENT)
      .argument('<name>', "the form's name (at most 31 characters)")
      .requiredOption('--size <WxH>', 'its size: 210x297mm, 21x29.7cm or 8.5x11in (mm when no unit)', parseFormSize)
      .option('--area <l,t,r,b>', 'its imageable area, e.g. 5,5,205,292mm (default: the whole sheet)', parseFormArea)
      .addHelpText(
        'after',
        "\nExample:\n  $ pointprint form add '\\\\NTPRINT' 'Lab label' --size 100x150mm --address 127.0.0.1:4455 -U admin",
      ),
  ).action(async (serverArg: string, name: string, opts: FormAddOptions) => {
    const server = parseServerArgument(serverArg);
    const unc = formatUnc(server);
    const { width, height } = opts.size;
    const info: FormInfo = {
      flags: FormFlags.FORM_USER,
      name,
      width,
      height,
      imageableArea: opts.area ?? { left: 0, top: 0, right: width, bottom: height },
    };
    const what = `cannot add the form "${name}" to ${unc}`;
    await withServerForms(server, opts, deps, what, (provider, h) => {
      if (!provider.addForm) throw new CliError(`${unc}: this connection cannot add forms`, undefined, EXIT.FAILURE);
      return provider.addForm(h, info);
    });
    if (opts.json) printJson(deps, { server: unc, added: formRow(info) });
    else deps.stdout(`Added the form "${name}" (${mm(width)} x ${mm(height)} mm) to ${unc}.\n`);
  });

  addAdminOptions(
    form
      .command('delete')
      .alias('remove')
      .description('delete a user form of a print server (DeleteForm)')
      .argument('<server>', SERVER_ARGUMENT)
      .argument('<name>', "the form's name")
      .addHelpText(
        'after',
        "\nExample:\n  $ pointprint form delete '\\\\NTPRINT' 'Lab label' --address 127.0.0.1:4455 -U admin",
      ),
  ).action(async (serverArg: string, name: string, opts: AdminOptions) => {
    const server = parseServerArgument(serverArg);
    const unc = formatUnc(server);
    await withServerForms(server, opts, deps, `cannot delete the form "${name}" of ${unc}`, (provider, h) => {
      if (!provider.deleteForm)
        throw new CliError(`${unc}: this connection cannot delete forms`, undefined, EXIT.FAILURE);
      return provider.deleteForm(h, name);
    });
    if (opts.json) printJson(deps, { server: unc, form: name, deleted: true });
    else deps.stdout(`Deleted the form "${name}" of ${unc}.\n`);
  });
}

/** A server handle for SERVER_ACCESS_ADMINISTER, `change`, refusals said for `what`. */
function withServerForms(
  server: string,
  opts: AdminOptions,
  deps: CliDeps,
  what: string,
  change: (provider: PrintProvider, h: PrinterHandle) => Promise<void>,
): Promise<void> {
  const hints = formHints(server);
  return withAdminSession(server, opts, deps, (s) =>
    withHandle(s, formatUnc(server), AccessMask.SERVER_ACCESS_ADMINISTER, { what, hints }, (h) =>
      change(s.provider, h).catch((err: unknown) => {
        throw explainAdminFailure(err, what, hints);
      }),
    ),
  );
}
