/**
 * The sample ICC profiles of drivers-store/color, read with a small independent ICC reader
 * (ICC.1 v2 header and tag table), and compared with what the generator script writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SAMPLE_PROFILES, buildIccProfile } from '../../../scripts/generate-icc-profile';

const COLOR = path.resolve(__dirname, '../../../drivers-store/color');

function readIcc(data: Buffer): {
  size: number;
  version: number;
  deviceClass: string;
  colorSpace: string;
  pcs: string;
  tags: Map<string, Buffer>;
} {
  const ascii = (at: number): string => data.toString('latin1', at, at + 4);
  const tags = new Map<string, Buffer>();
  const count = data.readUInt32BE(128);
  for (let i = 0; i < count; i++) {
    const at = 132 + 12 * i;
    const offset = data.readUInt32BE(at + 4);
    const size = data.readUInt32BE(at + 8);
    expect(offset % 4).toBe(0);
    expect(offset).toBeGreaterThanOrEqual(132 + 12 * count);
    expect(offset + size).toBeLessThanOrEqual(data.length);
    tags.set(ascii(at), data.subarray(offset, offset + size));
  }
  expect(ascii(36)).toBe('acsp');
  return {
    size: data.readUInt32BE(0),
    version: data.readUInt32BE(8),
    deviceClass: ascii(12),
    colorSpace: ascii(16),
    pcs: ascii(20),
    tags,
  };
}

const s15 = (b: Buffer, at: number): number => b.readInt32BE(at) / 65536;

describe.each(Object.keys(SAMPLE_PROFILES))('drivers-store/color/%s', (name) => {
  const data = fs.readFileSync(path.join(COLOR, name));
  const icc = readIcc(data);

  it('has a valid v2 header: size, acsp, class, colour spaces, D50 illuminant', () => {
    expect(icc.size).toBe(data.length);
    expect(data.length % 4).toBe(0);
    expect(icc.version >>> 24).toBe(2);
    expect(icc.deviceClass).toBe('mntr');
    expect(icc.colorSpace).toBe('RGB ');
    expect(icc.pcs).toBe('XYZ ');
    expect(s15(data, 68)).toBeCloseTo(0.9642, 4);
    expect(s15(data, 72)).toBe(1);
    expect(s15(data, 76)).toBeCloseTo(0.8249, 4);
  });

  it('has the tags a matrix/TRC RGB profile requires, desc/wtpt/cprt among them', () => {
    expect([...icc.tags.keys()].sort()).toEqual(
      ['bTRC', 'bXYZ', 'cprt', 'desc', 'gTRC', 'gXYZ', 'rTRC', 'rXYZ', 'wtpt'].sort(),
    );
    const desc = icc.tags.get('desc')!;
    expect(desc.toString('latin1', 0, 4)).toBe('desc');
    const n = desc.readUInt32BE(8);
    expect(desc.toString('latin1', 12, 12 + n - 1)).toBe(SAMPLE_PROFILES[name]!.description);
    expect(desc.length).toBe(12 + n + 8 + 3 + 67);
    expect(icc.tags.get('cprt')!.toString('latin1', 0, 4)).toBe('text');
    const wtpt = icc.tags.get('wtpt')!;
    expect(wtpt.toString('latin1', 0, 4)).toBe('XYZ ');
    expect(s15(wtpt, 12)).toBe(1);
    // The colorants add up to the D50 white, as a chromatically adapted matrix must.
    const sum = [0, 1, 2].map((c) =>
      ['rXYZ', 'gXYZ', 'bXYZ'].reduce((acc, t) => acc + s15(icc.tags.get(t)!, 8 + 4 * c), 0),
    );
    expect(sum[0]).toBeCloseTo(0.9642, 3);
    expect(sum[1]).toBeCloseTo(1, 3);
    expect(sum[2]).toBeCloseTo(0.8249, 3);
    expect(icc.tags.get('rTRC')!.toString('latin1', 0, 4)).toBe('curv');
  });

  it('is what scripts/generate-icc-profile.ts writes', () => {
    expect(buildIccProfile(SAMPLE_PROFILES[name]!).equals(data)).toBe(true);
  });
});
