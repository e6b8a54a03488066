/**
 * MIT keytab files — the format of MIT's keytab_file_format documentation (version 0x0502, all
 * integers big-endian). A service's long-term keys, by principal, key version and enctype.
 *
 *   file    ::= u8 5, u8 2, entry*
 *   entry   ::= i32 size (negative: a hole of -size bytes), then size bytes:
 *               u16 num_components, data realm, data component[num_components], u32 name_type,
 *               u32 timestamp, u8 vno8, u16 keytype, data key, [u32 vno — when 4 bytes remain]
 *   data    ::= u16 length, bytes
 */
import { readFileSync } from 'node:fs';
import { BufferReader } from '../../common/binary/buffer-reader';
import { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';

export interface KeytabEntry {
  readonly realm: string;
  readonly components: readonly string[];
  readonly nameType: number;
  readonly timestamp: number;
  readonly kvno: number;
  readonly enctype: number;
  readonly key: Buffer;
}

const KEYTAB_VERSION = 0x0502;
const MAX_ENTRIES = 4096;

function counted(r: BufferReader, field: string): string {
  return r.bytes(r.u16be(`${field} length`), field).toString('utf8');
}

export function decodeKeytab(bytes: Buffer): KeytabEntry[] {
  const r = new BufferReader(bytes);
  const version = r.u16be('keytab version');
  if (version !== KEYTAB_VERSION)
    throw new MalformedPacketError(`keytab version 0x${version.toString(16)} (only 0x0502 is read)`, {
      offset: 0,
      field: 'keytab version',
    });
  const entries: KeytabEntry[] = [];
  while (r.remaining > 0) {
    if (entries.length >= MAX_ENTRIES) throw new MalformedPacketError('keytab has too many entries');
    const size = r.u32be('entry size') | 0;
    if (size < 0) {
      r.skip(-size, 'keytab hole');
      continue;
    }
    if (size === 0) break; // MIT stops at a zero size (the end of a pre-allocated file)
    const e = r.sub(size, 'keytab entry');
    const count = e.u16be('num_components');
    const realm = counted(e, 'realm');
    const components: string[] = [];
    for (let i = 0; i < count; i++) components.push(counted(e, 'component'));
    const nameType = e.u32be('name_type');
    const timestamp = e.u32be('timestamp');
    const vno8 = e.u8('vno8');
    const enctype = e.u16be('keytype');
    const key = Buffer.from(e.bytes(e.u16be('key length'), 'key'));
    const vno32 = e.remaining >= 4 ? e.u32be('vno') : 0;
    entries.push({ realm, components, nameType, timestamp, kvno: vno32 !== 0 ? vno32 : vno8, enctype, key });
  }
  return entries;
}

export function readKeytabFile(path: string): KeytabEntry[] {
  return decodeKeytab(readFileSync(path));
}

function writeCounted(w: BufferWriter, s: string): void {
  const b = Buffer.from(s, 'utf8');
  w.u16be(b.length).bytes(b);
}

/** Writes a keytab (tests make keytabs with a missing key version from a real one). */
export function encodeKeytab(entries: readonly KeytabEntry[]): Buffer {
  const w = new BufferWriter(256);
  w.u16be(KEYTAB_VERSION);
  for (const e of entries) {
    const body = new BufferWriter(128);
    body.u16be(e.components.length);
    writeCounted(body, e.realm);
    for (const c of e.components) writeCounted(body, c);
    body
      .u32be(e.nameType)
      .u32be(e.timestamp)
      .u8(e.kvno & 0xff)
      .u16be(e.enctype)
      .u16be(e.key.length)
      .bytes(e.key);
    body.u32be(e.kvno);
    const b = body.finish();
    w.u32be(b.length).bytes(b);
  }
  return w.finish();
}
