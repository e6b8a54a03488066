/**
 * MIT credential cache files, version 4 (what kinit writes for KRB5CCNAME=FILE:...) — MIT's
 * ccache_file_format documentation. Big-endian throughout.
 *
 *   file       ::= u16 0x0504, u16 header_length, header_field*, principal default, credential*
 *   header_field ::= u16 tag (1 = KDC time offset), u16 length, bytes
 *   principal  ::= u32 name_type, u32 num_components, data realm, data component*
 *   credential ::= principal client, principal server, keyblock, u32 authtime, u32 starttime,
 *                  u32 endtime, u32 renew_till, u8 is_skey, u32 ticket_flags, addresses, authdata,
 *                  data ticket, data second_ticket
 *   keyblock   ::= u16 enctype, data key        addresses/authdata ::= u32 count, (u16 type, data)*
 *   data       ::= u32 length, bytes
 * Entries whose server realm is "X-CACHECONF:" are configuration, not credentials.
 */
import { readFileSync } from 'node:fs';
import { BufferReader } from '../../common/binary/buffer-reader';
import { ConfigError, MalformedPacketError } from '../../common/errors';
import type { PrincipalName } from './krb-types';

export interface CcachePrincipal {
  readonly realm: string;
  readonly name: PrincipalName;
}

export interface CcacheCredential {
  readonly client: CcachePrincipal;
  readonly server: CcachePrincipal;
  readonly enctype: number;
  readonly key: Buffer;
  readonly authtime: Date;
  readonly starttime: Date;
  readonly endtime: Date;
  readonly renewTill: Date;
  readonly ticketFlags: number;
  /** The Ticket's DER bytes. */
  readonly ticket: Buffer;
}

export interface Ccache {
  readonly defaultPrincipal: CcachePrincipal;
  readonly credentials: readonly CcacheCredential[];
  /** Seconds the KDC's clock is ahead of ours (header tag 1), when kinit recorded it. */
  readonly kdcTimeOffsetSeconds?: number;
}

const CCACHE_V4 = 0x0504;
const CONF_REALM = 'X-CACHECONF:';
const MAX_COMPONENTS = 16;
const MAX_ITEMS = 1024;
const MAX_CREDENTIALS = 4096;

function data(r: BufferReader, field: string): Buffer {
  return r.bytes(r.u32be(`${field} length`), field);
}

function principal(r: BufferReader, field: string): CcachePrincipal {
  const nameType = r.u32be(`${field} name_type`) | 0;
  const count = r.u32be(`${field} num_components`);
  if (count > MAX_COMPONENTS) throw new MalformedPacketError(`${field}: ${count} components`, { field });
  const realm = data(r, `${field} realm`).toString('utf8');
  const nameString: string[] = [];
  for (let i = 0; i < count; i++) nameString.push(data(r, `${field} component`).toString('utf8'));
  return { realm, name: { nameType, nameString } };
}

function skipTypedList(r: BufferReader, field: string): void {
  const count = r.u32be(`${field} count`);
  if (count > MAX_ITEMS) throw new MalformedPacketError(`${field}: ${count} items`, { field });
  for (let i = 0; i < count; i++) {
    r.u16be(`${field} type`);
    data(r, field);
  }
}

const seconds = (s: number): Date => new Date(s * 1000);

export function decodeCcache(bytes: Buffer): Ccache {
  const r = new BufferReader(bytes);
  const version = r.u16be('ccache version');
  if (version !== CCACHE_V4)
    throw new MalformedPacketError(`ccache version 0x${version.toString(16)} (only 0x0504 is read)`, {
      offset: 0,
      field: 'ccache version',
    });
  const header = r.sub(r.u16be('header length'), 'header');
  let kdcTimeOffsetSeconds: number | undefined;
  while (header.remaining > 0) {
    const tag = header.u16be('header tag');
    const field = header.sub(header.u16be('header field length'), 'header field');
    if (tag === 1 && field.remaining >= 8) kdcTimeOffsetSeconds = field.u32be('KDC time offset') | 0;
  }
  const defaultPrincipal = principal(r, 'default principal');
  const credentials: CcacheCredential[] = [];
  while (r.remaining > 0) {
    if (credentials.length >= MAX_CREDENTIALS) throw new MalformedPacketError('ccache has too many credentials');
    const client = principal(r, 'client');
    const server = principal(r, 'server');
    const enctype = r.u16be('keyblock enctype');
    const key = Buffer.from(data(r, 'keyblock'));
    const authtime = r.u32be('authtime');
    const starttime = r.u32be('starttime');
    const endtime = r.u32be('endtime');
    const renewTill = r.u32be('renew_till');
    r.u8('is_skey');
    const ticketFlags = r.u32be('ticket_flags');
    skipTypedList(r, 'addresses');
    skipTypedList(r, 'authdata');
    const ticket = Buffer.from(data(r, 'ticket'));
    data(r, 'second_ticket');
    if (server.realm === CONF_REALM) continue;
    credentials.push({
      client,
      server,
      enctype,
      key,
      authtime: seconds(authtime),
      starttime: seconds(starttime || authtime),
      endtime: seconds(endtime),
      renewTill: seconds(renewTill),
      ticketFlags,
      ticket,
    });
  }
  return { defaultPrincipal, credentials, ...(kdcTimeOffsetSeconds !== undefined && { kdcTimeOffsetSeconds }) };
}

/** KRB5CCNAME as MIT spells it: "FILE:/path" or a bare path; other cache types are refused. */
export function ccachePath(ccname: string): string {
  if (ccname.startsWith('FILE:')) return ccname.slice(5);
  if (/^[A-Z]+:/.test(ccname) && !/^[A-Za-z]:\\/.test(ccname))
    throw new ConfigError(`credential cache type of "${ccname}" is not supported (only FILE:)`);
  return ccname;
}

export function readCcacheFile(ccname: string): Ccache {
  return decodeCcache(readFileSync(ccachePath(ccname)));
}
