/**
 * Starts an Smb2Server over the fixture drivers store (or a given store) and connects raw test
 * clients to it through in-memory duplex pairs.
 */
import * as path from 'node:path';
import { duplexPair } from 'node:stream';
import type { NamedPipeProvider } from '../../../../lib/common/named-pipe';
import type { PrintQueueSink } from '../../../../lib/spoolss/print-queue-sink';
import { DriverStore } from '../../../../lib/drivers/driver-store';
import { Smb2Server, type Smb2ServerOptions } from '../../../../lib/smb2/server/smb2-server';
import { RawSmb2Client } from './raw-client';

export const FIXTURE_STORE = path.resolve(__dirname, '../../../../drivers-store');
export const USER = 'alice';
export const PASSWORD = 'Secret#1';

export interface Harness {
  readonly server: Smb2Server;
  connect(): RawSmb2Client;
  close(): Promise<void>;
}

/** A complete session on another connection: what goes wrong on one connection harms no other. */
export async function goodSession(h: Harness): Promise<void> {
  const c = h.connect();
  await c.login(USER, PASSWORD, 'PRINT$');
  const f = await c.create('color\\Hpclrlsr.icm');
  expect(f.response.status).toBe(0);
  expect((await c.close(f.fileId!)).status).toBe(0);
}

/** Whether the server closes a connection that sent `bytes` (then ended, with `endAfter`), while a good session works. */
export async function closesOn(h: Harness, bytes: Buffer, endAfter = false): Promise<boolean> {
  const c = h.connect();
  const good = goodSession(h);
  c.writeRaw(bytes);
  if (endAfter) c.stream.end();
  const closed = await c.waitClosed();
  await good;
  return closed;
}

export async function startHarness(
  overrides: Partial<Smb2ServerOptions> & {
    storeRoot?: string;
    pipes?: NamedPipeProvider;
    printQueues?: PrintQueueSink;
  } = {},
): Promise<Harness> {
  const { storeRoot, ...rest } = overrides;
  const driverStore = await DriverStore.open(storeRoot ?? FIXTURE_STORE);
  const server = new Smb2Server({
    serverName: 'NTPRINT',
    domain: 'WORKGROUP',
    serverGuid: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
    users: [{ name: USER, password: PASSWORD, groups: ['Users'] }],
    allowGuest: false,
    allowAnonymous: true,
    allowNtlmV1: false,
    signingRequired: false,
    driverStore,
    ...rest,
  });
  const clients: RawSmb2Client[] = [];
  return {
    server,
    connect(): RawSmb2Client {
      const [a, b] = duplexPair();
      server.handle(b, { remoteAddress: 'memory' });
      const client = new RawSmb2Client(a);
      clients.push(client);
      return client;
    },
    async close(): Promise<void> {
      for (const c of clients) c.stream.destroy();
      await server.close();
    },
  };
}
