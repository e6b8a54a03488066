/**
 * `pointprint print <file> --printer NAME`: submits a file as a RAW job to a running server
 * (StartDocPrinter / WritePrinter / EndDocPrinter as the caller, over the local control
 * channel). DEVIATION: submission over an SMB2 printer share from this command is not there
 * yet — the SMB2 client has no CREATE-for-write/WRITE; use `smbclient //host/share -c 'print f'`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { addControlOptions, control, type ControlOptions, type OutputDeps } from './control-channel';

interface PrintOptions extends ControlOptions {
  printer: string;
  name?: string;
}

export function registerPrintCommand(program: Command, deps: OutputDeps): void {
  addControlOptions(
    program
      .command('print')
      .description('print a file on a printer of a running server')
      .argument('<file>', 'the file to print (sent RAW)')
      .requiredOption('--printer <name>', 'printer or share name')
      .option('--name <document>', 'document name (default: the file name)'),
  ).action(async (file: string, opts: PrintOptions) => {
    const data = await fs.readFile(file);
    const result = (await control(opts, {
      op: 'print',
      args: { printer: opts.printer, documentName: opts.name ?? path.basename(file), data: data.toString('base64') },
    })) as { jobId: number };
    deps.stdout(`job ${result.jobId} queued on ${opts.printer} (${data.length} bytes)\n`);
  });
}
