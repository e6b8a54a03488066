import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClientDriverStore } from '../../../lib/client/client-driver-store';
import { PathEscapeError } from '../../../lib/common/errors';

describe('ClientDriverStore', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-cds-'));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('stages in FileRepository and commits under the package folder name, replacing an older copy', async () => {
    const store = new ClientDriverStore(root);
    const folder = 'hpcpkg.inf_amd64_0123456789abcdef';
    const first = await store.createStagingFolder();
    expect(path.basename(first)).toMatch(/^\.staging-/);
    await fs.writeFile(path.join(first, 'old.gpd'), 'old');
    await store.commitStaging(first, folder);
    const second = await store.createStagingFolder();
    await fs.writeFile(path.join(second, 'new.gpd'), 'new');
    const final = await store.commitStaging(second, folder);
    expect(await fs.readdir(final)).toEqual(['new.gpd']);
    expect(await fs.readdir(store.repositoryDir)).toEqual([folder]);
    expect(store.windowsPathOf(folder)).toBe(`C:\\Windows\\System32\\DriverStore\\FileRepository\\${folder}`);
  });

  it('refuses names that are not package folders, and folders that are not its staging folders', async () => {
    const store = new ClientDriverStore(root);
    expect(() => store.folderPath('..\\..\\evil')).toThrow(PathEscapeError);
    const staging = await store.createStagingFolder();
    await expect(store.commitStaging(staging, '../x.inf_amd64_0123456789abcdef')).rejects.toThrow(PathEscapeError);
    await expect(store.commitStaging(root, 'x.inf_amd64_0123456789abcdef')).rejects.toThrow(PathEscapeError);
  });

  it('refuses a driver store that a link sends outside the client root', async () => {
    const elsewhere = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-cds-else-'));
    await fs.mkdir(path.join(root, 'System32'), { recursive: true });
    await fs.symlink(elsewhere, path.join(root, 'System32', 'DriverStore'));
    const store = new ClientDriverStore(root);
    await expect(store.createStagingFolder()).rejects.toThrow(PathEscapeError);
    await expect(store.tempFile('.cab')).rejects.toThrow(PathEscapeError);
    expect(await fs.readdir(elsewhere)).toEqual([]);
    await fs.rm(elsewhere, { recursive: true, force: true });
  });
});
