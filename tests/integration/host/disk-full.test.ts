/**
 * Issue 13, item 6: a print job on a full disk. The state folder is a small tmpfs; a job sent to
 * the printer share gets STATUS_DISK_FULL (not INTERNAL_ERROR) on the WRITE or CLOSE that
 * met the full disk, no job stays queued (no 0-byte job), the log says why, and once room is
 * made the same server takes the next job.
 */
import { PassThrough } from 'node:stream';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { NtStatusError } from '../../../lib/common/errors';
import { createLogger } from '../../../lib/common/logger';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { Smb2Client } from '../../../lib/smb2/client/smb2-client';
import { JobStatus } from '../../../lib/spoolss/constants';
import type { JobInfo } from '../../../lib/spoolss/types';
import { mountSmallDisk, type SmallDisk } from '../../helpers/small-disk';

jest.setTimeout(60000);

const BOB = { name: 'bob', password: 'B0b!pass', groups: ['Users'] };
const ADMIN = { userName: 'admin', groups: ['Administrators'], isAdministrator: true, remote: false };

describe('printing to a full disk', () => {
  let disk: SmallDisk | undefined;
  let host: PrintServerHost | undefined;
  let port = 0;
  let log = '';

  beforeAll(async () => {
    disk = await mountSmallDisk(4 * 1024 * 1024);
    if (disk === undefined) return;
    const stream = new PassThrough();
    stream.on('data', (c: Buffer) => (log += c.toString()));
    host = await PrintServerHost.create({
      users: [BOB],
      stateDir: path.join(disk.dir, 'state'),
      logger: createLogger({ level: 'warn', format: 'json', stream }),
    });
    port = (await host.listen(0, '127.0.0.1')).port;
  });

  afterAll(async () => {
    await host?.close();
    await disk?.unmount();
  });

  async function jobs(): Promise<JobInfo[]> {
    const ps = host?.printServer;
    if (ps === undefined) return [];
    const handle = await ps.openPrinter('\\\\NTPRINT\\HpColor', { desiredAccess: 0x8 }, ADMIN);
    try {
      return await ps.enumJobs(handle, 0, 1000);
    } finally {
      await ps.closePrinter(handle);
    }
  }

  async function print(name: string, data: Buffer): Promise<unknown> {
    const client = await Smb2Client.connect({ host: '127.0.0.1', port });
    try {
      const session = await client.login({ user: BOB.name, password: BOB.password });
      const tree = await session.treeConnect('HpColor');
      return await tree.writeFile(name, data).catch((err: unknown) => err);
    } finally {
      await client.close();
    }
  }

  const spoolFiles = async (): Promise<string[]> =>
    (await fs.readdir(path.join(disk?.dir ?? '', 'state', 'PRINTERS'))).filter((n) => /\.(SPL|SHD)$/.test(n));

  test('STATUS_DISK_FULL, nothing queued, logged; the next job prints once there is room again', async () => {
    if (disk === undefined) return; // not root, not CI: no tmpfs (CI fails in mountSmallDisk)
    await disk.fill(96 * 1024);
    const err = await print('too-big.bin', Buffer.alloc(1024 * 1024, 0x41));
    expect(err).toBeInstanceOf(NtStatusError);
    expect((err as NtStatusError).status).toBe(NtStatus.STATUS_DISK_FULL);
    expect((await jobs()).filter((j) => j.documentName === 'too-big.bin')).toEqual([]);
    expect(await spoolFiles()).toEqual([]);
    expect(log).toMatch(/spool data not written: the job will not be queued/);
    expect(log).toMatch(/no space left on the device/);

    // Not even room for a job's files: CREATE itself fails, and no 0-byte job is left.
    await disk.fill(0);
    const empty = await print('no-room.txt', Buffer.from('x'));
    expect((empty as NtStatusError).status).toBe(NtStatus.STATUS_DISK_FULL);
    expect(await jobs()).toEqual([]);
    expect(await spoolFiles()).toEqual([]);

    await disk.free();
    expect(await print('fits.txt', Buffer.from('hello\f'))).toBe(6);
    const queued = (await jobs()).filter((j) => j.documentName === 'fits.txt');
    // Queued, maybe already printing or printed (then gone): never spooling.
    expect(queued.every((j) => (j.status & JobStatus.JOB_STATUS_SPOOLING) === 0)).toBe(true);
  });
});
