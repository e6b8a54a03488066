import type { RegValue } from '../../../../lib/common/reg-value';
import { regBinary, regDword, regMultiSz, regSz } from '../../../../lib/common/reg-value';
import {
  decodeKeyList,
  decodePrinterEnumValues,
  encodeKeyList,
  encodePrinterEnumValues,
  layoutPrinterEnumValues,
} from '../../../../lib/rpc/rprn/structures/printer-enum-values';
import { Bytes } from '../../../helpers/hex';

/** A name of `cb` bytes with its NUL (cb/2 - 1 characters). */
const nameOf = (cb: number, tag: string): string => tag.padEnd(cb / 2 - 1, 'x');
const dword = (cb: number, tag: string): RegValue => regDword(nameOf(cb, tag), 1);

/**
 * The 25 values of the W2K8R2 `PrinterDriverData` reply decoded in point-and-print.md 6.5. The
 * values the capture names are reproduced; the others are fillers whose sizes were worked out by
 * hand so the known records land where the capture shows them.
 */
function w2k8r2Values(): RegValue[] {
  const v: RegValue[] = [];
  v.push(regDword('InitDriverVersion', 1536)); // 0
  v.push(regDword('FreeMem', 4096)); // 1
  v.push(dword(20, 'A'), dword(20, 'B'), dword(36, 'C')); // 2-4: 560..648
  v.push(regBinary('PrinterData', Buffer.alloc(560, 1))); // 5
  v.push(dword(40, 'D')); // 6: 1232..1276
  v.push(regBinary('FeatureKeyword', Buffer.alloc(509, 2))); // 7
  v.push(regDword('Forms?', 0)); // 8
  // 9: 716 bytes of MULTI_SZ, as in the capture: (101 + 101 + 155 + 1) UTF-16 units.
  v.push(regMultiSz('DependentFiles', ['f'.repeat(100), 'g'.repeat(100), 'h'.repeat(154)]));
  v.push(dword(20, 'E'), dword(20, 'F'), dword(20, 'G'), dword(20, 'H')); // 10-13: 2582..2680
  v.push(regBinary(nameOf(20, 'I'), Buffer.alloc(4120, 3))); // 14: name 2680, data 2700..6820
  v.push(regSz('InstallDate', '2009-07-14 00:00:00')); // 15: 19 chars -> 40 bytes
  for (const t of 'JKLMNOP') v.push(dword(20, t)); // 16-22: 6884..7052
  v.push(regBinary(nameOf(20, 'Q'), Buffer.alloc(1366, 4))); // 23: data 7072..8438
  v.push(regDword('HPDUMMY', 0)); // 24
  return v;
}

describe('PRINTER_ENUM_VALUES layout (W2K8R2 capture, point-and-print.md 6.5)', () => {
  const values = w2k8r2Values();
  const { records, size } = layoutPrinterEnumValues(values);
  const abs = (i: number): { name: number; cbName: number; type: number; data: number; cbData: number } => {
    const r = records[i]!;
    return {
      name: 20 * i + r.nameOffset,
      cbName: r.cbName,
      type: r.type,
      data: 20 * i + r.dataOffset,
      cbData: r.cbData,
    };
  };

  it('has 25 values and a 716-byte DependentFiles', () => {
    expect(values).toHaveLength(25);
    expect(records[9]!.cbData).toBe(716);
  });

  it.each([
    [0, { name: 500, cbName: 36, type: 4, data: 536, cbData: 4 }],
    [1, { name: 540, cbName: 16, type: 4, data: 556, cbData: 4 }],
    [5, { name: 648, cbName: 24, type: 3, data: 672, cbData: 560 }],
    [7, { name: 1276, cbName: 30, type: 3, data: 1308, cbData: 509 }],
    [8, { name: 1818, cbName: 14, type: 4, data: 1832, cbData: 4 }],
    [9, { name: 1836, cbName: 30, type: 7, data: 1866, cbData: 716 }],
    [15, { name: 6820, cbName: 24, type: 1, data: 6844, cbData: 40 }],
    [24, { name: 8438, cbName: 16, type: 4, data: 8456, cbData: 4 }],
  ])('record %i sits where the capture shows it', (i, expected) => {
    expect(abs(i)).toEqual(expected);
  });

  it('offsets on the wire are relative to each record (record 1 name offset 520)', () => {
    const buf = encodePrinterEnumValues(values, size);
    expect(buf.readUInt32LE(0)).toBe(500);
    expect(buf.readUInt32LE(20)).toBe(520);
    expect(buf.readUInt32LE(20 + 12)).toBe(556 - 20);
  });

  it('pcbEnumValues is the end of the last data item: 8460', () => {
    expect(size).toBe(8460);
  });

  it('decodes back to the same values', () => {
    expect(decodePrinterEnumValues(encodePrinterEnumValues(values, 9000), 25)).toEqual(values);
  });
});

describe('PRINTER_ENUM_VALUES: the 152-byte CopyFiles\\ICM reply Samba sends (protocol-anchors.md 2.4)', () => {
  it('matches byte for byte', () => {
    const values = [regSz('Directory', 'COLOR'), regMultiSz('Files', ['a.icm']), regSz('Module', 'mscms.dll')];
    const expected = new Bytes()
      // record 0 at 0: name 60 (20 bytes), REG_SZ, data 80 (12 bytes)
      .u32(60)
      .u32(20)
      .u32(1)
      .u32(80)
      .u32(12)
      // record 1 at 20: name 92 -> offset 72 (12 bytes), MULTI_SZ, data 104 -> 84 (14 bytes)
      .u32(72)
      .u32(12)
      .u32(7)
      .u32(84)
      .u32(14)
      // record 2 at 40: name 118 -> 78 (14 bytes), REG_SZ, data 132 -> 92 (20 bytes)
      .u32(78)
      .u32(14)
      .u32(1)
      .u32(92)
      .u32(20)
      .utf16z('Directory')
      .utf16z('COLOR')
      .utf16z('Files')
      .utf16z('a.icm')
      .u16(0)
      .utf16z('Module')
      .utf16z('mscms.dll')
      .build();
    expect(expected.length).toBe(152);
    expect(layoutPrinterEnumValues(values).size).toBe(152);
    expect(encodePrinterEnumValues(values, 152)).toEqual(expected);
  });

  it('aligns a QWORD to 8 and zero-length data at its aligned place', () => {
    const { records } = layoutPrinterEnumValues([{ name: 'Q', type: 11, value: 5n }, regBinary('E', Buffer.alloc(0))]);
    // Q: name 40..44, data 8-aligned at 48; E (record 1 at 20): name 56..60, data 60 (4-aligned), cb 0
    expect(records[0]).toEqual({ nameOffset: 40, cbName: 4, type: 11, dataOffset: 48, cbData: 8 });
    expect(records[1]).toEqual({ nameOffset: 36, cbName: 4, type: 3, dataOffset: 40, cbData: 0 });
  });
});

describe('EnumPrinterKey MULTI_SZ', () => {
  it('lists names, each NUL-terminated, then a final NUL', () => {
    expect(encodeKeyList(['ICM'])).toEqual(Buffer.from('ICM\0\0', 'utf16le'));
    expect(encodeKeyList(['PrinterDriverData', 'DsSpooler']).length).toBe(2 * (18 + 10) + 2);
    expect(encodeKeyList([])).toEqual(Buffer.alloc(2));
    expect(decodeKeyList(Buffer.from('A\0BC\0\0garbage', 'utf16le'))).toEqual(['A', 'BC']);
  });
});
