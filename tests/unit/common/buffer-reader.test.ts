import { BufferReader } from '../../../lib/common/binary/buffer-reader';
import { BufferWriter } from '../../../lib/common/binary/buffer-writer';
import { EncodingError, MalformedPacketError } from '../../../lib/common/errors';

describe('BufferReader', () => {
  const bytes = Buffer.from([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x41, 0x00, 0x42, 0x00, 0x00, 0x00]);

  test('reads little-endian integers', () => {
    const r = new BufferReader(bytes);
    expect(r.u8()).toBe(0x01);
    expect(r.u16()).toBe(0x0302);
    expect(r.u8()).toBe(0x04);
    expect(r.u32()).toBe(0x08070605);
    expect(r.utf16z()).toBe('AB');
    expect(r.remaining).toBe(0);
  });

  test.each([
    ['u8', (r: BufferReader) => r.u8('f')],
    ['u16', (r: BufferReader) => r.u16('f')],
    ['u32', (r: BufferReader) => r.u32('f')],
    ['u64', (r: BufferReader) => r.u64('f')],
    ['bytes', (r: BufferReader) => r.bytes(2, 'f')],
    ['skip', (r: BufferReader) => r.skip(2, 'f')],
  ])('%s past the end throws MalformedPacketError naming the field', (_name, read) => {
    const r = new BufferReader(Buffer.alloc(1), 1);
    let caught: unknown;
    try {
      read(r);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MalformedPacketError);
    expect((caught as MalformedPacketError).details.field).toBe('f');
    expect((caught as MalformedPacketError).details.offset).toBe(1);
  });

  test('a window hides bytes outside it', () => {
    const r = new BufferReader(bytes, 2, 4);
    expect(r.u16()).toBe(0x0403);
    expect(() => r.u8()).toThrow(MalformedPacketError);
    expect(() => r.slice(0, 6)).toThrow(MalformedPacketError);
  });

  test('slice and seek are bounds-checked, negative and fractional values refused', () => {
    const r = new BufferReader(bytes);
    expect(r.slice(8, 2)).toEqual(Buffer.from([0x41, 0x00]));
    expect(() => r.slice(-1, 2)).toThrow(MalformedPacketError);
    expect(() => r.slice(13, 2)).toThrow(MalformedPacketError);
    expect(() => r.seek(15)).toThrow(MalformedPacketError);
    expect(() => r.bytes(1.5)).toThrow(MalformedPacketError);
  });

  test('an unterminated UTF-16 string is refused', () => {
    expect(() => new BufferReader(Buffer.from([0x41, 0x00, 0x42])).utf16z('name')).toThrow(/unterminated/);
  });

  test('align skips padding relative to a base and checks it exists', () => {
    const r = new BufferReader(Buffer.alloc(8));
    r.u8();
    r.align(4);
    expect(r.offset).toBe(4);
    r.u8();
    r.align(4, 1);
    expect(r.offset).toBe(5);
    const short = new BufferReader(Buffer.alloc(2));
    short.u8();
    expect(() => short.align(4)).toThrow(MalformedPacketError);
  });

  test('u64Number refuses values beyond 2^53', () => {
    const b = Buffer.alloc(8, 0xff);
    expect(() => new BufferReader(b).u64Number('size')).toThrow(/too large/);
  });
});

describe('BufferWriter', () => {
  test('reserve and back-patch a length', () => {
    const w = new BufferWriter(2);
    const len = w.reserveU16();
    w.utf16('Color');
    w.patch(len, w.offset - 2);
    // Expected bytes built by hand: length 10, then "Color" in UTF-16LE.
    expect(w.finish()).toEqual(Buffer.from([10, 0, 0x43, 0, 0x6f, 0, 0x6c, 0, 0x6f, 0, 0x72, 0]));
  });

  test('grows past its initial size and aligns with zeros', () => {
    const w = new BufferWriter(1);
    for (let i = 0; i < 100; i++) w.u8(i);
    w.align(8);
    const out = w.finish();
    expect(out.length).toBe(104);
    expect(out[99]).toBe(99);
    expect(out.subarray(100)).toEqual(Buffer.alloc(4));
  });
});

describe('BufferWriter refuses values its fields cannot hold', () => {
  test.each([
    ['u8 256', (w: BufferWriter) => w.u8(256)],
    ['u16 65536', (w: BufferWriter) => w.u16(0x10000)],
    ['u16 1.5', (w: BufferWriter) => w.u16(1.5)],
    ['u32 2^32', (w: BufferWriter) => w.u32(0x100000000)],
    ['a 16-bit length patched with 65574', (w: BufferWriter) => w.patch(w.reserveU16(), 65574)],
  ])('%s', (_name, write) => {
    expect(() => write(new BufferWriter())).toThrow(EncodingError);
  });

  test("two's-complement values still encode (NTSTATUS as a negative number)", () => {
    expect(new BufferWriter().u32(-1073741790).finish()).toEqual(Buffer.from([0x22, 0x00, 0x00, 0xc0]));
  });
});
