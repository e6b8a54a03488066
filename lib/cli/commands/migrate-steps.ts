/**
 * The parts of `pointprint migrate`, each a series of MS-RPRN calls on the source and the
 * destination, as PrintBrm makes them:
 *
 *   settings   source: RpcEnumPrinterKey from "" down, RpcEnumPrinterDataEx of each key
 *              destination: RpcSetPrinterDataEx of each value with its type and bytes
 *              ([MS-RPRN] 3.1.4.2.20, 3.1.4.2.19, 3.1.4.2.18)
 *   security   source: RpcGetPrinter level 3; destination: RpcSetPrinter level 3 with the
 *              descriptor in the SECURITY_CONTAINER (3.1.4.2.6, 3.1.4.2.8)
 *   forms      source: RpcEnumForms level 1 on the server handle; destination: RpcAddForm, or
 *              RpcSetForm when a form of that name exists (3.1.4.5.5, 3.1.4.5.1, 3.1.4.5.3)
 *
 * Built-in forms (FORM_BUILTIN) are every server's own and are left alone; user and printer forms
 * are copied. A key with no values anywhere below it cannot be made over MS-RPRN (SetPrinterDataEx
 * makes a key only by writing a value into it): it is counted, not copied.
 */
import { Win32Error } from '../../common/errors';
import { Win32ErrorCode as E } from '../../common/status/win32-error';
import { formatUnc } from '../../common/unc';
import { PrinterDataWalkLimitError, walkPrinterData } from '../../client/printer-data-walk';
import { RemotePrintProvider } from '../../client/providers/remote-print-provider';
import { AccessMask } from '../../spoolss/constants';
import type { PrinterHandle } from '../../spoolss/types';
import { FormFlags } from '../../spooler/forms/builtin-forms';
import { explainAdminFailure } from '../admin-failure';
import { withHandle, type AdminSession } from '../admin-session';
import { EXIT } from '../cli-deps';
import { CliError } from '../failure';

/** One server of the migration: its session and its name as the user wrote it. */
export interface MigrateSide {
  readonly session: AdminSession;
  readonly server: string;
}

export interface MigrateContext {
  readonly source: MigrateSide;
  readonly destination: MigrateSide;
  /** A line of progress (stderr). */
  readonly progress: (line: string) => void;
}

export interface SettingsResult {
  readonly printer: string;
  readonly keys: number;
  readonly values: number;
  /** Keys with no value anywhere below them: MS-RPRN cannot create those. */
  readonly emptyKeys: readonly string[];
}

export interface SecurityResult {
  readonly printer: string;
  readonly bytes: number;
}

export interface FormsResult {
  readonly added: readonly string[];
  readonly updated: readonly string[];
  /** FORM_BUILTIN forms of the source, left (the destination has its own). */
  readonly builtinLeft: number;
}

const noPrinterHint = (side: MigrateSide, printer: string): Readonly<Partial<Record<number, string>>> => ({
  [E.ERROR_INVALID_PRINTER_NAME]: `${formatUnc(side.server, printer)} does not exist: migrate the printers first (pointprint migrate printers), or name one that exists with --printer`,
});

/** Opens the printer on both servers (PRINTER_ALL_ACCESS: reading the descriptor needs READ_CONTROL too). */
function withBothPrinters<T>(
  ctx: MigrateContext,
  printer: string,
  body: (source: PrinterHandle, destination: PrinterHandle) => Promise<T>,
): Promise<T> {
  const open = (side: MigrateSide, inner: (h: PrinterHandle) => Promise<T>): Promise<T> => {
    const unc = formatUnc(side.server, printer);
    return withHandle(
      side.session,
      unc,
      AccessMask.PRINTER_ALL_ACCESS,
      { what: `cannot open ${unc}`, hints: noPrinterHint(side, printer) },
      inner,
    );
  };
  return open(ctx.source, (s) => open(ctx.destination, (d) => body(s, d)));
}

export function migrateSettings(ctx: MigrateContext, printer: string): Promise<SettingsResult> {
  const from = formatUnc(ctx.source.server, printer);
  const to = formatUnc(ctx.destination.server, printer);
  return withBothPrinters(ctx, printer, async (s, d) => {
    const keys = await walkPrinterData(ctx.source.session.provider, s).catch((err: unknown) => {
      if (err instanceof PrinterDataWalkLimitError)
        throw new CliError(
          `cannot read the keys of ${from}: ${err.message}`,
          'the source answers keys without end; repair its registry, then migrate again',
          EXIT.FAILURE,
        );
      throw explainAdminFailure(err, `cannot read the keys of ${from}`);
    });
    let values = 0;
    for (const { key, values: own } of keys) {
      for (const value of own) {
        await ctx.destination.session.provider.setPrinterDataEx(d, key, value).catch((err: unknown) => {
          throw explainAdminFailure(err, `cannot set ${key}\\${value.name} on ${to}`);
        });
        values += 1;
      }
      if (own.length > 0) ctx.progress(`${to}: ${key}: ${own.length} value(s)`);
    }
    const emptyKeys = keys
      .filter(({ key }) => !keys.some((k) => (k.key === key || k.key.startsWith(`${key}\\`)) && k.values.length > 0))
      .map(({ key }) => key);
    return { printer, keys: keys.length, values, emptyKeys };
  });
}

export function migrateSecurity(ctx: MigrateContext, printer: string): Promise<SecurityResult> {
  const from = formatUnc(ctx.source.server, printer);
  const to = formatUnc(ctx.destination.server, printer);
  const src = ctx.source.session.provider;
  const dst = ctx.destination.session.provider;
  if (!(src instanceof RemotePrintProvider) || !(dst instanceof RemotePrintProvider))
    throw new CliError('security is migrated between servers over the wire only', undefined, EXIT.FAILURE);
  return withBothPrinters(ctx, printer, async (s, d) => {
    const sd = await src.getPrinterSecurity(s).catch((err: unknown) => {
      throw explainAdminFailure(err, `cannot read the security descriptor of ${from}`);
    });
    if (sd === undefined || sd.length === 0)
      throw new CliError(
        `${from} answered GetPrinter level 3 without a security descriptor`,
        'log on to the source as an administrator (reading a descriptor needs READ_CONTROL)',
        EXIT.FAILURE,
      );
    await dst.setPrinterSecurity(d, sd).catch((err: unknown) => {
      throw explainAdminFailure(err, `cannot set the security descriptor of ${to}`);
    });
    ctx.progress(`${to}: security descriptor (${sd.length} bytes)`);
    return { printer, bytes: sd.length };
  });
}

const formExists = (err: unknown): boolean =>
  err instanceof Win32Error && (err.win32 === E.ERROR_FILE_EXISTS || err.win32 === E.ERROR_ALREADY_EXISTS);

export async function migrateForms(ctx: MigrateContext): Promise<FormsResult> {
  const from = formatUnc(ctx.source.server);
  const to = formatUnc(ctx.destination.server);
  const forms = await withHandle(
    ctx.source.session,
    from,
    AccessMask.SERVER_ACCESS_ENUMERATE,
    { what: `cannot list the forms of ${from}` },
    (h) =>
      ctx.source.session.provider.enumForms(h).catch((err: unknown) => {
        throw explainAdminFailure(err, `cannot list the forms of ${from}`);
      }),
  );
  const copied = forms.filter((f) => f.flags !== FormFlags.FORM_BUILTIN);
  const added: string[] = [];
  const updated: string[] = [];
  const dst = ctx.destination.session.provider;
  await withHandle(
    ctx.destination.session,
    to,
    AccessMask.SERVER_ACCESS_ADMINISTER,
    { what: `cannot administer the forms of ${to}` },
    async (h) => {
      for (const form of copied) {
        const what = `cannot copy the form "${form.name}" to ${to}`;
        if (!dst.addForm || !dst.setForm)
          throw new CliError(`${what}: this connection cannot add forms`, undefined, EXIT.FAILURE);
        const add = dst.addForm.bind(dst);
        const set = dst.setForm.bind(dst);
        const wasAdded = await add(h, form).then(
          () => true,
          (err: unknown) => {
            if (!formExists(err)) throw explainAdminFailure(err, what);
            return false;
          },
        );
        if (!wasAdded)
          await set(h, form.name, form).catch((err: unknown) => {
            throw explainAdminFailure(err, what);
          });
        (wasAdded ? added : updated).push(form.name);
        ctx.progress(`${to}: form "${form.name}" ${wasAdded ? 'added' : 'updated'}`);
      }
    },
  );
  return { added, updated, builtinLeft: forms.length - copied.length };
}
