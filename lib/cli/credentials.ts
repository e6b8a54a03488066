/**
 * The account a client command logs on with, found as Samba's tools find it:
 *   -U [DOMAIN\]user[%password]   without a password: PASSWD, else asked on the terminal (no echo)
 *   -N                            no password (with no -U: a guest logon, asked for)
 *   -A file                       smbclient's authentication file (username, password, domain)
 *   USER=user%password, or USER and PASSWD, in the environment
 * With none of them the client tries a guest logon, and a refusal says that no credentials were
 * given. A password is never printed.
 */
import { InvalidArgumentError, type Command } from 'commander';
import fs from 'fs-extra';
import { AuthenticationError, ConfigError } from '../common/errors';
import type { ClientCredentials } from '../client/print-server-connection';
import { EXIT, type CliDeps } from './cli-deps';
import { CliError } from './failure';

/** What `-U` says: the password only when the value carries one (`user%password`). */
export interface UserOption {
  readonly userName: string;
  readonly password?: string;
  readonly domain?: string;
}

export interface CredentialOptions {
  user?: UserOption;
  authenticationFile?: string;
  /** `-N`: commander names the negatable `--no-pass` option `pass`, false when given. */
  pass?: boolean;
}

/** How the account was found: `none` means nothing named one, and the logon is a guest's. */
export type CredentialSource = 'option' | 'file' | 'environment' | 'no-pass' | 'none';

export interface ResolvedCredentials {
  readonly credentials?: ClientCredentials;
  readonly source: CredentialSource;
}

/** `[DOMAIN\]user[%password]` (also `DOMAIN/user`), as Samba's tools take -U. */
export function parseUserOption(value: string): UserOption {
  const pct = value.indexOf('%');
  const account = pct === -1 ? value : value.slice(0, pct);
  const sep = account.search(/[\\/]/);
  const userName = sep === -1 ? account : account.slice(sep + 1);
  const domain = sep === -1 ? undefined : account.slice(0, sep);
  if (userName.length === 0 || domain === '') throw new InvalidArgumentError('expected [DOMAIN\\]user[%password]');
  return {
    userName,
    ...(pct !== -1 && { password: value.slice(pct + 1) }),
    ...(domain !== undefined && { domain }),
  };
}

/** Adds -U, -N and, for network commands (which log on over SMB2), -A. */
export function addCredentialOptions(
  command: Command,
  options: { userHelp: string; authenticationFile: boolean },
): Command {
  command
    .option('-U, --user <[DOMAIN\\]user[%password]>', options.userHelp, parseUserOption)
    .option(
      '-N, --no-pass',
      options.authenticationFile
        ? 'no password: do not ask for one (with no -U, log on as a guest)'
        : 'no password: do not ask for one',
    );
  if (options.authenticationFile)
    command.option(
      '-A, --authentication-file <file>',
      'read username, password and domain from a file, as smbclient -A',
    );
  return command;
}

/** smbclient's authentication file: `key = value` lines; `#` and `;` start comments. */
export function parseAuthFile(text: string, file: string): ClientCredentials {
  const values = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new ConfigError(`${file}:${i + 1}: expected "key = value"`);
    values.set(trimmed.slice(0, eq).trim().toLowerCase(), trimmed.slice(eq + 1).trim());
  });
  const userName = values.get('username');
  if (!userName) throw new ConfigError(`${file}: no "username = ..." line`);
  const domain = values.get('domain');
  return { userName, password: values.get('password') ?? '', ...(domain ? { domain } : {}) };
}

type PromptDeps = Pick<CliDeps, 'readPassword' | 'env'>;

/** The password of `-U user` without one: PASSWD, nothing with -N, else the terminal. */
async function passwordFor(user: UserOption, opts: CredentialOptions, deps: PromptDeps): Promise<string> {
  if (user.password !== undefined) return user.password;
  const env = deps.env ?? process.env;
  if (env.PASSWD !== undefined) return env.PASSWD;
  if (opts.pass === false) return '';
  const who = `${user.domain ?? 'WORKGROUP'}\\${user.userName}`;
  if (!deps.readPassword)
    throw new CliError(
      `no password for ${user.userName} and no terminal to ask on`,
      `give -U ${user.userName}%password, set PASSWD, or use -N for none`,
      EXIT.USAGE,
    );
  return deps.readPassword(`Password for [${who}]:`);
}

export async function resolveCredentials(opts: CredentialOptions, deps: PromptDeps): Promise<ResolvedCredentials> {
  if (opts.user) {
    const password = await passwordFor(opts.user, opts, deps);
    const { userName, domain } = opts.user;
    return { credentials: { userName, password, ...(domain !== undefined && { domain }) }, source: 'option' };
  }
  if (opts.authenticationFile !== undefined) {
    let text: string;
    try {
      text = await fs.readFile(opts.authenticationFile, 'utf8');
    } catch (err) {
      throw new CliError(
        `cannot read the authentication file ${opts.authenticationFile}: ${(err as Error).message}`,
        'check the path given to -A',
        EXIT.USAGE,
        { cause: err },
      );
    }
    return { credentials: parseAuthFile(text, opts.authenticationFile), source: 'file' };
  }
  if (opts.pass === false) return { source: 'no-pass' };
  const env = deps.env ?? process.env;
  const user = env.USER ?? env.LOGNAME;
  if (user !== undefined && user.includes('%')) {
    const pct = user.indexOf('%');
    return { credentials: { userName: user.slice(0, pct), password: user.slice(pct + 1) }, source: 'environment' };
  }
  // Like smbclient, the login name is only used when a password comes with it.
  if (user !== undefined && env.PASSWD !== undefined)
    return { credentials: { userName: user, password: env.PASSWD }, source: 'environment' };
  return { source: 'none' };
}

/**
 * A refused guest logon when nothing named an account: say that no credentials were given,
 * rather than "logon failure for Guest". Other errors pass through.
 */
export function explainLogonFailure(err: unknown, resolved: ResolvedCredentials, server: string): unknown {
  if (resolved.source !== 'none') return err;
  let e: unknown = err;
  for (let i = 0; i < 8 && e instanceof Error; i++, e = e.cause) {
    if (e instanceof AuthenticationError)
      return new CliError(
        `no credentials were given, and ${server} refused a guest logon`,
        'give -U user (the password is asked for), -U user%password or -A file',
        EXIT.FAILURE,
        { cause: err },
      );
  }
  return err;
}
