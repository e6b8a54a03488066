/**
 * The client's write path against our server's printer share: CREATE on \\host\HpColor starts a
 * job, WRITEs of at most MaxWriteSize fill it, CLOSE queues it; the job is then in the spooler's
 * queue with its owner and size. PRINT$ refuses writing.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { NtStatusError } from '../../../lib/common/errors';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import { Smb2Command } from '../../../lib/smb2/constants';
import type { Smb2Dialect, Smb2Session } from '../../../lib/smb2/client/smb2-client';
import { Smb2Client } from '../../../lib/smb2/client/smb2-client';
import { JobStatus } from '../../../lib/spoolss/constants';
import type { JobInfo } from '../../../lib/spoolss/types';
import type { FixtureServer } from '../../../lib/testing/fixture-server';
import { startFixtureServer } from '../../../lib/testing/fixture-server';

jest.setTimeout(60000);

const BOB = { name: 'bob', password: 'B0b!pass', groups: ['Users'] };
const ADMIN = { userName: 'admin', groups: ['Administrators'], isAdministrator: true, remote: false };
const PRINTER_ACCESS_USE = 0x8;
const { JOB_STATUS_SPOOLING } = JobStatus;

describe('SMB2 client write path', () => {
  let server: FixtureServer;
  const clients: Smb2Client[] = [];

  beforeAll(async () => {
    server = await startFixtureServer({ users: [BOB] });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(() => server.close());

  async function login(options: { dialects?: readonly Smb2Dialect[]; maxCreditsWanted?: number } = {}): Promise<{
    client: Smb2Client;
    session: Smb2Session;
  }> {
    const client = await Smb2Client.connect({ host: server.host, port: server.port, ...options });
    clients.push(client);
    const session = await client.login({ user: BOB.name, password: BOB.password });
    return { client, session };
  }

  async function jobs(): Promise<JobInfo[]> {
    const ps = server.printServerHost.printServer;
    const handle = await ps.openPrinter('\\\\NTPRINT\\HpColor', { desiredAccess: PRINTER_ACCESS_USE }, ADMIN);
    try {
      return await ps.enumJobs(handle, 0, 1000);
    } finally {
      await ps.closePrinter(handle);
    }
  }

  async function jobNamed(documentName: string): Promise<JobInfo | undefined> {
    return (await jobs()).find((j) => j.documentName === documentName);
  }

  test('createFile + write + close on HpColor queues a job owned by bob, of the bytes written', async () => {
    const { session } = await login();
    const tree = await session.treeConnect('HpColor');
    expect(tree.shareType).toBe('print');
    const data = Buffer.from('%!PS-Adobe-3.0\nshowpage\n');
    const file = await tree.createFile('small-job.ps');
    expect(await file.write(data.subarray(0, 10), 0)).toBe(10);
    expect(await file.write(data.subarray(10), 10)).toBe(data.length - 10);
    // The job is spooling until CLOSE, which queues it.
    expect(((await jobNamed('small-job.ps'))?.status ?? 0) & JOB_STATUS_SPOOLING).toBe(JOB_STATUS_SPOOLING);
    await file.close();
    const job = await jobNamed('small-job.ps');
    expect(job).toBeDefined();
    expect((job?.status ?? JOB_STATUS_SPOOLING) & JOB_STATUS_SPOOLING).toBe(0);
    expect(job?.userName.toLowerCase()).toBe('bob');
    expect(job?.size).toBe(data.length);
    await tree.disconnect();
  });

  test.each([
    ['2.1 multi-credit, 1 MiB WRITEs', [0x0210] as const, 32, 1024 * 1024],
    ['3.1.1 multi-credit, 1 MiB WRITEs', [0x0311] as const, 32, 1024 * 1024],
    ['2.0.2, 64 KiB WRITEs', [0x0202] as const, 512, 65536],
  ])('a 5 MiB job in several WRITEs arrives whole (%s)', async (name, dialects, maxCreditsWanted, expected) => {
    const { client, session } = await login({ dialects, maxCreditsWanted });
    expect(client.maxWriteSize).toBe(expected);
    const tree = await session.treeConnect('HpColor');
    const writes: number[] = [];
    const call = tree.call.bind(tree);
    jest.spyOn(tree, 'call').mockImplementation((request) => {
      if (request.command === Smb2Command.WRITE) writes.push(request.payloadSize ?? 0);
      return call(request);
    });
    const data = randomBytes(5 * 1024 * 1024);
    const doc = `big-${name.split(' ')[0] ?? ''}.bin`;
    expect(await tree.writeFile(doc, data)).toBe(data.length);
    expect(writes.length).toBe(Math.ceil(data.length / expected));
    expect(Math.max(...writes)).toBe(expected);
    const job = await jobNamed(doc);
    expect(job?.size).toBe(data.length);
    expect(job?.userName.toLowerCase()).toBe('bob');
  });

  test('writeFile from a stream gathers small pieces into WRITEs', async () => {
    const { session } = await login({ maxCreditsWanted: 32 });
    const tree = await session.treeConnect('HpColor');
    const pieces = Array.from({ length: 300 }, (_, i) => Buffer.alloc(10000, i & 0xff));
    let writes = 0;
    const call = tree.call.bind(tree);
    jest.spyOn(tree, 'call').mockImplementation((request) => {
      if (request.command === Smb2Command.WRITE) writes++;
      return call(request);
    });
    const total = await tree.writeFile('streamed.txt', Readable.from(pieces));
    expect(total).toBe(3000000);
    expect(writes).toBe(3);
    expect((await jobNamed('streamed.txt'))?.size).toBe(3000000);
  });

  test('writing to PRINT$ is refused with STATUS_ACCESS_DENIED', async () => {
    const { session } = await login();
    const tree = await session.treeConnect('PRINT$');
    const err = await tree.createFile('x64/evil.dll').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NtStatusError);
    expect((err as NtStatusError).status).toBe(NtStatus.STATUS_ACCESS_DENIED);
    await expect(tree.writeFile('evil.txt', Buffer.from('x'))).rejects.toMatchObject({
      status: NtStatus.STATUS_ACCESS_DENIED,
    });
  });
});
