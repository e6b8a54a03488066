import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, PathEscapeError } from '../../../lib/common/errors';
import {
  DriverStore,
  DriverStoreLookupError,
  InvalidReadRangeError,
  MAX_READ_LENGTH,
} from '../../../lib/drivers/driver-store';

const collect = async (stream: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
};

describe('DriverStore', () => {
  let tmp: string;
  let root: string;
  let outside: string;
  let store: DriverStore;
  const BIG = 64 * 1024 * 1024;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pointprint-store-'));
    root = path.join(tmp, 'drivers');
    outside = path.join(tmp, 'outside');
    fs.mkdirSync(path.join(root, 'x64', '3'), { recursive: true });
    fs.mkdirSync(path.join(root, 'color'));
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
    fs.writeFileSync(path.join(root, 'x64', '3', 'UNIDRV.DLL'), '0123456789abcdef');
    fs.writeFileSync(path.join(root, 'x64', '3', 'unidrvui.dll'), 'ui');
    fs.writeFileSync(path.join(root, 'color', 'Hpclrlsr.icm'), 'icc');
    fs.writeFileSync(path.join(root, 'color', 'HPCLRLSR.ICM'), 'other spelling');
    fs.writeFileSync(path.join(root, 'color', 'zeta.icm'), 'z');
    fs.writeFileSync(path.join(root, 'color', 'Alpha.icm'), 'a');
    fs.writeFileSync(path.join(root, 'color', 'bad:name'), 'unreachable');
    fs.writeFileSync(path.join(root, 'color', 'nul'), 'unreachable');
    fs.symlinkSync(path.join(root, 'x64', '3', 'UNIDRV.DLL'), path.join(root, 'color', 'inside-link.dll'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'color', 'escape.txt'));
    fs.symlinkSync(outside, path.join(root, 'escape-dir'));
    fs.symlinkSync('../../../outside/secret.txt', path.join(root, 'x64', '3', 'relative-escape.txt'));
    fs.symlinkSync(path.join(root, 'missing'), path.join(root, 'color', 'dangling.icm'));
    fs.symlinkSync(path.join(root, 'x64'), path.join(root, 'amd64'));
    const fd = fs.openSync(path.join(root, 'big.bin'), 'w');
    fs.ftruncateSync(fd, BIG);
    fs.writeSync(fd, Buffer.from('TAIL'), 0, 4, BIG - 4);
    fs.closeSync(fd);
    store = await DriverStore.open(root);
  });

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('opens only directories', async () => {
    await expect(DriverStore.open(path.join(tmp, 'nope'))).rejects.toBeInstanceOf(ConfigError);
    await expect(DriverStore.open(path.join(outside, 'secret.txt'))).rejects.toThrow(/not a directory/);
    expect(store.root).toBe(fs.realpathSync(root));
  });

  it("resolves '' and '\\\\' to the root", async () => {
    for (const p of ['', '\\', '/']) {
      const e = await store.resolve(p);
      expect(e).toMatchObject({ name: '', path: '', isDirectory: true, realPath: store.root });
    }
  });

  it('resolves case-insensitively and reports the on-disk case', async () => {
    const e = await store.resolve('X64\\3\\unidrv.dll');
    expect(e).toMatchObject({ name: 'UNIDRV.DLL', path: 'x64\\3\\UNIDRV.DLL', isDirectory: false, size: 16 });
    expect(e?.realPath).toBe(path.join(store.root, 'x64', '3', 'UNIDRV.DLL'));
    expect(Math.abs(e!.mtime.getTime() - Date.now())).toBeLessThan(600_000);
    expect((await store.resolve('x64/3/UNIDRVUI.DLL'))?.path).toBe('x64\\3\\unidrvui.dll');
  });

  it('strips trailing dots and spaces as Windows does', async () => {
    expect((await store.resolve('x64.\\3 \\UNIDRV.DLL. '))?.path).toBe('x64\\3\\UNIDRV.DLL');
  });

  it('prefers the exact spelling when a POSIX tree holds several', async () => {
    expect((await store.resolve('color\\HPCLRLSR.ICM'))?.name).toBe('HPCLRLSR.ICM');
    expect((await store.resolve('color\\Hpclrlsr.icm'))?.name).toBe('Hpclrlsr.icm');
    expect((await store.resolve('color\\hpclrlsr.icm'))?.name).toBe('HPCLRLSR.ICM');
  });

  it('returns undefined for what does not exist, including below a file and dangling links', async () => {
    expect(await store.resolve('x64\\4\\UNIDRV.DLL')).toBeUndefined();
    expect(await store.resolve('x64\\3\\UNIDRV.DLL\\x')).toBeUndefined();
    expect(await store.resolve('color\\dangling.icm')).toBeUndefined();
  });

  it('follows links that stay inside the store', async () => {
    const e = await store.resolve('color\\inside-link.dll');
    expect(e).toMatchObject({ name: 'inside-link.dll', path: 'color\\inside-link.dll', size: 16 });
    expect(e?.realPath).toBe(path.join(store.root, 'x64', '3', 'UNIDRV.DLL'));
    expect((await store.resolve('AMD64\\3\\unidrv.dll'))?.path).toBe('amd64\\3\\UNIDRV.DLL');
  });

  it('refuses links that lead out of the store (realpath check)', async () => {
    await expect(store.resolve('color\\escape.txt')).rejects.toBeInstanceOf(PathEscapeError);
    await expect(store.resolve('escape-dir\\secret.txt')).rejects.toThrow(/symbolic link leads outside/);
    await expect(store.resolve('escape-dir')).rejects.toBeInstanceOf(PathEscapeError);
    await expect(store.resolve('x64\\3\\relative-escape.txt')).rejects.toBeInstanceOf(PathEscapeError);
  });

  it('refuses unsafe names before touching the disk', async () => {
    for (const p of [
      '..\\outside\\secret.txt',
      'C:\\x',
      '\\\\srv\\share',
      'NUL',
      'color\\Hpclrlsr.icm:stream',
      'a\0b',
    ]) {
      await expect(store.resolve(p)).rejects.toBeInstanceOf(PathEscapeError);
    }
  });

  it('lists a directory sorted case-insensitively, without unreachable or escaping names', async () => {
    const names = (await store.list('COLOR')).map((e) => e.name);
    expect(names).toEqual(['Alpha.icm', 'HPCLRLSR.ICM', 'Hpclrlsr.icm', 'inside-link.dll', 'zeta.icm']);
    const rootNames = (await store.list('')).map((e) => e.name);
    expect(rootNames).toEqual(['amd64', 'big.bin', 'color', 'x64']);
    const x64 = await store.list('x64\\3');
    expect(x64.map((e) => e.path)).toEqual(['x64\\3\\UNIDRV.DLL', 'x64\\3\\unidrvui.dll']);
  });

  it('list refuses missing directories and files', async () => {
    await expect(store.list('nope')).rejects.toMatchObject({ reason: 'not-found' });
    await expect(store.list('x64\\3\\UNIDRV.DLL')).rejects.toMatchObject({ reason: 'not-a-directory' });
  });

  it('reads ranges, short at the end of the file', async () => {
    const e = (await store.resolve('x64\\3\\UNIDRV.DLL'))!;
    expect((await store.read(e, 0, 4)).toString()).toBe('0123');
    expect((await store.read(e, 10, 100)).toString()).toBe('abcdef');
    expect((await store.read(e, 16, 10)).length).toBe(0);
    expect((await store.read(e, 1000, 10)).length).toBe(0);
  });

  it('reads a range at the end of a large file without loading it', async () => {
    const e = (await store.resolve('BIG.BIN'))!;
    expect(e.size).toBe(BIG);
    expect((await store.read(e, BIG - 4, 4)).toString()).toBe('TAIL');
    await expect(store.read(e, 0, MAX_READ_LENGTH + 1)).rejects.toBeInstanceOf(InvalidReadRangeError);
    await expect(store.read(e, -1, 1)).rejects.toBeInstanceOf(InvalidReadRangeError);
    const tail = await collect(store.createReadStream(e, { start: BIG - 6, end: BIG - 1 }));
    expect(tail).toEqual(Buffer.concat([Buffer.alloc(2), Buffer.from('TAIL')]));
  });

  it('streams a whole small file and refuses directories', async () => {
    const e = (await store.resolve('x64\\3\\unidrv.dll'))!;
    expect((await collect(store.createReadStream(e))).toString()).toBe('0123456789abcdef');
    const dir = (await store.resolve('x64'))!;
    await expect(store.read(dir, 0, 1)).rejects.toBeInstanceOf(DriverStoreLookupError);
    expect(() => store.createReadStream(dir)).toThrow(DriverStoreLookupError);
  });

  it('refuses a forged entry that points outside the store', async () => {
    const e = (await store.resolve('x64\\3\\UNIDRV.DLL'))!;
    const forged = { ...e, realPath: path.join(outside, 'secret.txt') };
    await expect(store.read(forged, 0, 4)).rejects.toBeInstanceOf(PathEscapeError);
    expect(() => store.createReadStream(forged)).toThrow(PathEscapeError);
  });
});
