import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ClientPaths } from '../../../lib/client/client-paths';
import { PathEscapeError } from '../../../lib/common/errors';

describe('ClientPaths', () => {
  let root: string;
  let paths: ClientPaths;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-paths-'));
    paths = new ClientPaths(root);
    await paths.ensureSkeleton();
  });

  it("matches existing folders case-insensitively ('Color' -> color) and creates missing ones as spelt", async () => {
    expect(await paths.directoryFor('Color')).toBe(path.join(root, 'System32', 'spool', 'drivers', 'color'));
    expect(await paths.directoryFor('x64\\3')).toBe(path.join(root, 'System32', 'spool', 'drivers', 'x64', '3'));
  });

  it.each(['..', '..\\..\\x', 'C:\\x', '\\\\host\\share', 'a\\..\\..', 'con', 'a:b'])('refuses %j', async (rel) => {
    await expect(paths.directoryFor(rel)).rejects.toBeInstanceOf(PathEscapeError);
  });

  it('refuses a symbolic link planted in the client tree', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-outside-'));
    await fs.symlink(outside, path.join(paths.driversDir, 'Evil'));
    await expect(paths.directoryFor('evil')).rejects.toBeInstanceOf(PathEscapeError);
  });

  it('relativeToDrivers accepts only paths below %SystemRoot%\\System32\\spool\\drivers', () => {
    expect(paths.relativeToDrivers('c:\\windows\\system32\\SPOOL\\drivers\\Color')).toBe('Color');
    expect(() => paths.relativeToDrivers('C:\\Windows\\System32\\spool\\drivers')).toThrow(PathEscapeError);
    expect(() => paths.relativeToDrivers('C:\\Windows\\System32\\spool\\drivers\\..\\x')).toThrow(PathEscapeError);
    expect(() => paths.relativeToDrivers('D:\\elsewhere')).toThrow(PathEscapeError);
  });

  it('writes through a temporary name: a failed stream leaves no file under the final name', async () => {
    const dir = await paths.directoryFor('Color');
    const failing = new Readable({
      read() {
        this.push('partial');
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(paths.writeFileAtomically(dir, 'x.icm', failing)).rejects.toThrow('connection lost');
    expect(await fs.readdir(dir)).toEqual([]);
    const final = await paths.writeFileAtomically(dir, 'x.icm', Readable.from([Buffer.from('ok')]));
    expect(await fs.readFile(final, 'utf8')).toBe('ok');
    // Same name in another case replaces the existing file.
    await paths.writeFileAtomically(dir, 'X.ICM', Readable.from([Buffer.from('new')]));
    expect(await fs.readdir(dir)).toEqual(['x.icm']);
    await expect(paths.writeFileAtomically(dir, '..\\y', Readable.from([]))).rejects.toBeInstanceOf(PathEscapeError);
  });
});
