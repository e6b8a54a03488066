/**
 * What the spooler's end-to-end suites share: the NTPRINT fixture on PrintServerHost with a state
 * directory (emulated devices print, the control channel listens), user bob, and a two-page
 * document to print; and the pointprint CLI run in process against it.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPointprintProgram } from '../../../lib/cli/program';
import { createSilentLogger } from '../../../lib/common/logger';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { runCli, type CliRun } from '../../helpers/run-cli';

export const BOB = { name: 'bob', password: 'Bob!pass1', groups: ['Users'] };

export interface PrintingHost {
  readonly host: PrintServerHost;
  readonly state: string;
  readonly port: number;
  /** A two-page document (pages end with form feeds) in the state directory. */
  readonly file: string;
  close(): Promise<void>;
}

export async function startPrintingHost(prefix: string): Promise<PrintingHost> {
  const state = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  const host = await PrintServerHost.create({ stateDir: state, users: [BOB], logger: createSilentLogger() });
  const port = (await host.listen(0, '127.0.0.1')).port;
  const file = path.join(state, 'report.txt');
  await fs.writeFile(file, 'page one\fpage two\f');
  return { host, state, port, file, close: () => host.close() };
}

export const pointprint = (args: string[]): Promise<CliRun> => runCli(buildPointprintProgram, args);
