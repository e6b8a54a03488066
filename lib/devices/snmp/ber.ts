/**
 * The subset of BER (ITU-T X.690) that SNMP uses (RFC 3417 8): single-octet identifiers,
 * definite lengths (short form, or long form with 1 to 4 length octets; the indefinite form is
 * prohibited), INTEGER, OCTET STRING, NULL, OBJECT IDENTIFIER, SEQUENCE and the SMI's
 * application types, which are INTEGER or OCTET STRING contents under another tag.
 *
 *   TLV  = identifier (1 octet) | length | contents
 *   length: 0xxxxxxx = the length itself; 1nnnnnnn = n octets of big-endian length follow
 *   INTEGER contents: big-endian two's complement, minimal
 *   OID contents: (40 * first + second), then each sub-identifier in base 128, high bit = more
 *
 * Decoding reads untrusted bytes through BufferReader and throws MalformedPacketError.
 * Encoding builds each TLV from its finished contents: a BER length's own size depends on the
 * contents, so the reserve-and-patch of fixed-width fields does not apply; SNMP messages are
 * small (at most DEFAULT_MAX_MESSAGE_SIZE) so the copies cost nothing.
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { EncodingError, MalformedPacketError } from '../../common/errors';
import { BerTag } from './snmp-constants';
import { MAX_OID_LENGTH, MAX_SUBIDENTIFIER, type Oid } from './oid';

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const UINT32_MAX = 0xffffffff;

function malformed(message: string, r: BufferReader, field: string): MalformedPacketError {
  return new MalformedPacketError(message, { offset: r.offset, field });
}

/** A reader of consecutive TLVs within a window of the message. */
export class BerReader {
  constructor(readonly r: BufferReader) {}

  static of(buf: Buffer): BerReader {
    return new BerReader(new BufferReader(buf));
  }

  get remaining(): number {
    return this.r.remaining;
  }

  get offset(): number {
    return this.r.offset;
  }

  /** The identifier octet of the next TLV, without consuming it. */
  peekTag(field: string): number {
    this.r.need(1, field);
    return this.r.buf[this.r.offset] as number;
  }

  /** Reads one TLV: its identifier and a reader over exactly its contents. */
  readTlv(field: string): { readonly tag: number; readonly body: BufferReader } {
    const tag = this.r.u8(`${field} identifier`);
    if ((tag & 0x1f) === 0x1f)
      throw malformed(`${field}: high-tag-number identifiers are not used by SNMP`, this.r, field);
    const first = this.r.u8(`${field} length`);
    let length = first;
    if (first === 0x80) throw malformed(`${field}: indefinite length is prohibited (RFC 3417 8)`, this.r, field);
    if (first > 0x80) {
      const n = first & 0x7f;
      if (n > 4) throw malformed(`${field}: ${n} length octets`, this.r, field);
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + this.r.u8(`${field} length`);
    }
    return { tag, body: this.r.sub(length, field) };
  }

  /** Reads a TLV that must carry `tag`; returns its contents. */
  expect(tag: number, field: string): BufferReader {
    const at = this.r.offset;
    const tlv = this.readTlv(field);
    if (tlv.tag !== tag) {
      throw new MalformedPacketError(
        `${field}: expected identifier 0x${tag.toString(16)}, got 0x${tlv.tag.toString(16)}`,
        { offset: at, field },
      );
    }
    return tlv.body;
  }

  readSequence(field: string): BerReader {
    return new BerReader(this.expect(BerTag.SEQUENCE, field));
  }

  readInteger(field: string): number {
    return decodeInteger32(this.expect(BerTag.INTEGER, field), field);
  }

  readOctetString(field: string): Buffer {
    const body = this.expect(BerTag.OCTET_STRING, field);
    return body.bytes(body.remaining, field);
  }

  readOid(field: string): Oid {
    return decodeOidContents(this.expect(BerTag.OBJECT_IDENTIFIER, field), field);
  }

  /** Nothing may follow the last field of a constructed value. */
  end(field: string): void {
    if (this.r.remaining !== 0) throw malformed(`${field}: ${this.r.remaining} trailing bytes`, this.r, field);
  }
}

/** Big-endian two's complement contents of 1 to `maxOctets` octets, as a number (at most 40 bits). */
function decodeIntegerContents(body: BufferReader, field: string, maxOctets: number): number {
  const n = body.remaining;
  if (n < 1 || n > maxOctets) throw malformed(`${field}: INTEGER of ${n} octets`, body, field);
  const first = body.u8(field);
  let v = first >= 0x80 ? first - 0x100 : first;
  for (let i = 1; i < n; i++) v = v * 256 + body.u8(field);
  return v;
}

/** INTEGER and Integer32: -2^31..2^31-1 (RFC 2578 7.1.1). */
export function decodeInteger32(body: BufferReader, field: string): number {
  return decodeIntegerContents(body, field, 4);
}

/** Counter32, Gauge32, TimeTicks: 0..2^32-1; a leading 0x00 makes five octets. */
export function decodeUnsigned32(body: BufferReader, field: string): number {
  const at = body.offset;
  const v = decodeIntegerContents(body, field, 5);
  if (v < 0 || v > UINT32_MAX)
    throw new MalformedPacketError(`${field}: ${v} is not an Unsigned32`, { offset: at, field });
  return v;
}

/** Counter64: 0..2^64-1, up to nine octets. */
export function decodeUnsigned64(body: BufferReader, field: string): bigint {
  const n = body.remaining;
  if (n < 1 || n > 9) throw malformed(`${field}: Counter64 of ${n} octets`, body, field);
  const bytes = body.bytes(n, field);
  if ((bytes[0] as number) >= 0x80) throw malformed(`${field}: negative Counter64`, body, field);
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  if (v > 0xffffffffffffffffn) throw malformed(`${field}: Counter64 over 64 bits`, body, field);
  return v;
}

export function decodeOidContents(body: BufferReader, field: string): Oid {
  if (body.remaining < 1) throw malformed(`${field}: empty OBJECT IDENTIFIER`, body, field);
  const subids: number[] = [];
  while (body.remaining > 0) {
    let v = 0;
    let octets = 0;
    for (;;) {
      const b = body.u8(field);
      // X.690 8.19.2: a sub-identifier's first octet is never 0x80 (no leading zero groups).
      if (octets === 0 && b === 0x80) throw malformed(`${field}: sub-identifier padded with 0x80`, body, field);
      v = v * 128 + (b & 0x7f);
      octets++;
      if (v > MAX_SUBIDENTIFIER + 80) throw malformed(`${field}: sub-identifier over 32 bits`, body, field);
      if ((b & 0x80) === 0) break;
      if (body.remaining === 0) throw malformed(`${field}: unterminated sub-identifier`, body, field);
    }
    if (subids.length === 0) {
      const first = v < 40 ? 0 : v < 80 ? 1 : 2;
      subids.push(first, v - 40 * first);
    } else {
      if (v > MAX_SUBIDENTIFIER) throw malformed(`${field}: sub-identifier over 32 bits`, body, field);
      subids.push(v);
    }
    if (subids.length > MAX_OID_LENGTH)
      throw malformed(`${field}: more than ${MAX_OID_LENGTH} sub-identifiers`, body, field);
  }
  return subids;
}

// ---- encoding ----

export function encodeLength(n: number): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > UINT32_MAX) throw new EncodingError(`BER length ${n}`);
  if (n < 0x80) return Buffer.from([n]);
  const octets: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) octets.unshift(v % 256);
  return Buffer.from([0x80 | octets.length, ...octets]);
}

export function encodeTlv(tag: number, contents: Buffer | readonly Buffer[]): Buffer {
  const body = Buffer.isBuffer(contents) ? contents : Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

/** Minimal two's complement of an integer in -2^31..2^32-1 (unsigned values may take five octets). */
function integerContents(v: number): Buffer {
  const octets: number[] = [];
  let x = v;
  for (;;) {
    const low = ((x % 256) + 256) % 256;
    octets.unshift(low);
    x = (x - low) / 256;
    // Stop once the remaining value is only the sign extension of the octet just written.
    const negative = (low & 0x80) !== 0;
    if ((x === 0 && !negative) || (x === -1 && negative)) break;
  }
  return Buffer.from(octets);
}

export function encodeInteger(v: number, tag: number = BerTag.INTEGER): Buffer {
  if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) throw new EncodingError(`${v} is not an Integer32`);
  return encodeTlv(tag, integerContents(v));
}

/** Counter32, Gauge32, TimeTicks. */
export function encodeUnsigned32(tag: number, v: number): Buffer {
  if (!Number.isInteger(v) || v < 0 || v > UINT32_MAX) throw new EncodingError(`${v} is not an Unsigned32`);
  return encodeTlv(tag, integerContents(v));
}

export function encodeCounter64(v: bigint): Buffer {
  if (v < 0n || v > 0xffffffffffffffffn) throw new EncodingError(`${v} is not a Counter64`);
  const octets: number[] = [];
  let x = v;
  do {
    octets.unshift(Number(x & 0xffn));
    x >>= 8n;
  } while (x > 0n);
  if (((octets[0] as number) & 0x80) !== 0) octets.unshift(0);
  return encodeTlv(BerTag.COUNTER64, Buffer.from(octets));
}

export function encodeOctetString(v: Buffer | string, tag: number = BerTag.OCTET_STRING): Buffer {
  return encodeTlv(tag, typeof v === 'string' ? Buffer.from(v, 'utf8') : v);
}

export function encodeNull(tag: number = BerTag.NULL): Buffer {
  return Buffer.from([tag, 0]);
}

function base128(v: number): number[] {
  const out = [v % 128];
  for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) out.unshift(0x80 | (x % 128));
  return out;
}

export function encodeOid(oid: Oid): Buffer {
  const [first, second, ...rest] = oid;
  if (first === undefined || second === undefined || first > 2 || (first < 2 && second > 39)) {
    throw new EncodingError(`OID ${oid.join('.')} cannot be encoded`);
  }
  if (oid.length > MAX_OID_LENGTH) throw new EncodingError(`OID of ${oid.length} sub-identifiers`);
  const octets = base128(first * 40 + second);
  for (const s of rest) {
    if (!Number.isInteger(s) || s < 0 || s > MAX_SUBIDENTIFIER) throw new EncodingError(`sub-identifier ${s}`);
    octets.push(...base128(s));
  }
  return encodeTlv(BerTag.OBJECT_IDENTIFIER, Buffer.from(octets));
}

export function encodeSequence(...children: Buffer[]): Buffer {
  return encodeTlv(BerTag.SEQUENCE, children);
}
