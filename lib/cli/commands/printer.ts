/**
 * `pointprint printer`: `pause|resume|purge <name>` on a running `serve --state DIR` through its
 * control channel (SetPrinter PRINTER_CONTROL_*, Manage Printer), and `add|delete` on any print
 * server over the wire (printer-admin.ts).
 */
import type { Command } from 'commander';
import { addControlOptions, control, type ControlOptions, type ControlDeps } from './control-channel';

const ACTIONS = ['pause', 'resume', 'purge'] as const;

/** The `printer` command and its control-channel subcommands; the caller adds the others. */
export function registerPrinterCommand(program: Command, deps: ControlDeps): Command {
  const printer = program
    .command('printer')
    .description('add or delete a printer of a print server; pause, resume or purge one of a running server');
  for (const action of ACTIONS)
    addControlOptions(
      printer
        .command(action)
        .description(`${action} a printer of a running server (SetPrinter PRINTER_CONTROL_${action.toUpperCase()})`)
        .argument('<name>', 'printer name'),
    ).action(async (name: string, opts: ControlOptions) => {
      await control(opts, { op: 'printer', args: { printer: name, action } }, deps);
      deps.stdout(`printer ${name}: ${action}\n`);
    });
  return printer;
}
