/**
 * RpcSetJob with a JOB_INFO_1 container ([MS-RPRN] 3.1.4.3.1): priority, position and document
 * name, through our RprnClient, the DCE/RPC pipe endpoint and the real NTPRINT print server in
 * process (no devices: jobs stay queued). Bob may not change Alice's job.
 */
import { Win32Error } from '../../../../lib/common/errors';
import type { AuthenticatedUser } from '../../../../lib/common/identity';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { MSRPC_UUID_RPRN } from '../../../../lib/rpc/constants';
import { RpcClient } from '../../../../lib/rpc/client/rpc-client';
import { RprnClient } from '../../../../lib/rpc/rprn/client/rprn-client';
import { RprnOpnum } from '../../../../lib/rpc/rprn/opnums';
import { NdrWriter } from '../../../../lib/rpc/ndr/ndr-writer';
import { AccessMask } from '../../../../lib/spoolss/constants';
import {
  ALICE_USER,
  spoolssTransport,
  startInMemorySpooler,
  type InMemorySpooler,
} from '../../../helpers/in-memory-spooler';

const BOB_USER: AuthenticatedUser = { ...ALICE_USER, userName: 'bob' };
const CLIENT_INFO = {
  size: 28,
  machineName: '\\\\MYCLIENT',
  userName: 'alice',
  buildNum: 26100,
  majorVersion: 10,
  minorVersion: 0,
  processorArchitecture: 9,
};

describe('RpcSetJob with job fields (in process, real NTPRINT server)', () => {
  let spooler: InMemorySpooler;
  const clients: RpcClient[] = [];

  const connect = async (user: AuthenticatedUser): Promise<RprnClient> => {
    const rpc = await RpcClient.bind(spoolssTransport(spooler, user), { uuid: MSRPC_UUID_RPRN.uuid, version: 1 });
    clients.push(rpc);
    return new RprnClient(rpc, { serverName: 'NTPRINT' });
  };
  const open = (c: RprnClient) => c.openPrinterEx('\\\\NTPRINT\\HpColor', AccessMask.PRINTER_ACCESS_USE, CLIENT_INFO);
  const submit = async (c: RprnClient, name: string): Promise<number> => {
    const h = await open(c);
    const id = await c.startDocPrinter(h, { documentName: name, datatype: 'RAW' });
    await c.writePrinter(h, Buffer.from('page\f'));
    await c.endDocPrinter(h);
    await c.closePrinter(h);
    return id;
  };

  beforeAll(async () => {
    spooler = await startInMemorySpooler();
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await spooler.close();
  });

  it('the owner sets priority, document name and position; GetJob and EnumJobs show them', async () => {
    const alice = await connect(ALICE_USER);
    const a = await submit(alice, 'a.txt');
    const b = await submit(alice, 'b.txt');
    const c = await submit(alice, 'c.txt');
    const h = await open(alice);
    await alice.setJob(h, c, 0, { priority: 42, documentName: 'renamed.txt', position: 1 });
    const job = await alice.getJob(h, c, 1);
    expect(job).toMatchObject({ priority: 42, documentName: 'renamed.txt', position: 1 });
    const order = (await alice.enumJobs(h, 0, 100, 1)).filter((j) => [a, b, c].includes(j.jobId));
    expect(order.map((j) => j.jobId)).toEqual([c, a, b]);
    // A position past the end puts the job last; Position 0 leaves it where it is.
    await alice.setJob(h, c, 0, { position: 99 });
    await alice.setJob(h, a, 0, { documentName: 'a2.txt' });
    const after = (await alice.enumJobs(h, 0, 100, 1)).filter((j) => [a, b, c].includes(j.jobId));
    expect(after.map((j) => [j.jobId, j.documentName, j.priority])).toEqual([
      [a, 'a2.txt', 1],
      [b, 'b.txt', 1],
      [c, 'renamed.txt', 42],
    ]);
    await alice.closePrinter(h);
  });

  it('refuses a priority outside 1-99 with ERROR_INVALID_PRIORITY and changes nothing', async () => {
    const alice = await connect(ALICE_USER);
    const id = await submit(alice, 'p.txt');
    const h = await open(alice);
    for (const priority of [0, 100]) {
      await expect(alice.setJob(h, id, 0, { priority, documentName: 'no.txt' })).rejects.toMatchObject({
        win32: Win32ErrorCode.ERROR_INVALID_PRIORITY,
      });
    }
    expect(await alice.getJob(h, id, 1)).toMatchObject({ priority: 1, documentName: 'p.txt' });
    await alice.closePrinter(h);
  });

  it("bob (Print only) may not change alice's job", async () => {
    const alice = await connect(ALICE_USER);
    const bob = await connect(BOB_USER);
    const id = await submit(alice, 'mine.txt');
    const hb = await open(bob);
    const err = await bob.setJob(hb, id, 0, { priority: 99 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Win32Error);
    expect((err as Win32Error).win32).toBe(Win32ErrorCode.ERROR_ACCESS_DENIED);
    const ha = await open(alice);
    expect((await alice.getJob(ha, id, 1)).priority).toBe(1);
    await bob.closePrinter(hb);
    await alice.closePrinter(ha);
  });

  it('answers a JOB_INFO_3 container with ERROR_NOT_SUPPORTED', async () => {
    const alice = await connect(ALICE_USER);
    const id = await submit(alice, 'chain.txt');
    const h = await open(alice);
    // Hand-built stub: handle, JobId, referent, Level 3, tag 3, referent, JOB_INFO_3 {JobId, NextJobId, Reserved}, Command 0.
    const w = new NdrWriter().contextHandle(h).u32(id);
    w.u32(0x20000).u32(3).u32(3).u32(0x20004).u32(id).u32(0).u32(0).u32(0);
    const rpc = clients[clients.length - 1];
    const stub = await rpc?.call(RprnOpnum.RpcSetJob, w.finish());
    expect(stub?.readUInt32LE(0)).toBe(Win32ErrorCode.ERROR_NOT_SUPPORTED);
    await alice.closePrinter(h);
  });
});
