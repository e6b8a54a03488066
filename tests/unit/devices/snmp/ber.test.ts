import { MalformedPacketError } from '../../../../lib/common/errors';
import { EncodingError } from '../../../../lib/common/errors';
import {
  BerReader,
  decodeUnsigned32,
  encodeCounter64,
  encodeInteger,
  encodeLength,
  encodeOid,
  encodeUnsigned32,
} from '../../../../lib/devices/snmp/ber';
import { compareOids, parseOid } from '../../../../lib/devices/snmp/oid';
import { BerTag } from '../../../../lib/devices/snmp/snmp-constants';
import { hex } from './fixtures';

const read = (bytes: string): BerReader => BerReader.of(hex(bytes));

describe("INTEGER (X.690 8.3: minimal two's complement)", () => {
  it.each([
    [0, '02 01 00'],
    [127, '02 01 7f'],
    [128, '02 02 0080'],
    [256, '02 02 0100'],
    [-1, '02 01 ff'],
    [-128, '02 01 80'],
    [-129, '02 02 ff7f'],
    [2147483647, '02 04 7fffffff'],
    [-2147483648, '02 04 80000000'],
  ])('%i <-> %s', (value, bytes) => {
    expect(encodeInteger(value)).toEqual(hex(bytes));
    expect(read(bytes).readInteger('v')).toBe(value);
  });

  it('refuses values outside Integer32', () => {
    expect(() => encodeInteger(2147483648)).toThrow(EncodingError);
    expect(() => read('02 05 0080000000').readInteger('v')).toThrow(MalformedPacketError);
    expect(() => read('02 00').readInteger('v')).toThrow(MalformedPacketError);
  });
});

describe('Unsigned32 (Counter32, Gauge32, TimeTicks)', () => {
  it.each([
    [0, '41 01 00'],
    [255, '41 02 00ff'],
    [0x80000000, '41 05 0080000000'],
    [0xffffffff, '41 05 00ffffffff'],
  ])('%i <-> %s', (value, bytes) => {
    expect(encodeUnsigned32(BerTag.COUNTER32, value)).toEqual(hex(bytes));
    expect(decodeUnsigned32(read(bytes).expect(BerTag.COUNTER32, 'c'), 'c')).toBe(value);
  });
  it('refuses negative contents and more than 32 bits', () => {
    expect(() => decodeUnsigned32(read('41 01 ff').expect(BerTag.COUNTER32, 'c'), 'c')).toThrow(MalformedPacketError);
    expect(() => decodeUnsigned32(read('41 06 010000000000').expect(BerTag.COUNTER32, 'c'), 'c')).toThrow(
      MalformedPacketError,
    );
    expect(() => encodeUnsigned32(BerTag.GAUGE32, -1)).toThrow(EncodingError);
  });
  it('Counter64 takes a leading zero when the top bit is set', () => {
    expect(encodeCounter64(0xffffffffffffffffn)).toEqual(hex('46 09 00ffffffffffffffff'));
  });
});

describe('lengths (RFC 3417 8: definite forms only)', () => {
  it.each([
    [0, '00'],
    [127, '7f'],
    [128, '81 80'],
    [256, '82 0100'],
  ])('%i -> %s', (n, bytes) => {
    expect(encodeLength(n)).toEqual(hex(bytes));
  });
  it('reads the long form, even with more octets than needed', () => {
    expect(read('04 82 0003 616263').readOctetString('s').toString()).toBe('abc');
  });
  it.each([
    ['indefinite length', '30 80 0000'],
    ['five length octets', '04 85 0000000001 00'],
    ['a length past the end', '04 05 6162'],
    ['a truncated long length', '04 82 00'],
    ['a high-tag-number identifier', '1f 01 00'],
  ])('refuses %s', (_what, bytes) => {
    expect(() => read(bytes).readTlv('x')).toThrow(MalformedPacketError);
  });
});

describe('OBJECT IDENTIFIER', () => {
  it.each([
    ['1.3.6.1.2.1.1.1.0', '06 08 2b 06 01 02 01 01 01 00'],
    ['1.3.6.1.4.1.2699', '06 07 2b 06 01 04 01 95 0b'], // 2699 = 21 * 128 + 11
    ['2.999.3', '06 03 88 37 03'], // 2 * 40 + 999 = 1079 = 8 * 128 + 55
    ['0.0', '06 01 00'],
    ['1.3.4294967295', '06 06 2b 8f ff ff ff 7f'],
  ])('%s <-> %s', (text, bytes) => {
    expect(encodeOid(parseOid(text))).toEqual(hex(bytes));
    expect(read(bytes).readOid('o').join('.')).toBe(text);
  });
  it.each([
    ['an empty OID', '06 00'],
    ['a sub-identifier padded with 0x80', '06 03 2b 80 01'],
    ['an unterminated sub-identifier', '06 02 2b 86'],
    ['a sub-identifier over 32 bits', '06 07 2b 90 80 80 80 80 00'],
  ])('refuses %s', (_what, bytes) => {
    expect(() => read(bytes).readOid('o')).toThrow(MalformedPacketError);
  });
  it('refuses more than 128 sub-identifiers', () => {
    // 1.3 and 128 more sub-identifiers of 1: 129 content octets, so the long length form 81 81.
    const body = Buffer.concat([Buffer.from([0x2b]), Buffer.alloc(128, 1)]);
    expect(() => BerReader.of(Buffer.concat([Buffer.from([0x06, 0x81, body.length]), body])).readOid('o')).toThrow(
      MalformedPacketError,
    );
  });
  it('orders lexicographically, a prefix before its extensions', () => {
    const sorted = ['1.3.6.1.2.1.43.11', '1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.43.8.2.1.10.1.2', '1.3.6.1.2.1.1']
      .map(parseOid)
      .sort(compareOids)
      .map((o) => o.join('.'));
    expect(sorted).toEqual(['1.3.6.1.2.1.1', '1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.43.8.2.1.10.1.2', '1.3.6.1.2.1.43.11']);
  });
  it('parseOid refuses what is not an OID', () => {
    for (const bad of ['', '1', '1..3', '1.3.x', '1.3.4294967296']) expect(() => parseOid(bad)).toThrow(EncodingError);
  });
});

describe('round trips', () => {
  it('integers across Integer32 (bounded sample)', () => {
    let x = 12345;
    for (let i = 0; i < 500; i++) {
      x = (Math.imul(x, 1103515245) + 12345) | 0;
      expect(BerReader.of(encodeInteger(x)).readInteger('v')).toBe(x);
    }
  });
  it('trailing bytes after a constructed value are refused', () => {
    const seq = read('30 05 02 01 01 05 00').readSequence('s');
    seq.readInteger('i');
    expect(() => seq.end('s')).toThrow(MalformedPacketError);
  });
});
