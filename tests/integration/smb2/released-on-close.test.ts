/**
 * Memory after clients leave (issue 13, item 3): once a connection has closed, nothing the server
 * keeps (admission, budgets and their waiters, sessions, opens, READ pools, timers) still
 * reaches it, so a full collection frees it with the buffers it held. Each connection logs on,
 * opens files and leaves half of a large frame (holding receive budget, or waiting for
 * it), as in `npm run bench -- --only limits`, whose RSS figure this test does not assert.
 *
 * The server's end of each stream stands for its connection: the connection (its transport) holds
 * that stream, so the stream cannot be collected while the connection is reachable.
 */
import { fullCollection } from '../../helpers/full-collection';
import { duplexPair, type Duplex } from 'node:stream';
import { Smb2Command } from '../../../lib/smb2/constants';
import { encodeFrame } from '../../../lib/smb2/framing';
import { encodeEchoRequest } from '../../../lib/smb2/messages/echo';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { Smb2Server } from '../../../lib/smb2/server/smb2-server';
import { createSilentLogger } from '../../../lib/common/logger';
import { FIXTURE_STORE } from './helpers/harness';
import { RawSmb2Client } from './helpers/raw-client';
import { until } from '../../helpers/until';

const MiB = 1024 * 1024;
const ALICE = { name: 'alice', password: 'pw-alice', groups: ['Users'] };
const CONNECTIONS = 6;

jest.setTimeout(60000);

const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('a closed connection is released', () => {
  it('leaves nothing in the server that keeps it (or its buffers) alive', async () => {
    const frame = MiB;
    const server = new Smb2Server({
      serverName: 'NTPRINT',
      domain: 'WORKGROUP',
      users: [ALICE],
      allowGuest: false,
      allowAnonymous: false,
      allowNtlmV1: false,
      signingRequired: false,
      driverStore: await DriverStore.open(FIXTURE_STORE),
      logger: createSilentLogger(),
      // Room for two half-received frames: the other connections wait for the budget.
      limits: {
        maxTransactSize: frame,
        maxReadSize: frame,
        maxWriteSize: frame,
        maxFrameSize: frame + 64 * 1024,
        maxReceiveBytesPerUser: 2 * frame + 128 * 1024,
        maxReceiveBytesPerServer: 2 * frame + 128 * 1024,
      },
    });
    const serverEnds: Array<WeakRef<Duplex>> = [];
    await (async () => {
      const clients: RawSmb2Client[] = [];
      for (let i = 0; i < CONNECTIONS; i++) {
        const [a, b] = duplexPair();
        server.handle(b, { remoteAddress: `127.0.0.${1 + (i % 2)}` });
        serverEnds.push(new WeakRef(b));
        const c = new RawSmb2Client(a);
        clients.push(c);
        await c.login(ALICE.name, ALICE.password, 'PRINT$');
        for (let k = 0; k < 3; k++) await c.create('color\\Hpclrlsr.icm');
        const { bytes } = c.build(Smb2Command.ECHO, (w) => {
          encodeEchoRequest(w);
          w.zeros(frame - 200);
        });
        const wire = encodeFrame(bytes);
        c.writeRaw(wire.subarray(0, wire.length / 2));
      }
      await until(
        'connections to wait',
        () => Promise.resolve(server.resourceUsage.waitingForReceiveBytes === CONNECTIONS - 2 || undefined),
        { intervalMs: 10 },
      );
      for (const c of clients) c.stream.end();
      await until('the connections to close', () => Promise.resolve(server.connectionCount === 0 || undefined), {
        intervalMs: 10,
      });
    })();
    expect(server.resourceUsage).toEqual({ opens: 0, pipes: 0, receiveBytes: 0, waitingForReceiveBytes: 0 });

    const gc = fullCollection();
    // WeakRefs are cleared by a collection after the job that last touched them: collect across turns.
    for (let i = 0; i < 5 && serverEnds.some((r) => r.deref() !== undefined); i++) {
      await turn();
      gc();
    }
    expect(serverEnds.filter((r) => r.deref() !== undefined)).toHaveLength(0);
    await server.close();
  });
});
