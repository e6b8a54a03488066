/**
 * `pointprint demo` (`npm run demo`): starts the NTPRINT fixture server on SMB2 (127.0.0.1, a free
 * port), connects our client to it over the wire as
 * \\NTPRINT\HpColor and prints the numbered sequence of the seed document ("Download
 * queue-specific files"): both GenerateCopyFilePaths calls with their constants, the SourceDir and
 * TargetDir the server made up, the download, the event log, the SpoolerCopyFileEvent and
 * DrvPrinterEvent calls, then the client tree.
 */
import path from 'node:path';
import type { Command } from 'commander';
import tmp from 'tmp';
import { addPrinterConnection } from '../../client/add-printer-connection';
import { ClientPaths } from '../../client/client-paths';
import type { ClientFlowEvent } from '../../client/flow-events';
import { DEFAULT_FIXTURE_DIR } from '../../spooler/fixture';
import type { CliDeps } from '../cli-deps';
import { FlowPrinter } from '../format-flow';
import { startLoopbackServer } from '../loopback-server';
import { addCommonOptions, commandLogger, type CommonOptions } from '../common-options';

interface DemoOptions extends CommonOptions {
  fixture: string;
  printer: string;
  clientRoot?: string;
  keep?: boolean;
}

export function registerDemoCommand(program: Command, deps: CliDeps): void {
  const command = program
    .command('demo')
    .description(
      'run AddPrinterConnection("\\\\NTPRINT\\HpColor") against the NTPRINT fixture and show every call and event',
    )
    .option('--fixture <dir>', 'the server fixture folder', DEFAULT_FIXTURE_DIR)
    .option('--printer <name>', 'the printer to connect to', 'HpColor')
    .option('--client-root <dir>', "the client's %SystemRoot% (default: a temporary folder, removed afterwards)")
    .option('--keep', 'keep the temporary client root')
    .addHelpText('after', `\nExample:\n  $ pointprint demo\n  $ pointprint demo --client-root ./client`);
  addCommonOptions(command, { logFile: true }).action(async (opts: DemoOptions) => {
    const logger = commandLogger(deps, opts);
    const out = new FlowPrinter(deps.stdout);
    const events: ClientFlowEvent[] = [];
    const show = (e: ClientFlowEvent): void => {
      events.push(e);
      out.print(e);
    };
    const temporary =
      opts.clientRoot === undefined
        ? tmp.dirSync({ prefix: 'pointprint-demo-', unsafeCleanup: true, keep: opts.keep === true })
        : undefined;
    const clientRoot = opts.clientRoot !== undefined ? path.resolve(opts.clientRoot) : (temporary?.name ?? '');
    const factory = deps.demoServerFactory ?? startLoopbackServer;
    const server = await factory({ fixtureDir: opts.fixture, logger, trace: show });
    try {
      const unc = `\\\\${server.serverName}\\${opts.printer}`;
      deps.stdout(`pointprint demo: AddPrinterConnection("${unc}")\n`);
      deps.stdout(`  server: ${server.serverName} from ${opts.fixture}, reached ${server.transport}\n`);
      deps.stdout(`  client: MYCLIENT, %SystemRoot% = C:\\Windows = ${clientRoot}\n`);
      if (server.demoCredentials)
        deps.stdout(
          `  user:   ${server.demoCredentials.userName} on the server (the client's local user is an administrator)\n`,
        );
      const result = await addPrinterConnection(unc, {
        clientRoot,
        connector: server.connector,
        ...(server.demoCredentials && { credentials: server.demoCredentials }),
        logger,
        onEvent: show,
      });
      deps.stdout('\nQueue-specific files:\n');
      for (const e of events) {
        if (e.kind === 'copyfiles-paths')
          deps.stdout(`  ${e.key}: the server returned SourceDir = ${e.sourceDir}, TargetDir = "${e.targetDir}"\n`);
      }
      for (const cf of result.connection.copyFiles) {
        deps.stdout(`  ${cf.keyName}: ${cf.files.join(', ')} copied from ${cf.sourceDir} to ${cf.targetDir}\n`);
      }
      for (const w of result.warnings) deps.stdout(`  warning: ${w}\n`);
      deps.stdout(`\nClient tree (${clientRoot}):\n`);
      for (const entry of await new ClientPaths(clientRoot).listTree()) deps.stdout(`  ${entry}\n`);
    } finally {
      await server.close();
      if (!opts.keep) temporary?.removeCallback();
    }
  });
}
