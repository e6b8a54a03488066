import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STREAMED_READ_SLICE, readInSlices } from '../../../../lib/smb2/server/streamed-read';

describe('readInSlices', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pointprint-slices-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('fills the buffer after its headroom, a slice at a time, each slice ending where it says', async () => {
    const bytes = randomBytes(2 * STREAMED_READ_SLICE + 12345);
    const file = path.join(dir, 'big.bin');
    await fs.writeFile(file, bytes);
    const fh = await fs.open(file, 'r');
    try {
      const length = bytes.length - 100;
      const buffer = Buffer.alloc(80 + length, 0xee);
      const slices = readInSlices(fh, buffer, 80, 100, length);
      expect(slices.map((s) => s.end)).toEqual([80 + STREAMED_READ_SLICE, 80 + 2 * STREAMED_READ_SLICE, 80 + length]);
      await Promise.all(slices.map((s) => s.ready));
      expect(buffer.subarray(0, 80).every((b) => b === 0xee)).toBe(true);
      expect(buffer.subarray(80).equals(bytes.subarray(100))).toBe(true);
    } finally {
      await fh.close();
    }
  });

  it('sends zeros for bytes the file no longer has (it shrank under the READ), as smbd pads a short sendfile', async () => {
    const file = path.join(dir, 'shrunk.bin');
    await fs.writeFile(file, Buffer.alloc(STREAMED_READ_SLICE + 10, 0x41));
    const fh = await fs.open(file, 'r');
    try {
      const buffer = Buffer.alloc(2 * STREAMED_READ_SLICE, 0xee);
      const slices = readInSlices(fh, buffer, 0, 0, buffer.length);
      await Promise.all(slices.map((s) => s.ready));
      expect(buffer.subarray(0, STREAMED_READ_SLICE + 10).every((b) => b === 0x41)).toBe(true);
      expect(buffer.subarray(STREAMED_READ_SLICE + 10).every((b) => b === 0)).toBe(true);
    } finally {
      await fh.close();
    }
  });

  it('rejects the slice whose read fails', async () => {
    const file = path.join(dir, 'x.bin');
    await fs.writeFile(file, Buffer.alloc(16));
    const fh = await fs.open(file, 'r');
    await fh.close();
    const slices = readInSlices(fh, Buffer.alloc(16), 0, 0, 16);
    await expect(slices[0]!.ready).rejects.toThrow();
  });
});
