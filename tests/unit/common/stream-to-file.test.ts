/**
 * The download writer: a source that sends more or fewer bytes than it announced, or more than
 * the limit, is stopped and leaves no file, final or partial.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import { writeStreamToFile } from '../../../lib/common/stream-to-file';

/** A source that would never end: it counts how much was read of it. */
function endless(): Readable & { read_: number } {
  const chunk = Buffer.alloc(64 * 1024, 0x5a);
  const s = new Readable({
    read() {
      s.read_ += chunk.length;
      this.push(chunk);
    },
  }) as Readable & { read_: number };
  s.read_ = 0;
  return s;
}

describe('writeStreamToFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-stream-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes exactly the announced bytes under the final name', async () => {
    const file = path.join(dir, 'a.icm');
    expect(
      await writeStreamToFile(file, Readable.from([Buffer.from('abc'), Buffer.from('de')]), { expectedSize: 5 }),
    ).toBe(5);
    expect(await fs.readdir(dir)).toEqual(['a.icm']);
    expect(await fs.readFile(file, 'utf8')).toBe('abcde');
  });

  it('a source sending more than it announced is stopped at once', async () => {
    const source = endless();
    const err = await writeStreamToFile(path.join(dir, 'x.dll'), source, { expectedSize: 100_000, source: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ win32: Win32ErrorCode.ERROR_INVALID_DATA });
    expect((err as Error).message).toBe('x sent more than the 100000 bytes it announced');
    expect(source.read_).toBeLessThan(1024 * 1024);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('a source that announced nothing is stopped at the limit', async () => {
    const source = endless();
    const err = await writeStreamToFile(path.join(dir, 'x.dll'), source, { maxSize: 200_000, source: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ win32: Win32ErrorCode.ERROR_FILE_TOO_LARGE });
    expect((err as Error).message).toMatch(/^x sent \d+ bytes or more, over the download limit of 200000 bytes$/);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('a source that ends short of what it announced leaves no file', async () => {
    const err = await writeStreamToFile(path.join(dir, 'x.dll'), Readable.from([Buffer.from('abc')]), {
      expectedSize: 10,
      source: 'x',
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('x sent 3 of the 10 bytes it announced');
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('an announced size over the limit is refused before reading', async () => {
    const source = endless();
    const err = await writeStreamToFile(path.join(dir, 'x.dll'), source, {
      expectedSize: 10 * 1024 ** 3,
      maxSize: 1024,
      source: 'x',
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('x announces 10737418240 bytes, more than the download limit of 1024 bytes');
    expect(source.read_).toBe(0);
    expect(source.destroyed).toBe(true);
  });
});
