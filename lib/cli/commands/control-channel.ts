/**
 * What the spooler-management commands (status, print, printer, job, device) share: they talk
 * to a running `pointprint serve --state DIR` over its local control channel
 * (lib/spooler/control), as the local administrator or, with `-U user[%password]`, as an account
 * of the server, whose rights the printer's security then decides. Without a password in -U the
 * password is asked for on the terminal, as smbclient does.
 */
import type { Command } from 'commander';
import fs from 'fs-extra';
import type { Logger } from '../../common/logger';
import { sendControlRequest } from '../../spooler/control/control-client';
import { controlSocketPath, type ControlRequest } from '../../spooler/control/control-protocol';
import { EXIT, type CliDeps } from '../cli-deps';
import { addCommonOptions, commandLogger, type CommonOptions } from '../common-options';
import { addCredentialOptions, resolveCredentials, type CredentialOptions } from '../credentials';
import { CliError } from '../failure';

export interface ControlOptions extends CredentialOptions, CommonOptions {
  state?: string;
}

/** What these commands need of the CLI's deps. */
export type ControlDeps = Pick<CliDeps, 'stdout' | 'createLogger' | 'readPassword' | 'env'>;

export function addControlOptions(command: Command): Command {
  command.option('--state <dir>', 'state directory of the running server (pointprint serve --state DIR)');
  addCredentialOptions(command, {
    userHelp: 'act as this account of the server (default: the local administrator)',
    authenticationFile: false,
  });
  return addCommonOptions(command, { logFile: false });
}

export async function control(opts: ControlOptions, request: ControlRequest, deps: ControlDeps): Promise<unknown> {
  const logger: Logger = commandLogger(deps, opts);
  const state = opts.state ?? (deps.env ?? process.env).POINTPRINT_STATE;
  if (state === undefined || state === '') {
    throw new CliError(
      'no state directory was given',
      'give --state DIR, the state directory of a running `pointprint serve --state DIR` (or set POINTPRINT_STATE)',
      EXIT.USAGE,
    );
  }
  if (!(await fs.pathExists(state)))
    throw new CliError(
      `the state directory ${state} does not exist`,
      `check the path, or start a server there: pointprint serve --state ${state}`,
      EXIT.USAGE,
    );
  // Without -U the request is the local administrator's; -U asks for a password it lacks.
  const account = opts.user ? (await resolveCredentials(opts, deps)).credentials : undefined;
  const creds = account && { user: account.userName, password: account.password };
  logger.debug('control request', { component: 'cli', op: request.op, state, user: account?.userName ?? '(local)' });
  try {
    return await sendControlRequest(controlSocketPath(state), request, creds);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ECONNREFUSED') {
      throw new CliError(
        `no server is running on ${state}`,
        `start one with pointprint serve --state ${state}`,
        EXIT.FAILURE,
        { cause: err },
      );
    }
    throw err;
  }
}
