/**
 * Print administration from another machine, over the wire, as `Get-Printer -ComputerName`,
 * `Get-PrintJob`, `Remove-PrintJob`/`Suspend-PrintJob`/`Resume-PrintJob` and `lpstat -p -o` do:
 *
 *   pointprint printers '\\SERVER'                 RpcEnumPrinters(PRINTER_ENUM_LOCAL, \\SERVER, 2)
 *   pointprint jobs '\\SERVER\HpColor'             RpcOpenPrinterEx + RpcEnumJobs(0, all, 2)
 *   pointprint cancel|pause|resume '\\SERVER\HpColor' 12
 *                                                  RpcOpenPrinterEx + RpcSetJob(JOB_CONTROL_*)
 *
 * The calls go through the remote provider (SMB2, IPC$, \pipe\spoolss, MS-RPRN), so they work
 * against any Windows-protocol print server, ours or Samba's; name resolution and the account are
 * those of every network command (network-connector.ts). The server decides the rights: Print for
 * one's own jobs, Manage Documents for others' ([MS-RPRN] 3.1.4.3.1).
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { PrintServerConnection } from '../../client/print-server-connection';
import { Win32Error } from '../../common/errors';
import { Win32ErrorCode, win32ErrorName } from '../../common/status/win32-error';
import { formatUnc, parseUnc } from '../../common/unc';
import { AccessMask, JobControl, PrinterEnum } from '../../spoolss/constants';
import { EXIT, type CliDeps } from '../cli-deps';
import { addCommonOptions, commandLogger, type CommonOptions } from '../common-options';
import { CliError } from '../failure';
import { addNetworkOptions, withServer, type NetworkOptions } from '../network-connector';
import { formatJobs, formatPrinters, jobRow, printerRow } from '../remote-format';
import { WIRE_CALLER, clientInfo } from '../wire-client';

export interface RemoteOptions extends NetworkOptions, CommonOptions {
  json?: boolean;
}

/** EnumJobs' NoJobs: every job from the first ([MS-RPRN] 3.1.4.3.3 takes a count, not a cap). */
const ALL_JOBS = 0xffffffff;

const JOB_ACTIONS = {
  // JOB_CONTROL_CANCEL is documented as "do not use"; JOB_CONTROL_DELETE deletes the job.
  cancel: { command: JobControl.JOB_CONTROL_DELETE, done: 'cancelled', verb: 'Remove-PrintJob' },
  pause: { command: JobControl.JOB_CONTROL_PAUSE, done: 'paused', verb: 'Suspend-PrintJob' },
  resume: { command: JobControl.JOB_CONTROL_RESUME, done: 'resumed', verb: 'Resume-PrintJob' },
} as const;
type JobAction = keyof typeof JOB_ACTIONS;

/** `\\SERVER`, `//SERVER` or a bare `SERVER`, as Get-Printer -ComputerName takes it. */
export function parseServerArgument(value: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(value)) return value;
  const unc = parseUnc(value);
  if (unc.name !== undefined)
    throw new CliError(
      `"${value}" names a printer, not a server`,
      `give the server alone, '\\\\${unc.server}', or list the printer's jobs: pointprint jobs '${value}'`,
      EXIT.USAGE,
    );
  return unc.server;
}

/** `\\SERVER\printer` (or `//SERVER/printer`). */
export function parsePrinterArgument(value: string): { server: string; printer: string } {
  const unc = parseUnc(value);
  if (unc.name === undefined || unc.path !== undefined)
    throw new CliError(
      `"${value}" is not a printer`,
      "give '\\\\SERVER\\printer' (quoted) or //SERVER/printer",
      EXIT.USAGE,
    );
  return { server: unc.server, printer: unc.name };
}

function parseJobId(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > 0xffffffff)
    throw new InvalidArgumentError('expected a job id, a whole number from 1 (pointprint jobs lists them)');
  return n;
}

export function addRemoteOptions(command: Command): Command {
  addNetworkOptions(command, { clientRoot: true });
  command.option('--json', 'machine-readable output (errors too)');
  return addCommonOptions(command, { logFile: true });
}

/** OpenPrinter for Print access, `body`, ClosePrinter. */
async function withPrinter<T>(
  connection: PrintServerConnection,
  userName: string,
  unc: string,
  body: (handle: Awaited<ReturnType<PrintServerConnection['provider']['openPrinter']>>) => Promise<T>,
): Promise<T> {
  const provider = connection.provider;
  const handle = await provider
    .openPrinter(unc, { desiredAccess: AccessMask.PRINTER_ACCESS_USE, clientInfo: clientInfo(userName) }, WIRE_CALLER)
    .catch((err: unknown) => {
      if (!(err instanceof Win32Error) || err.win32 !== Win32ErrorCode.ERROR_INVALID_PRINTER_NAME) throw err;
      const server = unc.slice(0, unc.indexOf('\\', 2));
      throw new CliError(
        `${unc}: no such printer (ERROR_INVALID_PRINTER_NAME)`,
        `pointprint printers '${server}' lists them`,
        EXIT.FAILURE,
        {
          cause: err,
          code: 'ERROR_INVALID_PRINTER_NAME',
        },
      );
    });
  try {
    return await body(handle);
  } finally {
    await provider.closePrinter(handle).catch(() => undefined);
  }
}

function json(deps: CliDeps, value: unknown): void {
  deps.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

export function registerRemoteListCommands(program: Command, deps: CliDeps): void {
  addRemoteOptions(
    program
      .command('printers')
      .description("a print server's printers over MS-RPRN: status, jobs, driver, ports (as Get-Printer -ComputerName)")
      .argument('<server>', "the server: '\\\\SERVER' (quoted), //SERVER or SERVER")
      .addHelpText('after', "\nExample:\n  $ pointprint printers '\\\\NTPRINT' --address 127.0.0.1:4455 -U alice"),
  ).action(async (serverArg: string, opts: RemoteOptions) => {
    const server = parseServerArgument(serverArg);
    const logger = commandLogger(deps, opts);
    const unc = formatUnc(server);
    const printers = await withServer(server, opts, deps, logger, (c) =>
      c.provider.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, unc, WIRE_CALLER),
    );
    const rows = printers.map(printerRow);
    if (opts.json) json(deps, { server: unc, printers: rows });
    else deps.stdout(formatPrinters(unc, rows));
  });

  addRemoteOptions(
    program
      .command('jobs')
      .description("a printer's queue over MS-RPRN: id, owner, status, pages (as Get-PrintJob, lpstat -o)")
      .argument('<printer>', "the printer: '\\\\SERVER\\printer' (quoted) or //SERVER/printer")
      .addHelpText(
        'after',
        "\nExample:\n  $ pointprint jobs '\\\\NTPRINT\\HpColor' --address 127.0.0.1:4455 -U alice --json",
      ),
  ).action(async (printerArg: string, opts: RemoteOptions) => {
    const { server, printer } = parsePrinterArgument(printerArg);
    const logger = commandLogger(deps, opts);
    const unc = formatUnc(server, printer);
    const jobs = await withServer(server, opts, deps, logger, (c, user) =>
      withPrinter(c, user, unc, (h) => c.provider.enumJobs(h, 0, ALL_JOBS)),
    );
    const rows = jobs.map(jobRow);
    if (opts.json) json(deps, { printer: unc, jobs: rows });
    else deps.stdout(formatJobs(unc, rows));
  });
}

export function registerRemoteJobCommands(program: Command, deps: CliDeps): void {
  for (const action of Object.keys(JOB_ACTIONS) as JobAction[]) {
    const { command, done, verb } = JOB_ACTIONS[action];
    addRemoteOptions(
      program
        .command(action)
        .description(`${action} a job on a print server over MS-RPRN (SetJob, as ${verb})`)
        .argument('<printer>', "the printer: '\\\\SERVER\\printer' (quoted) or //SERVER/printer")
        .argument('<job-id>', 'the job id (pointprint jobs lists them)', parseJobId)
        .addHelpText(
          'after',
          `\nExample:\n  $ pointprint ${action} '\\\\NTPRINT\\HpColor' 12 --address 127.0.0.1:4455 -U alice`,
        ),
    ).action(async (printerArg: string, jobId: number, opts: RemoteOptions) => {
      const { server, printer } = parsePrinterArgument(printerArg);
      const logger = commandLogger(deps, opts);
      const unc = formatUnc(server, printer);
      await withServer(server, opts, deps, logger, (c, user) =>
        withPrinter(c, user, unc, async (h) => {
          try {
            await c.provider.setJob(h, jobId, command);
          } catch (err) {
            if (!(err instanceof Win32Error)) throw err;
            // Servers answer a job they do not hold with different codes (ours
            // ERROR_INVALID_PARAMETER, Samba's also ERROR_INVALID_PRINTER_NAME): ask the queue.
            const held = await c.provider.enumJobs(h, 0, ALL_JOBS).catch(() => undefined);
            throw explainJobFailure(err, { unc, jobId, action, held: held?.some((j) => j.jobId === jobId) });
          }
        }),
      );
      if (opts.json) json(deps, { printer: unc, jobId, action, result: done });
      else deps.stdout(`job ${jobId} on ${unc}: ${done}\n`);
    });
  }
}

/** A refused SetJob, said for the job: not in the queue, or refused in the state it is in. */
function explainJobFailure(
  err: Win32Error,
  job: { unc: string; jobId: number; action: JobAction; held: boolean | undefined },
): unknown {
  const name = win32ErrorName(err.win32);
  if (job.held === false)
    return new CliError(
      `${job.unc} has no job ${job.jobId} (${name})`,
      `list the jobs: pointprint jobs '${job.unc}'`,
      EXIT.FAILURE,
      {
        cause: err,
        code: name,
      },
    );
  if (job.held === true && err.win32 !== Win32ErrorCode.ERROR_ACCESS_DENIED)
    return new CliError(
      `${job.unc} refused to ${job.action} job ${job.jobId} (${name})`,
      `see its status with pointprint jobs '${job.unc}': a server may refuse a job that is still spooling`,
      EXIT.FAILURE,
      { cause: err, code: name },
    );
  return err;
}
