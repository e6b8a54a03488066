/**
 * Where a UNC server name listens, in the order the client looks: `--address host[:port]`, the
 * hosts map in the client's config (`"hosts": { "NTPRINT": "127.0.0.1:4455" }`), then DNS on
 * port 445. A name none of them knows gets an error that says how to map it.
 */
import { lookup } from 'node:dns/promises';
import { ConfigError } from '../common/errors';
import { EXIT } from './cli-deps';
import { CliError } from './failure';

export const SMB_PORT = 445;

export interface ServerAddress {
  readonly host: string;
  readonly port: number;
  /** How it was found, for the trace. */
  readonly source: 'address option' | 'hosts map' | 'DNS';
}

/** `host`, `host:port`, `[v6]:port` or a bare IPv6 address. */
export function parseHostPort(text: string, what = 'address'): { host: string; port: number } {
  const value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  const plain = /^([^:\s]+)(?::(\d+))?$/.exec(value);
  const match = bracketed ?? plain;
  if (!match) {
    // A bare IPv6 address: hex groups with two colons at least.
    if (/^[0-9a-fA-F:.]+$/.test(value) && value.split(':').length > 2) return { host: value, port: SMB_PORT };
    throw new ConfigError(`${what} "${text}" is not host[:port]`);
  }
  const host = match[1] ?? '';
  const port = match[2] === undefined ? SMB_PORT : Number(match[2]);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new ConfigError(`${what} "${text}" is not host[:port]`);
  return { host, port };
}

export interface ResolveOptions {
  /** `--address host[:port]`. */
  readonly address?: string;
  /** Server name (case-insensitive) to `host[:port]`. */
  readonly hosts?: Readonly<Record<string, string>>;
  /** Where the hosts map lives, for the error message. */
  readonly hostsFile?: string;
  readonly dnsLookup?: (name: string) => Promise<{ address: string }>;
}

export async function resolveServerAddress(serverName: string, options: ResolveOptions = {}): Promise<ServerAddress> {
  if (options.address !== undefined)
    return { ...parseHostPort(options.address, '--address'), source: 'address option' };
  const mapped = Object.entries(options.hosts ?? {}).find(([name]) => name.toLowerCase() === serverName.toLowerCase());
  if (mapped) return { ...parseHostPort(mapped[1], `hosts map entry for ${mapped[0]}`), source: 'hosts map' };
  try {
    const found = await (options.dnsLookup ?? ((n: string) => lookup(n)))(serverName);
    return { host: found.address, port: SMB_PORT, source: 'DNS' };
  } catch (err) {
    const map = `"config": { "hosts": { "${serverName}": "127.0.0.1:4455" } }`;
    throw new CliError(
      `cannot resolve the server name "${serverName}" (DNS: ${(err as Error).message})`,
      options.hostsFile !== undefined
        ? `say where it listens with --address, e.g. --address 127.0.0.1:4455, or map it in ${options.hostsFile}: ${map}`
        : 'say where it listens with --address, e.g. --address 127.0.0.1:4455',
      EXIT.USAGE,
      { cause: err },
    );
  }
}
