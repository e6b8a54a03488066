/**
 * A hostile or broken server must not crash the client: the NEGOTIATE and SESSION_SETUP
 * responses of our real server are mutated (bytes flipped, cut short) on the way back; every
 * connect + login either succeeds or fails with a typed PointPrintError, within the time limit.
 */
import { randomInt } from 'node:crypto';
import { PointPrintError } from '../../../lib/common/errors';
import { Smb2Client } from '../../../lib/smb2/client/smb2-client';
import type { FixtureServer } from '../../../lib/testing/fixture-server';
import { startFixtureServer } from '../../../lib/testing/fixture-server';
import { startFrameProxy } from './frame-proxy';

jest.setTimeout(120000);

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server?.close();
});

function mutate(payload: Buffer): Buffer {
  const out = Buffer.from(payload);
  // Leave the protocol id alone half of the time so the mutation reaches the body decoders.
  const from = randomInt(2) === 0 ? 4 : 0;
  for (let k = 0, n = 1 + randomInt(4); k < n; k++) out[from + randomInt(out.length - from)] = randomInt(256);
  return randomInt(4) === 0 ? out.subarray(0, randomInt(out.length)) : out;
}

test.each([
  ['NEGOTIATE response', 0],
  ['SESSION_SETUP challenge', 1],
  ['final SESSION_SETUP response', 2],
])('mutated %s: success or a typed error, never a crash or a hang', async (_name, target) => {
  const failures = new Map<string, number>();
  for (let i = 0; i < 40; i++) {
    const proxy = await startFrameProxy(server.port, {
      onServerFrame: (p, index) => (index === target ? mutate(p) : p),
    });
    let client: Smb2Client | undefined;
    try {
      client = await Smb2Client.connect({ host: '127.0.0.1', port: proxy.port, timeoutMs: 3000 });
      await client.login({ user: 'alice', password: 'Passw0rd!' });
    } catch (err) {
      expect(err).toBeInstanceOf(PointPrintError);
      const code = (err as PointPrintError).code;
      failures.set(code, (failures.get(code) ?? 0) + 1);
    } finally {
      await client?.close();
      await proxy.close();
    }
  }
  expect([...failures.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
});
