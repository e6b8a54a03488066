/**
 * What the spooler-management commands (status, print, printer, job, device) share: they talk
 * to a running `pointprint serve --state DIR` over its local control channel
 * (lib/spooler/control), as the local administrator or, with `-U user%password`, as an account
 * of the server, whose rights the printer's security then decides.
 */
import { ConfigError } from '../../common/errors';
import type { Command } from 'commander';
import { sendControlRequest } from '../../spooler/control/control-client';
import { controlSocketPath, type ControlRequest } from '../../spooler/control/control-protocol';
import { parseUserPassword } from './add-printer-connection';

export interface ControlOptions {
  state?: string;
  user?: { userName: string; password: string };
}

export function addControlOptions(command: Command): Command {
  return command
    .option('--state <dir>', 'state directory of the running server (pointprint serve --state DIR)')
    .option(
      '-U, --user <user%password>',
      'act as this account of the server (default: local administrator)',
      parseUserPassword,
    );
}

export async function control(opts: ControlOptions, request: ControlRequest): Promise<unknown> {
  const state = opts.state ?? process.env.POINTPRINT_STATE;
  if (state === undefined || state === '') {
    throw new ConfigError('--state <dir> is needed: the state directory of a running `pointprint serve --state DIR`');
  }
  const creds = opts.user && { user: opts.user.userName, password: opts.user.password };
  try {
    return await sendControlRequest(controlSocketPath(state), request, creds);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ECONNREFUSED') {
      throw new ConfigError(`no server is running on ${state} (start one with pointprint serve --state ${state})`, {
        cause: err,
      });
    }
    throw err;
  }
}

export interface OutputDeps {
  readonly stdout: (s: string) => void;
}
