/**
 * `pointprint print <file> --printer NAME`: submits a file as a RAW job.
 *
 * With `--address host[:port]` (or a UNC `--printer '\\SERVER\share'`) it goes over the network as
 * Windows and smbclient's `print` do: TREE_CONNECT to the printer share, CREATE of a file named
 * after the document, WRITEs of at most MaxWriteSize, CLOSE — which is when the server queues
 * the job ([MS-SMB2] 3.3.5.9, 3.3.5.13). SMB2 does not report the job id, so the line printed
 * says what was sent. Without either, it talks to a local `pointprint serve --state DIR` over the
 * control channel (StartDocPrinter / WritePrinter / EndDocPrinter as the caller).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../../common/errors';
import { createLogger, type Logger } from '../../common/logger';
import { formatUnc, parseUnc } from '../../common/unc';
import { Smb2Client } from '../../smb2/client/smb2-client';
import type { CliDeps } from '../cli-deps';
import { resolveCredentials } from '../credentials';
import { resolveServerAddress } from '../server-address';
import { addControlOptions, control, type ControlOptions, type OutputDeps } from './control-channel';

interface PrintOptions extends ControlOptions {
  printer: string;
  name?: string;
  address?: string;
  authenticationFile?: string;
}

type PrintDeps = OutputDeps & Pick<CliDeps, 'createLogger'>;

/** The server name and share a `--printer` names: a UNC name, or a bare share on `--address`'s host. */
function printerTarget(printer: string): { server?: string; share: string } {
  if (!isUnc(printer)) return { share: printer };
  const unc = parseUnc(printer);
  if (unc.name === undefined) throw new ConfigError(`"${printer}" names no printer share`);
  return { server: unc.server, share: unc.name };
}

function isUnc(printer: string): boolean {
  return /^(\\\\|\/\/)/.test(printer);
}

async function printOverSmb2(file: string, opts: PrintOptions, deps: PrintDeps): Promise<void> {
  const logger: Logger = deps.createLogger ? deps.createLogger('warn') : createLogger({ level: 'warn' });
  const target = printerTarget(opts.printer);
  const found = await resolveServerAddress(target.server ?? '', {
    ...(opts.address !== undefined && { address: opts.address }),
  });
  const serverName = target.server ?? found.host;
  const share = formatUnc(serverName, target.share);
  const credentials = await resolveCredentials({
    ...(opts.user !== undefined && { user: opts.user }),
    ...(opts.authenticationFile !== undefined && { authFile: opts.authenticationFile }),
    env: process.env,
  });
  const documentName = opts.name ?? path.basename(file);
  const data = await fs.readFile(file);
  const client = await Smb2Client.connect({ host: found.host, port: found.port, serverName, logger });
  try {
    const session = await client.login(
      credentials
        ? {
            user: credentials.userName,
            password: credentials.password,
            ...(credentials.domain !== undefined && { domain: credentials.domain }),
          }
        : { user: 'Guest', password: '' },
    );
    const tree = await session.treeConnect(target.share);
    const written = await tree.writeFile(documentName, data);
    await tree.disconnect();
    deps.stdout(`printed ${file} on ${share} (${written} bytes)\n`);
  } finally {
    await client.close();
  }
}

export function registerPrintCommand(program: Command, deps: PrintDeps): void {
  addControlOptions(
    program
      .command('print')
      .description('print a file on a printer: over SMB2 with --address, else on a local running server')
      .argument('<file>', 'the file to print (sent RAW)')
      .requiredOption('--printer <name>', "printer or share name, or '\\\\SERVER\\share' over the network")
      .option('--name <document>', 'document name (default: the file name)')
      .option('--address <host[:port]>', 'print over SMB2 to the printer share on this server')
      .option('-A, --authentication-file <file>', 'over SMB2: read username, password and domain from a file'),
  ).action(async (file: string, opts: PrintOptions) => {
    if (opts.address !== undefined || isUnc(opts.printer)) {
      await printOverSmb2(file, opts, deps);
      return;
    }
    const data = await fs.readFile(file);
    const result = (await control(opts, {
      op: 'print',
      args: { printer: opts.printer, documentName: opts.name ?? path.basename(file), data: data.toString('base64') },
    })) as { jobId: number };
    deps.stdout(`job ${result.jobId} queued on ${opts.printer} (${data.length} bytes)\n`);
  });
}
