/**
 * p_syntax_id_t — C706 12.6.3.1: a 16-byte UUID (mixed-endian, [MS-DTYP] 2.3.4.2) and a u32
 * version, which on a little-endian wire is u16 major then u16 minor.
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { guidFromBuffer, guidToBuffer } from '../../common/binary/guid';
import type { SyntaxId } from '../constants';

export const SYNTAX_ID_LENGTH = 20;

export function decodeSyntaxId(r: BufferReader, field = 'syntax'): SyntaxId {
  const uuid = guidFromBuffer(r.bytes(16, `${field}.uuid`));
  const major = r.u16(`${field}.version_major`);
  const minor = r.u16(`${field}.version_minor`);
  return { uuid, major, minor };
}

export function encodeSyntaxId(w: BufferWriter, s: SyntaxId): void {
  w.bytes(guidToBuffer(s.uuid)).u16(s.major).u16(s.minor);
}

export function sameSyntax(a: SyntaxId, b: SyntaxId): boolean {
  return a.uuid.toLowerCase() === b.uuid.toLowerCase() && a.major === b.major && a.minor === b.minor;
}

export const NULL_SYNTAX: SyntaxId = { uuid: '00000000-0000-0000-0000-000000000000', major: 0, minor: 0 };
