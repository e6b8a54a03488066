/**
 * `pointprint device <printer> [--printer-port P] fault jam|paper-out|toner-out|door-open|offline`,
 * `... clear [fault|all]`, `... ppm <n>`, `... snmp on|off`: injects and clears faults on the
 * emulated device behind one of the printer's ports (its first port by default), as
 * ippeveprinter lets a tester set printer-state-reasons, or turns a network printer's SNMP
 * agent off and on. Manage Printer is needed.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEVICE_FAULTS } from '../../devices/print-device';
import type { ControlledDevice } from '../../spooler/print-server';
import { EXIT } from '../cli-deps';
import { CliError } from '../failure';
import { addControlOptions, control, type ControlOptions, type ControlDeps } from './control-channel';

interface DeviceOptions extends ControlOptions {
  printerPort?: string;
  /** The old spelling of --printer-port, kept hidden: --port is the TCP port elsewhere. */
  port?: string;
}

const ACTIONS = ['fault', 'clear', 'ppm', 'snmp'] as const;
type DeviceCommand = (typeof ACTIONS)[number];

export function registerDeviceCommand(program: Command, deps: ControlDeps): void {
  addControlOptions(
    program
      .command('device')
      .description('inject or clear a fault, or set the speed, of the device behind a printer')
      .argument('<printer>', 'printer name')
      .argument('<action>', ACTIONS.join('|'), (v: string) => {
        if (!(ACTIONS as readonly string[]).includes(v))
          throw new InvalidArgumentError(`expected ${ACTIONS.join('|')}`);
        return v as DeviceCommand;
      })
      .argument('[value]', `${DEVICE_FAULTS.join('|')} (clear: also all), pages per minute, or on|off (snmp)`)
      .option('--printer-port <name>', "which of the printer's ports, in a pool (default: the first)")
      .addOption(new Option('--port <name>').hideHelp()),
  ).action(async (printer: string, action: DeviceCommand, value: string | undefined, opts: DeviceOptions) => {
    const v = value ?? (action === 'clear' ? 'all' : undefined);
    if (v === undefined) {
      const what =
        action === 'fault'
          ? `one of ${DEVICE_FAULTS.join(', ')}`
          : action === 'snmp'
            ? 'on or off'
            : 'the pages per minute, e.g. 30';
      throw new CliError(
        `${action} needs a value`,
        `give ${what}: pointprint device ${printer} ${action} <value>`,
        EXIT.USAGE,
      );
    }
    const port = opts.printerPort ?? opts.port;
    const snap = (await control(
      opts,
      { op: 'device', args: { printer, action, value: v, ...(port !== undefined && { port }) } },
      deps,
    )) as ControlledDevice;
    const agent = snap.snmpAgent !== undefined ? `, SNMP agent ${snap.snmpAgent}` : '';
    deps.stdout(
      `device ${snap.name}: ${snap.state}, faults: ${snap.faults.join(',') || 'none'}, ${snap.ppm} ppm, toner ${snap.tonerPercent}%${agent}\n`,
    );
  });
}
