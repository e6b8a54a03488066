/**
 * `pointprint migrate [drivers|forms|printers|settings|security|all] --source //HOST[:PORT] --destination
 * //HOST[:PORT] -U user%pass [--printer NAME]`: a print server's configuration copied to another
 * over MS-RPRN, as Windows' PrintBrm does it, where Samba's `net rpc printer migrate` cannot (it
 * never asks for subkeys such as `CopyFiles\ICM`, and it sends an empty SECURITY_CONTAINER).
 *
 * The printers are the source's (RpcEnumPrinters PRINTER_ENUM_LOCAL level 2), or --printer; each
 * must exist on the destination (the printers part makes it). `all` runs the parts in PrintBrm's
 * restore order: drivers (with --printer: its driver), forms, printers, settings, security.
 * Progress goes to stderr, the summary to stdout (--json for a script).
 * The same account (-U) logs on to both servers: an administrator of each.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { formatUnc } from '../../common/unc';
import { printJson, withAdminSession, type AdminOptions } from '../admin-session';
import { EXIT, type CliDeps } from '../cli-deps';
import { addCommonOptions } from '../common-options';
import { addCredentialOptions } from '../credentials';
import { CliError } from '../failure';
import { addRpcTransportOptions } from '../rpc-transport-options';
import { migrateDrivers, type DriversResult } from './migrate-drivers';
import { migratePrinters, shortPrinterName, sourcePrinterInfos, type PrintersResult } from './migrate-printers';
import {
  migrateForms,
  migrateSecurity,
  migrateSettings,
  type FormsResult,
  type MigrateContext,
  type SecurityResult,
  type SettingsResult,
} from './migrate-steps';

/** The parts in the order PrintBrm restores them. */
export const MIGRATE_PARTS = ['drivers', 'forms', 'printers', 'settings', 'security'] as const;
export type MigratePart = (typeof MIGRATE_PARTS)[number];

interface MigrateOptions extends AdminOptions {
  source: Endpoint;
  destination: Endpoint;
  printer?: string;
}

export interface Endpoint {
  readonly server: string;
  /** `host[:port]`, as --address takes it. */
  readonly address: string;
}

/** `//HOST[:PORT]`, `\\HOST[:PORT]` or `HOST[:PORT]`. */
export function parseEndpoint(value: string): Endpoint {
  const m = /^(?:\/\/|\\\\)?([A-Za-z0-9][A-Za-z0-9.-]*)(?::(\d{1,5}))?[\\/]?$/.exec(value.trim());
  const port = m?.[2] === undefined ? undefined : Number(m[2]);
  if (m?.[1] === undefined || (port !== undefined && (port < 1 || port > 65535)))
    throw new InvalidArgumentError('expected //HOST or //HOST:PORT (the SMB port, 445 when not given)');
  return { server: m[1], address: port === undefined ? m[1] : `${m[1]}:${port}` };
}

function parsePart(value: string): MigratePart | 'all' {
  const v = value.toLowerCase();
  if (v === 'all' || (MIGRATE_PARTS as readonly string[]).includes(v)) return v as MigratePart | 'all';
  throw new InvalidArgumentError(`expected one of ${[...MIGRATE_PARTS, 'all'].join(', ')}`);
}

interface MigrateReport {
  source: string;
  destination: string;
  drivers?: DriversResult;
  forms?: FormsResult;
  printers?: PrintersResult;
  settings?: SettingsResult[];
  security?: SecurityResult[];
}

async function runParts(ctx: MigrateContext, parts: readonly MigratePart[], printer?: string): Promise<MigrateReport> {
  const report: MigrateReport = {
    source: formatUnc(ctx.source.server),
    destination: formatUnc(ctx.destination.server),
  };
  const infos = (await sourcePrinterInfos(ctx.source)).filter(
    (p) => printer === undefined || shortPrinterName(p.printerName).toLowerCase() === printer.toLowerCase(),
  );
  if (printer !== undefined && infos.length === 0)
    throw new CliError(
      `${formatUnc(ctx.source.server)} has no printer "${printer}"`,
      `pointprint printers '${formatUnc(ctx.source.server)}' lists them`,
      EXIT.FAILURE,
    );
  const printers = infos.map((p) => shortPrinterName(p.printerName));
  for (const part of parts) {
    ctx.progress(`migrating ${part}`);
    if (part === 'drivers')
      report.drivers = await migrateDrivers(
        ctx,
        printer === undefined ? undefined : new Set(infos.map((p) => p.driverName.toLowerCase())),
      );
    else if (part === 'forms') report.forms = await migrateForms(ctx);
    else if (part === 'printers') report.printers = await migratePrinters(ctx, infos);
    else if (part === 'settings') {
      report.settings = [];
      for (const p of printers) report.settings.push(await migrateSettings(ctx, p));
    } else {
      report.security = [];
      for (const p of printers) report.security.push(await migrateSecurity(ctx, p));
    }
  }
  return report;
}

function formatReport(r: MigrateReport): string {
  const lines = [`Migrated from ${r.source} to ${r.destination}:`];
  for (const d of r.drivers?.installed ?? []) lines.push(`  driver ${d.name} (${d.environment}): ${d.files} files`);
  if (r.forms)
    lines.push(
      `  forms: ${r.forms.added.length} added, ${r.forms.updated.length} updated; ${r.forms.builtinLeft} built-in forms left (the destination has its own)`,
    );
  if (r.printers)
    lines.push(
      `  printers: ${r.printers.added.length} added (${r.printers.added.join(', ')}), ${r.printers.updated.length} updated (${r.printers.updated.join(', ')})`,
    );
  for (const s of r.settings ?? []) {
    const empty = s.emptyKeys.length > 0 ? `; keys without values, not made: ${s.emptyKeys.join(', ')}` : '';
    lines.push(`  settings of ${s.printer}: ${s.values} values in ${s.keys} keys${empty}`);
  }
  for (const s of r.security ?? []) lines.push(`  security of ${s.printer}: descriptor of ${s.bytes} bytes`);
  return `${lines.join('\n')}\n`;
}

export function registerMigrateCommand(program: Command, deps: CliDeps): void {
  const command = program
    .command('migrate')
    .description(
      "copy a print server's drivers (their files), forms, printers, printer settings (every key, CopyFiles\\ICM included) and security to another over MS-RPRN, as PrintBrm does",
    )
    .argument(
      '[part]',
      `what to migrate: ${[...MIGRATE_PARTS, 'all'].join(', ')} (all: in that order)`,
      parsePart,
      'all',
    )
    .requiredOption('--source <//HOST[:PORT]>', 'the server to copy from', parseEndpoint)
    .requiredOption('--destination <//HOST[:PORT]>', 'the server to copy to', parseEndpoint)
    .option('--printer <name>', "one printer (else every printer of the source's)")
    .option('--json', 'machine-readable output (errors too)')
    .addHelpText(
      'after',
      '\nExample:\n  $ pointprint migrate settings --source //oldserver --destination //127.0.0.1:4455 -U admin --rpc np',
    );
  addCredentialOptions(command, {
    userHelp: 'an administrator of both servers (without %password: PASSWD, else asked)',
    authenticationFile: true,
  });
  addRpcTransportOptions(command);
  addCommonOptions(command, { logFile: true }).action(async (part: MigratePart | 'all', opts: MigrateOptions) => {
    const parts = part === 'all' ? MIGRATE_PARTS : [part];
    const side = (e: Endpoint): AdminOptions => ({ ...opts, address: e.address });
    const report = await withAdminSession(opts.source.server, side(opts.source), deps, (source) =>
      withAdminSession(opts.destination.server, side(opts.destination), deps, (destination) =>
        runParts(
          {
            source: { session: source, server: opts.source.server },
            destination: { session: destination, server: opts.destination.server },
            progress: (line) => deps.stderr(`${line}\n`),
          },
          parts,
          opts.printer,
        ),
      ),
    );
    if (opts.json) printJson(deps, report);
    else deps.stdout(formatReport(report));
  });
}
