/**
 * The commander programs: `pointprint <command>` and the standalone `addprinterconnection`.
 * Both are built from injected deps and driven with exitOverride(), so tests run them in
 * process; runProgram maps every outcome to an exit code through deps.setExitCode
 * (0 ok, 1 failure, 2 usage or input error) and bin/ turns that into process.exitCode.
 * Every failure is one line on stderr saying what went wrong and what to do (failure.ts), or
 * under --json one JSON document on stdout.
 */
import { Command } from 'commander';
import { EXIT, type CliDeps } from './cli-deps';
import { configureAddPrinterConnection, registerAddPrinterConnectionCommand } from './commands/add-printer-connection';
import { registerDemoCommand } from './commands/demo';
import { registerDeviceCommand } from './commands/device';
import { registerDriverCommands } from './commands/driver-admin';
import { registerExportCommand } from './commands/export';
import { registerFormCommands } from './commands/form-admin';
import { registerJobCommand } from './commands/job';
import { registerMigrateCommand } from './commands/migrate';
import { registerPortCommand } from './commands/port';
import { registerPrintCommand } from './commands/print';
import { registerPrinterCommand } from './commands/printer';
import { registerPrinterAdminCommands } from './commands/printer-admin';
import { registerRemoteJobCommands, registerRemoteListCommands } from './commands/remote-printers';
import { registerStatusCommand } from './commands/status';
import { registerServeCommand } from './commands/serve';
import { registerValidateCommand } from './commands/validate';
import { describeFailure, formatFailure } from './failure';
import { createNetworkConnector } from './network-connector';
import { VERSION } from './version';

const EXAMPLES = `
Examples:
  $ pointprint demo
  $ pointprint serve --port 4455 --address 127.0.0.1 --state ./state
  $ pointprint addprinterconnection '\\\\NTPRINT\\HpColor' --address 127.0.0.1:4455 -U alice --client-root ./client
  $ pointprint deleteprinterconnection '\\\\NTPRINT\\HpColor' --client-root ./client
  $ pointprint printers '\\\\NTPRINT' --address 127.0.0.1:4455 -U alice
  $ pointprint jobs '\\\\NTPRINT\\HpColor' --address 127.0.0.1:4455 -U alice --json
  $ pointprint cancel '\\\\NTPRINT\\HpColor' 12 --address 127.0.0.1:4455 -U alice
  $ pointprint status --state ./state --json
  $ pointprint print report.txt --printer HpColor --address 127.0.0.1:4455 -U alice
  $ pointprint print report.txt --printer HpColor --state ./state
  $ pointprint device HpColor fault jam --state ./state
  $ pointprint printer add '\\\\NTPRINT\\Lab' --driver 'HP Color LaserJet 4500 PCL' --printer-port LPT1: --address 127.0.0.1:4455 -U admin
  $ pointprint form add '\\\\NTPRINT' 'Lab label' --size 100x150mm --address 127.0.0.1:4455 -U admin
  $ pointprint export --state ./state ./my-fixture
  $ pointprint validate registry-fixtures/NTPRINT --sarif findings.sarif`;

function base(command: Command, deps: CliDeps): Command {
  return (
    command
      .exitOverride()
      // Commander's own error lines are replaced by runProgram's one line (or JSON).
      .configureOutput({ writeOut: (s) => deps.stdout(s), writeErr: (s) => deps.stderr(s), outputError: () => {} })
  );
}

export function buildPointprintProgram(deps: CliDeps): Command {
  const program = base(new Command('pointprint'), deps)
    .description('a Windows print server and Point-and-Print client emulator (SMB2, MS-RPRN, PRINT$)')
    .version(VERSION)
    .addHelpText('after', EXAMPLES);
  registerDemoCommand(program, deps);
  registerAddPrinterConnectionCommand(program, deps);
  registerServeCommand(program, deps);
  registerRemoteListCommands(program, deps);
  registerRemoteJobCommands(program, deps);
  registerStatusCommand(program, deps);
  registerPrintCommand(program, deps);
  registerPrinterAdminCommands(registerPrinterCommand(program, deps), deps);
  registerJobCommand(program, deps);
  registerDeviceCommand(program, deps);
  registerFormCommands(program, deps);
  registerDriverCommands(program, deps);
  registerExportCommand(program, deps);
  registerPortCommand(program, deps);
  registerMigrateCommand(program, deps);
  registerValidateCommand(program, { ...deps, connectorFor: (target) => createNetworkConnector(target) });
  return program;
}

export function buildAddPrinterConnectionProgram(deps: CliDeps): Command {
  return configureAddPrinterConnection(base(new Command('addprinterconnection'), deps).version(VERSION), deps);
}

/** The exit code for an error out of a command. */
export function exitCodeFor(err: unknown): number {
  return describeFailure(err, '').exitCode;
}

/** `pointprint serve` for the help hint: the program and the subcommand the user typed, if any. */
function usageFor(program: Command, argv: readonly string[]): string {
  // The first word that names a subcommand (`migrate printers` is migrate's, not `printers`).
  const word = argv.find((a) => program.commands.some((c) => a === c.name() || c.aliases().includes(a)));
  const sub = program.commands.find((c) => word === c.name() || (word !== undefined && c.aliases().includes(word)));
  return sub ? `${program.name()} ${sub.name()}` : program.name();
}

export async function runProgram(program: Command, argv: readonly string[], deps: CliDeps): Promise<void> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    const usage = usageFor(program, argv);
    const failure = describeFailure(err, usage);
    if (failure.exitCode !== EXIT.OK && failure.message !== '') {
      const out = formatFailure(failure, usage, argv.includes('--json'));
      if (out.stdout !== undefined) deps.stdout(out.stdout);
      if (out.stderr !== undefined) deps.stderr(out.stderr);
    }
    deps.setExitCode(failure.exitCode);
  }
}
