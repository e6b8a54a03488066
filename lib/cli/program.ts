/**
 * The commander programs: `pointprint <command>` and the standalone `addprinterconnection`.
 * Both are built from injected deps and driven with exitOverride(), so tests run them in
 * process; runProgram maps every outcome to an exit code through deps.setExitCode
 * (0 ok, 1 failure, 2 usage or input error) and bin/ turns that into process.exitCode.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { AuthenticationError, ConfigError, PathEscapeError, Win32Error } from '../common/errors';
import { createLogger } from '../common/logger';
import { win32ErrorName } from '../common/status/win32-error';
import { EXIT, type CliDeps } from './cli-deps';
import { configureAddPrinterConnection, registerAddPrinterConnectionCommand } from './commands/add-printer-connection';
import { registerDemoCommand } from './commands/demo';
import { registerDeviceCommand } from './commands/device';
import { registerJobCommand } from './commands/job';
import { registerPrintCommand } from './commands/print';
import { registerPrinterCommand } from './commands/printer';
import { registerStatusCommand } from './commands/status';
import { registerServeCommand } from './commands/serve';
import { createNetworkConnector } from './network-connector';
import { registerValidateCommand } from './commands/validate';

const VERSION = '0.1.0';

const EXAMPLES = `
Examples:
  $ pointprint demo
  $ pointprint serve --port 4455 --address 127.0.0.1 --state ./state
  $ pointprint addprinterconnection '\\\\NTPRINT\\HpColor' --address 127.0.0.1:4455 -U alice%Passw0rd! --client-root ./client
  $ pointprint deleteprinterconnection '\\\\NTPRINT\\HpColor' --client-root ./client
  $ pointprint status --state ./state --json
  $ pointprint print report.txt --printer HpColor --address 127.0.0.1:4455 -U alice%Passw0rd!
  $ pointprint print report.txt --printer HpColor --state ./state
  $ pointprint device HpColor fault jam --state ./state
  $ pointprint validate registry-fixtures/NTPRINT --sarif findings.sarif`;

function base(command: Command, deps: CliDeps): Command {
  return command
    .exitOverride()
    .configureOutput({ writeOut: (s) => deps.stdout(s), writeErr: (s) => deps.stderr(s) })
    .showHelpAfterError('(run with --help for usage)');
}

export function buildPointprintProgram(deps: CliDeps): Command {
  const program = base(new Command('pointprint'), deps)
    .description('a Windows print server and Point-and-Print client emulator (SMB2, MS-RPRN, PRINT$)')
    .version(VERSION)
    .addHelpText('after', EXAMPLES);
  registerDemoCommand(program, deps);
  registerAddPrinterConnectionCommand(program, deps);
  registerServeCommand(program, deps);
  registerStatusCommand(program, deps);
  registerPrintCommand(program, deps);
  registerPrinterCommand(program, deps);
  registerJobCommand(program, deps);
  registerDeviceCommand(program, deps);
  const validateLogger = deps.createLogger ? deps.createLogger('warn') : createLogger({ level: 'warn' });
  registerValidateCommand(program, {
    stdout: deps.stdout,
    stderr: deps.stderr,
    setExitCode: deps.setExitCode,
    logger: validateLogger,
    connectorFor: (target) =>
      createNetworkConnector({
        ...(target.address !== undefined && { address: target.address }),
        ...(target.port !== undefined && { port: target.port }),
        logger: validateLogger,
      }),
  });
  return program;
}

export function buildAddPrinterConnectionProgram(deps: CliDeps): Command {
  return configureAddPrinterConnection(base(new Command('addprinterconnection'), deps).version(VERSION), deps);
}

/** The exit code for an error out of a command. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version')
      return EXIT.OK;
    return EXIT.USAGE;
  }
  if (err instanceof InvalidArgumentError || err instanceof ConfigError || err instanceof PathEscapeError)
    return EXIT.USAGE;
  return EXIT.FAILURE;
}

function describe(err: unknown): string {
  if (err instanceof Win32Error) return `${err.message} (${win32ErrorName(err.win32)}, ${err.win32})`;
  if (err instanceof AuthenticationError) return `logon failed: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

export async function runProgram(program: Command, argv: readonly string[], deps: CliDeps): Promise<void> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    const code = exitCodeFor(err);
    // Commander already printed its own messages (usage, help).
    if (!(err instanceof CommanderError)) deps.stderr(`${program.name()}: ${describe(err)}\n`);
    deps.setExitCode(code);
  }
}
