/**
 * Where a realm's KDC is: the `kdc` lines of the realm's block in MIT's krb5.conf ([realms]
 * REALM = { kdc = host[:port] }), found through KRB5_CONFIG as MIT's tools find it. Only what a
 * client needs is read; DNS SRV lookup is not done (the caller may name the KDC instead).
 */
import { readFileSync } from 'node:fs';
import type { KdcAddress } from './kdc-transport';

export const DEFAULT_KDC_PORT = 88;

function parseAddress(value: string): KdcAddress | undefined {
  const v = value.trim().replace(/^tcp\//, '');
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(v);
  if (bracketed?.[1] !== undefined) return { host: bracketed[1], port: Number(bracketed[2] ?? DEFAULT_KDC_PORT) };
  const m = /^([^:\s]+)(?::(\d+))?$/.exec(v);
  if (m?.[1] === undefined) return undefined;
  return { host: m[1], port: Number(m[2] ?? DEFAULT_KDC_PORT) };
}

/** The KDCs krb5.conf text lists for `realm`, in order. */
export function kdcsFromKrb5Conf(text: string, realm: string): KdcAddress[] {
  const out: KdcAddress[] = [];
  let section = '';
  let inRealm = false;
  let depth = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    if (line === '') continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header?.[1] !== undefined) {
      section = header[1];
      inRealm = false;
      depth = 0;
      continue;
    }
    if (section !== 'realms') continue;
    const open = /^(\S+)\s*=\s*\{$/.exec(line);
    if (open?.[1] !== undefined) {
      if (depth === 0) inRealm = open[1] === realm;
      depth++;
      continue;
    }
    if (line === '}') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) inRealm = false;
      continue;
    }
    const kdc = /^kdc\s*=\s*(.+)$/.exec(line);
    if (inRealm && depth === 1 && kdc?.[1] !== undefined) {
      const address = parseAddress(kdc[1]);
      if (address) out.push(address);
    }
  }
  return out;
}

/** KDCs for `realm` from KRB5_CONFIG (colon-separated list) or /etc/krb5.conf. */
export function findKdcs(realm: string, env: NodeJS.ProcessEnv = process.env): KdcAddress[] {
  const files = (env.KRB5_CONFIG ?? '/etc/krb5.conf').split(':').filter((f) => f !== '');
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const found = kdcsFromKrb5Conf(text, realm);
    if (found.length > 0) return found;
  }
  return [];
}
