/**
 * Budgets per user and per server (issue 13, item 3): opens, named pipes (each pipe is an RPC
 * endpoint with its binds and context handles) and the bytes of received frames are counted across
 * every connection of a user and of the server, not per connection only. Beyond a budget: an open
 * fails with STATUS_INSUFFICIENT_RESOURCES; a large frame waits (its connection stops reading)
 * until bytes come back. Everything returns to zero once the clients have gone. RSS under these
 * loads is measured by `npm run bench -- --only limits`.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { duplexPair } from 'node:stream';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { createRpcPipeProvider } from '../../../lib/rpc/rpc-pipe-provider';
import { Smb2Command } from '../../../lib/smb2/constants';
import { encodeFrame } from '../../../lib/smb2/framing';
import { encodeEchoRequest } from '../../../lib/smb2/messages/echo';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { Smb2Server } from '../../../lib/smb2/server/smb2-server';
import type { ServerLimits } from '../../../lib/smb2/server/server-limits';
import { FIXTURE_STORE } from './helpers/harness';
import { RawSmb2Client } from './helpers/raw-client';
import { until } from '../../helpers/until';

const REPO = path.resolve(__dirname, '../../..');
const KiB = 1024;
const MiB = 1024 * KiB;
const ALICE = { name: 'alice', password: 'pw-alice', groups: ['Users'] };
const BOB = { name: 'bob', password: 'pw-bob', groups: ['Users'] };

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SMB2 budgets per user and per server', () => {
  let state: string;
  let host: PrintServerHost;
  let server: Smb2Server | undefined;
  const clients: RawSmb2Client[] = [];

  beforeAll(async () => {
    state = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-budgets-'));
    host = await PrintServerHost.create({
      fixtureDir: path.join(REPO, 'registry-fixtures', 'NTPRINT'),
      driversDir: FIXTURE_STORE,
      users: [ALICE, BOB],
      stateDir: state,
    });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.stream.destroy();
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    await host.close();
    await fs.rm(state, { recursive: true, force: true });
  });

  /** An SMB2 server on the host's spooler (real RPC pipes), with these limits. */
  async function start(limits: Partial<ServerLimits>): Promise<Smb2Server> {
    server = new Smb2Server({
      serverName: 'NTPRINT',
      domain: 'WORKGROUP',
      users: [ALICE, BOB],
      allowGuest: false,
      allowAnonymous: false,
      allowNtlmV1: false,
      signingRequired: false,
      driverStore: await DriverStore.open(FIXTURE_STORE),
      pipes: createRpcPipeProvider({ printProvider: host.printServer, shares: () => [], serverName: 'NTPRINT' }),
      limits,
    });
    return server;
  }

  async function connect(user: { name: string; password: string }, share: string): Promise<RawSmb2Client> {
    const [a, b] = duplexPair();
    server!.handle(b, { remoteAddress: 'memory' });
    const c = new RawSmb2Client(a);
    clients.push(c);
    await c.login(user.name, user.password, share);
    return c;
  }

  it("counts a user's opens over all their connections, and the server's over all users", async () => {
    const s = await start({ maxOpensPerUser: 4, maxOpensPerServer: 6 });
    const first = await connect(ALICE, 'PRINT$');
    const opened = [];
    for (let i = 0; i < 4; i++) {
      const f = await first.create('color\\Hpclrlsr.icm');
      expect(f.response.status).toBe(0);
      opened.push(f.fileId!);
    }
    // Another connection of the same user gets nothing more.
    const second = await connect(ALICE, 'PRINT$');
    expect((await second.create('color\\Hpclrlsr.icm')).response.status).toBe(NtStatus.STATUS_INSUFFICIENT_RESOURCES);
    // Another user has room until the server's budget is spent.
    const bob = await connect(BOB, 'PRINT$');
    expect((await bob.create('color\\Hpclrlsr.icm')).response.status).toBe(0);
    expect((await bob.create('color\\Hpclrlsr.icm')).response.status).toBe(0);
    expect((await bob.create('color\\Hpclrlsr.icm')).response.status).toBe(NtStatus.STATUS_INSUFFICIENT_RESOURCES);
    expect(s.resourceUsage.opens).toBe(6);
    // A CLOSE gives the place back.
    expect((await first.close(opened[0]!)).status).toBe(0);
    expect((await second.create('color\\Hpclrlsr.icm')).response.status).toBe(0);
    // Gone clients leave nothing behind.
    for (const c of clients) c.stream.end();
    await until('the connections to close', () => Promise.resolve(s.connectionCount === 0 || undefined), {
      intervalMs: 10,
    });
    expect(s.resourceUsage).toEqual({ opens: 0, pipes: 0, receiveBytes: 0, waitingForReceiveBytes: 0 });
  });

  it('counts pipes (RPC endpoints) per user and per server, apart from other opens', async () => {
    const s = await start({ maxPipesPerUser: 2, maxPipesPerServer: 3 });
    const a1 = await connect(ALICE, 'IPC$');
    const a2 = await connect(ALICE, 'IPC$');
    expect((await a1.create('spoolss')).response.status).toBe(0);
    expect((await a2.create('srvsvc')).response.status).toBe(0);
    expect((await a2.create('spoolss')).response.status).toBe(NtStatus.STATUS_INSUFFICIENT_RESOURCES);
    // Files still open: only pipes are spent.
    const files = await connect(ALICE, 'PRINT$');
    expect((await files.create('color\\Hpclrlsr.icm')).response.status).toBe(0);
    const bob = await connect(BOB, 'IPC$');
    expect((await bob.create('spoolss')).response.status).toBe(0);
    expect((await bob.create('spoolss')).response.status).toBe(NtStatus.STATUS_INSUFFICIENT_RESOURCES);
    expect(s.resourceUsage.pipes).toBe(3);
    for (const c of clients) c.stream.end();
    await until('the connections to close', () => Promise.resolve(s.connectionCount === 0 || undefined), {
      intervalMs: 10,
    });
    expect(s.resourceUsage.pipes).toBe(0);
    expect(s.resourceUsage.opens).toBe(0);
  });

  it('holds partially received frames to the budget: more logged-on connections wait instead of buffering', async () => {
    const frame = 1 * MiB;
    const s = await start({
      maxTransactSize: frame,
      maxReadSize: frame,
      maxWriteSize: frame,
      maxFrameSize: frame + 64 * KiB,
      maxReceiveBytesPerUser: 2 * frame + 128 * KiB,
      maxReceiveBytesPerServer: 2 * frame + 128 * KiB,
    });
    const senders = [];
    for (let i = 0; i < 4; i++) {
      const c = await connect(ALICE, 'PRINT$');
      // An ECHO padded to about 1 MiB: a large frame that needs no share.
      const { bytes, messageId } = c.build(Smb2Command.ECHO, (w) => {
        encodeEchoRequest(w);
        w.zeros(frame - 200);
      });
      const wire = encodeFrame(bytes);
      const answer = c.awaitResponse(messageId);
      // Half a frame each, as a slow or hostile client leaves it.
      c.writeRaw(wire.subarray(0, wire.length / 2));
      senders.push({ c, rest: wire.subarray(wire.length / 2), answer });
    }
    await until(
      'two connections to wait for the budget',
      () => Promise.resolve(s.resourceUsage.waitingForReceiveBytes === 2 || undefined),
      { intervalMs: 10 },
    );
    // Two frames' worth is taken, not four.
    expect(s.resourceUsage.receiveBytes).toBe(2 * (frame - 200 + 68));
    // The first two finish their frames and are answered; the two that waited then get their turn.
    for (const x of senders) x.c.writeRaw(x.rest);
    const statuses = await Promise.all(senders.map((x) => x.answer.then((r) => r.status)));
    expect(statuses).toEqual([0, 0, 0, 0]);
    await tick();
    expect(s.resourceUsage.receiveBytes).toBe(0);
    for (const c of clients) c.stream.end();
    await until('the connections to close', () => Promise.resolve(s.connectionCount === 0 || undefined), {
      intervalMs: 10,
    });
    expect(s.resourceUsage).toEqual({ opens: 0, pipes: 0, receiveBytes: 0, waitingForReceiveBytes: 0 });
  });
});
