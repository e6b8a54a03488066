/**
 * `pointprint device <printer> [--port P] fault jam|paper-out|toner-out|door-open|offline`,
 * `... clear [fault|all]`, `... ppm <n>`: injects and clears faults on the emulated device
 * behind one of the printer's ports (its first port by default), as ippeveprinter lets a
 * tester set printer-state-reasons. Manage Printer is needed.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { DEVICE_FAULTS, type DeviceSnapshot } from '../../devices/print-device';
import { addControlOptions, control, type ControlOptions, type OutputDeps } from './control-channel';

interface DeviceOptions extends ControlOptions {
  port?: string;
}

const ACTIONS = ['fault', 'clear', 'ppm'] as const;
type DeviceCommand = (typeof ACTIONS)[number];

export function registerDeviceCommand(program: Command, deps: OutputDeps): void {
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
      .argument('[value]', `${DEVICE_FAULTS.join('|')} (clear: also all), or pages per minute`)
      .option('--port <port>', 'which port of a pool (default: the first)'),
  ).action(async (printer: string, action: DeviceCommand, value: string | undefined, opts: DeviceOptions) => {
    const v = value ?? (action === 'clear' ? 'all' : undefined);
    if (v === undefined) throw new InvalidArgumentError(`${action} needs a value`);
    const snap = (await control(opts, {
      op: 'device',
      args: { printer, action, value: v, ...(opts.port !== undefined && { port: opts.port }) },
    })) as DeviceSnapshot;
    deps.stdout(
      `device ${snap.name}: ${snap.state}, faults: ${snap.faults.join(',') || 'none'}, ${snap.ppm} ppm, toner ${snap.tonerPercent}%\n`,
    );
  });
}
