import { MalformedPacketError } from '../../../../lib/common/errors';
import { NdrReader } from '../../../../lib/rpc/ndr/ndr-reader';
import { NdrWriter } from '../../../../lib/rpc/ndr/ndr-writer';
import type { NdrStruct } from '../../../../lib/rpc/ndr/ndr-struct';
import { decodeNdrStruct, encodeNdrStruct } from '../../../../lib/rpc/ndr/ndr-struct';
import { Bytes, hex } from '../../../helpers/hex';

describe('NDR primitives and alignment', () => {
  it('aligns each primitive to its size from the stub start', () => {
    const w = new NdrWriter();
    w.u8(1).u16(2).u8(3).u32(4).u8(5).u64(6n);
    expect(w.finish().toString('hex')).toBe(
      hex('01 00 0200 03 000000 04000000 05 000000 0600000000000000').toString('hex'),
    );
    const r = new NdrReader(w.finish());
    expect([r.u8(), r.u16(), r.u8(), r.u32(), r.u8(), r.u64()]).toEqual([1, 2, 3, 4, 5, 6n]);
  });

  it('reads a conformant varying string and realigns', () => {
    const stub = new Bytes().ndrString('HpColor').pad(4).u32(0xdeadbeef).build();
    const r = new NdrReader(stub);
    expect(r.string()).toBe('HpColor');
    expect(r.u32()).toBe(0xdeadbeef);
    const w = new NdrWriter();
    w.string('HpColor').u32(0xdeadbeef);
    expect(w.finish()).toEqual(stub);
  });

  it('reads a top-level unique string and a NULL one', () => {
    const stub = new Bytes().u32(0x20000).ndrString('\\\\NTPRINT').pad(4).u32(0).u32(7).build();
    const r = new NdrReader(stub);
    expect(r.uniqueString()).toBe('\\\\NTPRINT');
    expect(r.uniqueString()).toBeUndefined();
    expect(r.u32()).toBe(7);
    const w = new NdrWriter();
    w.uniqueString('\\\\NTPRINT').uniqueString(undefined).u32(7);
    expect(w.finish()).toEqual(stub);
  });

  it('defers embedded pointees after the structure, depth first', () => {
    // struct { u32 a; string* p; string* q } with p, q non-NULL: ids in place, strings after
    const expected = new Bytes().u32(1).u32(0x20000).u32(0x20004).ndrString('p').pad(4).ndrString('q').build();
    const w = new NdrWriter();
    w.u32(1);
    w.pointer('p', (v) => w.string(v), true);
    w.pointer('q', (v) => w.string(v), true);
    expect(w.finish()).toEqual(expected);

    const r = new NdrReader(expected);
    const got: string[] = [];
    r.u32();
    r.pointer(() => got.push(r.string()), true);
    r.pointer(() => got.push(r.string()), true);
    expect(got).toEqual([]);
    r.flushDeferred();
    expect(got).toEqual(['p', 'q']);
  });

  it('writes nested deferred pointees depth first', () => {
    // outer { inner* a; inner* b } with inner { string* s } -> a, a.s, b, b.s
    const w = new NdrWriter();
    const inner = (s: string): void => void w.pointer(s, (v) => w.string(v), true);
    w.pointer('A', inner, true);
    w.pointer('B', inner, true);
    const out = w.finish();
    const expected = new Bytes()
      .u32(0x20000)
      .u32(0x20004)
      .u32(0x20008)
      .ndrString('A')
      .pad(4)
      .u32(0x2000c)
      .ndrString('B')
      .build();
    expect(out).toEqual(expected);
  });

  it('reads a full pointer once and recognises a repeated referent', () => {
    const stub = new Bytes().u32(0x20000).u32(0x20000).u32(42).build();
    const r = new NdrReader(stub);
    const reads: number[] = [];
    r.fullPointer(() => reads.push(r.u32()), true);
    r.fullPointer(() => reads.push(r.u32()), true);
    r.flushDeferred();
    expect(reads).toEqual([42]);
  });

  it('round-trips a context handle and an NDR pipe of bytes', () => {
    const handle = Buffer.from('00000000' + '11'.repeat(16), 'hex');
    const data = Buffer.from(Array.from({ length: 10000 }, (_, i) => i & 0xff));
    const w = new NdrWriter();
    w.u8(9).contextHandle(handle).pipeBytes(data, 4096);
    const r = new NdrReader(w.finish());
    r.u8();
    expect(r.contextHandle()).toEqual(handle);
    expect(r.pipeBytes()).toEqual(data);
  });

  it('decodes a union discriminant and refuses a mismatch', () => {
    const r = new NdrReader(new Bytes().u32(1).u32(2).build());
    r.u32();
    expect(() => r.unionTag(1, 'ClientInfo')).toThrow(MalformedPacketError);
  });
});

describe('NDR bad input', () => {
  const cases: [string, Buffer, (r: NdrReader) => unknown][] = [
    [
      'actual_count larger than the stub',
      new Bytes().u32(1000).u32(0).u32(1000).utf16z('ab').build(),
      (r) => r.string(),
    ],
    ['actual_count beyond max_count', new Bytes().u32(2).u32(0).u32(3).utf16z('ab').build(), (r) => r.string()],
    ['offset + actual beyond max', new Bytes().u32(3).u32(2).u32(3).utf16z('ab').build(), (r) => r.string()],
    ['truncated string', new Bytes().u32(5).u32(0).u32(5).utf16z('ab').build(), (r) => r.string()],
    ['huge byte array', new Bytes().u32(0xffffffff).build(), (r) => r.conformantBytes('b')],
    ['truncated u32', Buffer.from([1, 2]), (r) => r.u32()],
    ['truncated context handle', Buffer.alloc(12), (r) => r.contextHandle()],
    ['pipe chunk larger than the stub', new Bytes().u32(100).build(), (r) => r.pipeBytes()],
  ];
  it.each(cases)('%s -> MalformedPacketError', (_name, stub, read) => {
    expect(() => read(new NdrReader(stub))).toThrow(MalformedPacketError);
  });
});

describe('NDR structure descriptions', () => {
  const S: NdrStruct = {
    name: 'T',
    fields: [
      { name: 'a', kind: 'u32' },
      { name: 'name', kind: 'string' },
      { name: 'files', kind: 'countedMultiSz' },
      { name: 'w', kind: 'u16' },
      { name: 'big', kind: 'u64' },
    ],
  };

  it('encodes what an independent builder lays out, and decodes it back', () => {
    const w = new NdrWriter();
    encodeNdrStruct(w, S, { a: 7, name: 'x', files: ['a', 'b'], w: 9, big: 5n });
    w.flushDeferred();
    const multi = Buffer.from('a\0b\0\0', 'utf16le');
    const expected = new Bytes()
      .u32(7)
      .u32(0x20000) // name referent
      .u32(5) // cch
      .u32(0x20004) // files referent
      .u16(9)
      .pad(8)
      .u64(5n)
      .ndrString('x')
      .pad(4)
      .u32(5)
      .raw(multi)
      .build();
    expect(w.finish()).toEqual(expected);
    const r = new NdrReader(expected);
    const rec = decodeNdrStruct(r, S);
    r.flushDeferred();
    expect(rec).toEqual({ a: 7, name: 'x', files: ['a', 'b'], w: 9, big: 5n });
  });

  it('refuses a counted MULTI_SZ whose conformance differs from its count', () => {
    const bad = new Bytes()
      .u32(7)
      .u32(0)
      .u32(4)
      .u32(0x20000)
      .u16(9)
      .pad(8)
      .u64(5n)
      .u32(5)
      .raw(Buffer.alloc(10))
      .build();
    const r = new NdrReader(bad);
    decodeNdrStruct(r, S);
    expect(() => r.flushDeferred()).toThrow(MalformedPacketError);
  });
});
