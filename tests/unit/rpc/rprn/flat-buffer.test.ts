import { fixedSize, measureFlat, packFlat, unpackFlat } from '../../../../lib/rpc/rprn/structures/flat-buffer';
import {
  DRIVER_INFO_LAYOUTS,
  FORM_INFO_1_LAYOUT,
  JOB_INFO_LAYOUTS,
  PORT_INFO_LAYOUTS,
  PRINTER_INFO_LAYOUTS,
} from '../../../../lib/rpc/rprn/structures/info-layouts';
import { Bytes } from '../../../helpers/hex';

describe('custom-marshaled INFO buffers ([MS-RPRN] 2.2.2)', () => {
  it('fixed portions have the sizes of the spec diagrams', () => {
    expect(fixedSize(PRINTER_INFO_LAYOUTS[1]!)).toBe(16);
    expect(fixedSize(PRINTER_INFO_LAYOUTS[2]!)).toBe(84);
    expect(fixedSize(DRIVER_INFO_LAYOUTS[3]!)).toBe(40);
    expect(fixedSize(DRIVER_INFO_LAYOUTS[4]!)).toBe(44);
    // 2.2.2.4.6: ftDriverDate at 44, PaddingForAlignment, dwlDriverVersion at 56, four offsets
    expect(fixedSize(DRIVER_INFO_LAYOUTS[6]!)).toBe(80);
    expect(fixedSize(DRIVER_INFO_LAYOUTS[8]!)).toBe(120);
    expect(fixedSize(JOB_INFO_LAYOUTS[1]!)).toBe(64);
    expect(fixedSize(JOB_INFO_LAYOUTS[2]!)).toBe(104);
    expect(fixedSize(FORM_INFO_1_LAYOUT)).toBe(32);
    expect(fixedSize(PORT_INFO_LAYOUTS[2]!)).toBe(20);
  });

  it('packs strings from the end backwards with offsets relative to each structure', () => {
    const layout = PRINTER_INFO_LAYOUTS[1]!;
    const recs = [
      { Flags: 0x800000, pDescription: 'D', pName: 'N', pComment: 'C' },
      { Flags: 1, pDescription: 'd', pName: 'n', pComment: 'c' },
    ];
    expect(measureFlat(layout, recs)).toBe(56);
    const expected = new Bytes()
      // structure 0 at 0: its strings are the last ones in the buffer
      .u32(0x800000)
      .u32(52)
      .u32(48)
      .u32(44)
      // structure 1 at 16: D at 40, N at 36, C at 32 -> 24, 20, 16
      .u32(1)
      .u32(24)
      .u32(20)
      .u32(16)
      .utf16z('c')
      .utf16z('n')
      .utf16z('d')
      .utf16z('C')
      .utf16z('N')
      .utf16z('D')
      .build();
    expect(packFlat(layout, recs, 56)).toEqual(expected);
    expect(unpackFlat(layout, expected, 2)).toEqual(recs);
  });

  it('packs against the end of a larger client buffer (Windows), leaving zeros in between', () => {
    const layout = PRINTER_INFO_LAYOUTS[1]!;
    const out = packFlat(layout, [{ Flags: 0, pDescription: 'D', pName: 'N', pComment: 'C' }], 40);
    expect(out.readUInt32LE(4)).toBe(36);
    expect(out.subarray(16, 28)).toEqual(Buffer.alloc(12));
    expect(unpackFlat(layout, out, 1)[0]!.pName).toBe('N');
  });

  it('places DRIVER_INFO_6 dates and versions per 2.2.2.4.6 and MULTI_SZ with their double NUL', () => {
    const layout = DRIVER_INFO_LAYOUTS[6]!;
    const rec = {
      cVersion: 3,
      pName: 'Drv',
      pEnvironment: 'Windows x64',
      pDriverPath: 'a.dll',
      pDataFile: 'b.gpd',
      pConfigFile: 'c.dll',
      pHelpFile: 'd.hlp',
      pDependentFiles: ['e.dll', 'f.dll'],
      pMonitorName: '',
      pDefaultDataType: 'RAW',
      pszzPreviousNames: [],
      ftDriverDate: 0x01d2345678abcdefn,
      dwlDriverVersion: 0x000a000000010002n,
      pszMfgName: 'HP',
      pszOEMUrl: '',
      pszHardwareID: '',
      pszProvider: 'HP',
    };
    const n = measureFlat(layout, [rec]);
    const buf = packFlat(layout, [rec], n);
    expect(buf.readBigUInt64LE(44)).toBe(0x01d2345678abcdefn);
    expect(buf.readUInt32LE(52)).toBe(0);
    expect(buf.readBigUInt64LE(56)).toBe(0x000a000000010002n);
    const dep = buf.readUInt32LE(28);
    expect(buf.subarray(dep, dep + 26).toString('utf16le')).toBe('e.dll\0f.dll\0\0');
    const prev = buf.readUInt32LE(40);
    expect(buf.subarray(prev, prev + 4)).toEqual(Buffer.alloc(4));
    expect(unpackFlat(layout, buf, 1)[0]).toEqual(rec);
  });

  it('aligns a DEVMODE to 4 and reads it back by dmSize + dmDriverExtra', () => {
    const devMode = Buffer.alloc(230);
    devMode.write('HpColor', 0, 'utf16le');
    devMode.writeUInt16LE(220, 68);
    devMode.writeUInt16LE(10, 70);
    const layout = PRINTER_INFO_LAYOUTS[8]!;
    expect(measureFlat(layout, [{ pDevMode: devMode }])).toBe(236);
    const buf = packFlat(layout, [{ pDevMode: devMode }], 239);
    // end = 236 (cbBuf rounded down to 4); 236 - 230 = 6, aligned down to 4
    expect(buf.readUInt32LE(0)).toBe(4);
    expect(unpackFlat(layout, buf, 1)[0]!.pDevMode).toEqual(devMode);
  });

  it('writes NULL pointers as offset 0', () => {
    const layout = PRINTER_INFO_LAYOUTS[7]!;
    const buf = packFlat(layout, [{ pszObjectGUID: undefined, dwAction: 4 }], 8);
    expect(buf).toEqual(new Bytes().u32(0).u32(4).build());
    expect(unpackFlat(layout, buf, 1)[0]).toEqual({ pszObjectGUID: undefined, dwAction: 4 });
  });

  it('refuses offsets outside the buffer when reading', () => {
    const bad = new Bytes().u32(0).u32(400).u32(0).u32(0).build();
    expect(() => unpackFlat(PRINTER_INFO_LAYOUTS[1]!, bad, 1)).toThrow();
  });
});
