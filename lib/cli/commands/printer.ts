/** `pointprint printer pause|resume|purge <name>`: SetPrinter PRINTER_CONTROL_* (Manage Printer). */
import { InvalidArgumentError, type Command } from 'commander';
import { addControlOptions, control, type ControlOptions, type ControlDeps } from './control-channel';

const ACTIONS = ['pause', 'resume', 'purge'] as const;
type PrinterAction = (typeof ACTIONS)[number];

function parseAction(v: string): PrinterAction {
  if (!(ACTIONS as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected ${ACTIONS.join('|')}`);
  return v as PrinterAction;
}

export function registerPrinterCommand(program: Command, deps: ControlDeps): void {
  addControlOptions(
    program
      .command('printer')
      .description('pause, resume or purge a printer of a running server')
      .argument('<action>', ACTIONS.join('|'), parseAction)
      .argument('<name>', 'printer name'),
  ).action(async (action: PrinterAction, name: string, opts: ControlOptions) => {
    await control(opts, { op: 'printer', args: { printer: name, action } }, deps);
    deps.stdout(`printer ${name}: ${action}\n`);
  });
}
