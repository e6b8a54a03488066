/**
 * The account a client command logs on with, found as Samba's tools find it: `-U user%password`,
 * then an authentication file (`-A`, smbclient's format: `username = `, `password = `,
 * `domain = `), then the environment (`USER` — which may itself be `user%password` — and
 * `PASSWD`). A password is never printed.
 */
import { promises as fs } from 'node:fs';
import { ConfigError } from '../common/errors';
import type { ClientCredentials } from '../client/print-server-connection';

export interface CredentialSources {
  readonly user?: ClientCredentials;
  readonly authFile?: string;
  readonly env?: NodeJS.ProcessEnv;
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

/** Undefined when no source names an account: the client then logs on as a guest. */
export async function resolveCredentials(sources: CredentialSources): Promise<ClientCredentials | undefined> {
  if (sources.user) return sources.user;
  if (sources.authFile !== undefined) {
    let text: string;
    try {
      text = await fs.readFile(sources.authFile, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read the authentication file ${sources.authFile}: ${(err as Error).message}`, {
        cause: err,
      });
    }
    return parseAuthFile(text, sources.authFile);
  }
  const env = sources.env ?? {};
  const user = env.USER ?? env.LOGNAME;
  const password = env.PASSWD;
  if (user !== undefined && user.includes('%')) {
    const pct = user.indexOf('%');
    return { userName: user.slice(0, pct), password: user.slice(pct + 1) };
  }
  // Like smbclient, the login name is only used when a password comes with it.
  if (user !== undefined && password !== undefined) return { userName: user, password };
  return undefined;
}
