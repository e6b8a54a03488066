/**
 * `pointprint print <file> --printer NAME`: submits a file as a RAW job.
 *
 * With `--address host[:port]` (or a UNC `--printer '\\SERVER\share'`) it goes over the network as
 * Windows and smbclient's `print` do: TREE_CONNECT to the printer share, CREATE of a file named
 * after the document, WRITEs of at most MaxWriteSize, CLOSE — which is when the server queues
 * the job ([MS-SMB2] 3.3.5.9, 3.3.5.13). SMB2 does not report the job id, so the line printed
 * says what was sent. The server name resolves as for every network command (network-connector.ts).
 * Without either, it talks to a local `pointprint serve --state DIR` over the control channel
 * (StartDocPrinter / WritePrinter / EndDocPrinter as the caller).
 */
import fs from 'fs-extra';
import path from 'node:path';
import type { Command } from 'commander';
import { formatUnc, parseUnc } from '../../common/unc';
import { Smb2Client } from '../../smb2/client/smb2-client';
import { EXIT } from '../cli-deps';
import { addCommonOptions, commandLogger, type CommonOptions } from '../common-options';
import { explainLogonFailure, resolveCredentials } from '../credentials';
import { CliError, fileProblem } from '../failure';
import { addNetworkOptions, resolveTarget, type NetworkOptions } from '../network-connector';
import { control, type ControlDeps } from './control-channel';

interface PrintOptions extends NetworkOptions, CommonOptions {
  printer: string;
  name?: string;
  state?: string;
}

/** The server name and share a `--printer` names: a UNC name, or a bare share on `--address`'s host. */
function printerTarget(printer: string): { server?: string; share: string } {
  if (!isUnc(printer)) return { share: printer };
  const unc = parseUnc(printer);
  if (unc.name === undefined)
    throw new CliError(`"${printer}" names a server but no printer`, "write '\\\\SERVER\\printer'", EXIT.USAGE);
  return { server: unc.server, share: unc.name };
}

function isUnc(printer: string): boolean {
  return /^(\\\\|\/\/)/.test(printer);
}

/** The file to print, read whole; a missing one is an input error. */
async function readDocument(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${fileProblem(err)}`, 'check the path of the file to print', EXIT.USAGE, {
      cause: err,
    });
  }
}

async function printOverSmb2(file: string, opts: PrintOptions, deps: ControlDeps): Promise<void> {
  const logger = commandLogger(deps, opts);
  const target = printerTarget(opts.printer);
  const data = await readDocument(file);
  // A bare share name goes to --address's host, under that name (the caller checked one is given).
  const found = await resolveTarget(target.server ?? opts.address ?? '', opts);
  const serverName = target.server ?? found.host;
  const share = formatUnc(serverName, target.share);
  const account = await resolveCredentials(opts, deps);
  const credentials = account.credentials;
  const documentName = opts.name ?? path.basename(file);
  const client = await Smb2Client.connect({ host: found.host, port: found.port, serverName, logger });
  try {
    const session = await client
      .login(
        credentials
          ? {
              user: credentials.userName,
              password: credentials.password,
              ...(credentials.domain !== undefined && { domain: credentials.domain }),
            }
          : { user: 'Guest', password: '' },
      )
      .catch((err: unknown) => {
        throw explainLogonFailure(err, account, `\\\\${serverName}`);
      });
    const tree = await session.treeConnect(target.share);
    const written = await tree.writeFile(documentName, data);
    await tree.disconnect();
    deps.stdout(`printed ${file} on ${share} (${written} bytes)\n`);
  } finally {
    await client.close();
  }
}

export function registerPrintCommand(program: Command, deps: ControlDeps): void {
  const command = program
    .command('print')
    .description(
      'print a file on a printer: over SMB2 with --address or a UNC --printer, else on a local running server',
    )
    .argument('<file>', 'the file to print (sent RAW)')
    .requiredOption('--printer <name>', "printer or share name, or '\\\\SERVER\\share' over the network")
    .option('--name <document>', 'document name (default: the file name)')
    .option('--state <dir>', 'without --address: the state directory of the running server to print on');
  addNetworkOptions(command, {
    clientRoot: true,
    userHelp: 'the account (without %password: PASSWD, else asked); locally, default the local administrator',
  });
  addCommonOptions(command, { logFile: true }).action(async (file: string, opts: PrintOptions) => {
    if (opts.address !== undefined || isUnc(opts.printer)) {
      await printOverSmb2(file, opts, deps);
      return;
    }
    const data = await readDocument(file);
    const result = (await control(
      opts,
      {
        op: 'print',
        args: { printer: opts.printer, documentName: opts.name ?? path.basename(file), data: data.toString('base64') },
      },
      deps,
    )) as { jobId: number };
    deps.stdout(`job ${result.jobId} queued on ${opts.printer} (${data.length} bytes)\n`);
  });
}
