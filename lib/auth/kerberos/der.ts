/**
 * DER for Kerberos (RFC 4120 5.2) over asn1js: parse with depth and node limits, walk explicit
 * context tags, read the base types (Int32, UInt32, KerberosString, KerberosTime, KerberosFlags),
 * and build them back. Every decoding failure is a MalformedPacketError naming the field.
 *
 *   KerberosTime  ::= GeneralizedTime -- "YYYYMMDDHHMMSSZ", no fractions
 *   KerberosFlags ::= BIT STRING (SIZE (32..MAX)) -- bit 0 is the high bit of the first byte
 *   KerberosString ::= GeneralString (IA5String)
 */
import * as asn1js from 'asn1js';
import { MalformedPacketError } from '../../common/errors';

export type Asn = asn1js.AsnType;

const UNIVERSAL = 1;
const APPLICATION = 2;
const CONTEXT = 3;

export function malformed(what: string, message: string): MalformedPacketError {
  return new MalformedPacketError(`Kerberos ${what}: ${message}`, { field: what });
}

/** Parses one DER value filling all of `bytes`. */
export function parseDer(bytes: Uint8Array, what: string): Asn {
  if (bytes.length === 0) throw malformed(what, 'empty');
  let parsed: asn1js.FromBerResult;
  try {
    parsed = asn1js.fromBER(bytes, { maxDepth: 32, maxNodes: 4096 });
  } catch (e) {
    throw new MalformedPacketError(`Kerberos ${what}: undecodable`, { field: what }, { cause: e });
  }
  if (parsed.offset === -1 || parsed.result.error !== '') throw malformed(what, `undecodable (${parsed.result.error})`);
  if (parsed.offset !== bytes.length) throw malformed(what, `${bytes.length - parsed.offset} trailing bytes`);
  return parsed.result;
}

/** The application tag number of a top-level message, or undefined. */
export function applicationTag(block: Asn): number | undefined {
  return block.idBlock.tagClass === APPLICATION ? block.idBlock.tagNumber : undefined;
}

function childrenOf(block: Asn, what: string): Asn[] {
  if (!(block instanceof asn1js.Constructed)) throw malformed(what, 'not constructed');
  return block.valueBlock.value;
}

/** The SEQUENCE inside [APPLICATION tag]. */
export function unwrapApplication(block: Asn, tag: number, what: string): Asn {
  if (block.idBlock.tagClass !== APPLICATION || block.idBlock.tagNumber !== tag)
    throw malformed(what, `expected [APPLICATION ${tag}]`);
  const c = childrenOf(block, what);
  if (c.length !== 1 || c[0] === undefined) throw malformed(what, 'must hold one SEQUENCE');
  return c[0];
}

function isUniversal(block: Asn, tagNumber: number): boolean {
  return block.idBlock.tagClass === UNIVERSAL && block.idBlock.tagNumber === tagNumber;
}

/** The fields of a SEQUENCE of explicitly tagged members, by tag number. */
export class Fields {
  private readonly byTag = new Map<number, Asn>();

  constructor(
    seq: Asn,
    private readonly what: string,
  ) {
    if (!isUniversal(seq, 16) || !seq.idBlock.isConstructed) throw malformed(what, 'not a SEQUENCE');
    let last = -1;
    for (const field of childrenOf(seq, what)) {
      const tag = field.idBlock.tagNumber;
      if (field.idBlock.tagClass !== CONTEXT) throw malformed(what, 'member without a context tag');
      if (tag <= last) throw malformed(what, `member [${tag}] out of order or repeated`);
      last = tag;
      const inner = childrenOf(field, `${what} [${tag}]`);
      if (inner.length !== 1 || inner[0] === undefined) throw malformed(what, `[${tag}] must hold one value`);
      this.byTag.set(tag, inner[0]);
    }
  }

  optional(tag: number): Asn | undefined {
    return this.byTag.get(tag);
  }

  required(tag: number, name: string): Asn {
    const v = this.byTag.get(tag);
    if (v === undefined) throw malformed(this.what, `missing ${name} [${tag}]`);
    return v;
  }

  /** Field name for error messages: "AP-REQ.ticket". */
  name(field: string): string {
    return `${this.what}.${field}`;
  }
}

export function readInteger(block: Asn, what: string, min = -0x80000000, max = 0xffffffff): number {
  if (!(block instanceof asn1js.Integer)) throw malformed(what, 'not an INTEGER');
  if (block.valueBlock.valueHexView.length > 9) throw malformed(what, 'INTEGER too long');
  const v = block.toBigInt();
  if (v < BigInt(min) || v > BigInt(max)) throw malformed(what, `${v} out of range`);
  return Number(v);
}

export function readInt32(block: Asn, what: string): number {
  return readInteger(block, what, -0x80000000, 0x7fffffff);
}

export function readUInt32(block: Asn, what: string): number {
  return readInteger(block, what, 0, 0xffffffff);
}

/** RFC 4120 5.2.4: Microseconds ::= INTEGER (0..999999). */
export function readMicroseconds(block: Asn, what: string): number {
  return readInteger(block, what, 0, 999999);
}

export function readOctets(block: Asn, what: string): Buffer {
  if (!(block instanceof asn1js.OctetString) || block.idBlock.isConstructed)
    throw malformed(what, 'not a primitive OCTET STRING');
  return Buffer.from(block.valueBlock.valueHexView);
}

export function readKerberosString(block: Asn, what: string): string {
  if (!(block instanceof asn1js.GeneralString) && !(block instanceof asn1js.IA5String))
    throw malformed(what, 'not a GeneralString');
  return block.valueBlock.value;
}

const TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;

export function readKerberosTime(block: Asn, what: string): Date {
  if (!isUniversal(block, 24)) throw malformed(what, 'not a GeneralizedTime');
  const text = Buffer.from((block as asn1js.GeneralizedTime).valueBlock.valueHexView).toString('latin1');
  const m = TIME.exec(text);
  if (!m) throw malformed(what, `"${text}" is not YYYYMMDDHHMMSSZ`);
  const [y, mo, d, hh, mi, ss] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, hh, mi, ss));
  if (Number.isNaN(date.getTime()) || date.getUTCMonth() !== mo - 1) throw malformed(what, `"${text}" is no date`);
  return date;
}

/** KerberosFlags as a 32-bit number (bit 0 = 0x80000000). */
export function readFlags(block: Asn, what: string): number {
  if (!(block instanceof asn1js.BitString) || block.idBlock.isConstructed) throw malformed(what, 'not a BIT STRING');
  const bytes = Buffer.alloc(4);
  Buffer.from(block.valueBlock.valueHexView).copy(bytes, 0, 0, 4);
  return bytes.readUInt32BE(0);
}

export function readSequenceOf(block: Asn, what: string): Asn[] {
  if (!isUniversal(block, 16) || !block.idBlock.isConstructed) throw malformed(what, 'not a SEQUENCE OF');
  return childrenOf(block, what);
}

export function hasFlag(flags: number, bit: number): boolean {
  return ((flags >>> (31 - bit)) & 1) === 1;
}

export function flagBits(...bits: number[]): number {
  return bits.reduce((f, b) => (f | (1 << (31 - b))) >>> 0, 0);
}

// ---- builders ---------------------------------------------------------------------------

/** A SEQUENCE of explicitly tagged members; undefined members are left out. */
export function sequence(members: ReadonlyArray<readonly [number, Asn | undefined]>): asn1js.Sequence {
  const value = members
    .filter((m): m is readonly [number, Asn] => m[1] !== undefined)
    .map(([tag, v]) => new asn1js.Constructed({ idBlock: { tagClass: CONTEXT, tagNumber: tag }, value: [v] }));
  return new asn1js.Sequence({ value });
}

export function application(tag: number, inner: Asn): asn1js.Constructed {
  return new asn1js.Constructed({ idBlock: { tagClass: APPLICATION, tagNumber: tag }, value: [inner] });
}

export function integer(n: number): asn1js.Integer {
  return new asn1js.Integer({ value: n });
}

export function octetString(b: Uint8Array): asn1js.OctetString {
  return new asn1js.OctetString({ valueHex: b });
}

export function kerberosString(s: string): asn1js.GeneralString {
  return new asn1js.GeneralString({ value: s });
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

export function kerberosTime(d: Date): asn1js.GeneralizedTime {
  const text =
    `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}` +
    `${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
  return new asn1js.GeneralizedTime({ value: text });
}

export function kerberosFlags(flags: number): asn1js.BitString {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(flags >>> 0, 0);
  return new asn1js.BitString({ valueHex: b, unusedBits: 0 });
}

export function sequenceOf(items: readonly Asn[]): asn1js.Sequence {
  return new asn1js.Sequence({ value: [...items] });
}

export function der(block: Asn): Buffer {
  return Buffer.from(block.toBER(false));
}
