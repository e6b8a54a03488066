/**
 * UNC names as users type them: `\\SERVER\printer`, `//SERVER/printer`, `\\SERVER`.
 * A name whose backslashes the shell ate (`\NTPRINTHpColor` from an unquoted `\\NTPRINT\HpColor`)
 * gets an error that says how to quote it.
 */
import { ConfigError } from './errors';

export interface UncName {
  readonly server: string;
  /** The printer or share name; undefined for a bare `\\SERVER`. */
  readonly name?: string;
  /** Whatever followed the share (`\dir\file`), with backslashes. */
  readonly path?: string;
}

export function parseUnc(input: string): UncName {
  const text = input.trim();
  if (/^(\\\\|\/\/)/.test(text)) {
    const parts = text.slice(2).split(/[\\/]+/);
    const server = parts[0] ?? '';
    if (!server) throw new ConfigError(`"${input}" has no server name after the leading slashes`);
    const name = parts[1] || undefined;
    const rest = parts.slice(2).filter((p) => p.length > 0);
    return { server, ...(name !== undefined && { name }), ...(rest.length > 0 && { path: rest.join('\\') }) };
  }
  if (/^\\[^\\]/.test(text) || /^[A-Za-z0-9._-]+$/.test(text)) {
    throw new ConfigError(
      `"${input}" is not a UNC name: the shell probably removed the backslashes.\n` +
        `Quote the name, e.g. '\\\\NTPRINT\\HpColor' (single quotes), or use forward slashes: //NTPRINT/HpColor`,
    );
  }
  throw new ConfigError(`"${input}" is not a UNC name (expected \\\\SERVER\\printer or //SERVER/printer)`);
}

export function formatUnc(server: string, ...parts: string[]): string {
  return `\\\\${[server, ...parts].join('\\')}`;
}
