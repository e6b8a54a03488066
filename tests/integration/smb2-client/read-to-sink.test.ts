/**
 * Smb2Tree.readFileToSink against our server: the chunks arrive in order and intact while the sink
 * holds each one across an await (more READs land meanwhile), their buffers are reused once the
 * sink is done (fewer distinct buffers than chunks), encrypted downloads too, and a failing sink
 * stops the download with its error, the file closed and the connection usable.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import tmp from 'tmp';
import { Smb2Cipher, Smb2Client } from '../../../lib/smb2/client/smb2-client';
import type { FixtureServer } from '../../../lib/testing/fixture-server';
import { startFixtureServer } from '../../../lib/testing/fixture-server';

jest.setTimeout(60000);

const STORE = join(__dirname, '../../../drivers-store');
const ALICE = { user: 'alice', password: 'Passw0rd!' };
const SIZE = 24 * 1024 * 1024;
const CHUNK = 1024 * 1024;

let server: FixtureServer;
let drivers: tmp.DirResult;
let expected: string;

beforeAll(async () => {
  drivers = tmp.dirSync({ unsafeCleanup: true, prefix: 'pointprint-client-sink-' });
  cpSync(STORE, drivers.name, { recursive: true });
  const big = randomBytes(SIZE);
  expected = createHash('sha256').update(big).digest('hex');
  writeFileSync(join(drivers.name, 'x64', 'sink.bin'), big);
  server = await startFixtureServer({ drivers: drivers.name });
});

afterAll(async () => {
  await server?.close();
  drivers?.removeCallback();
});

test.each([
  ['signed', { signing: 'required' as const }],
  ['encrypted (AES-128-GCM)', { encryption: 'required' as const, ciphers: [Smb2Cipher.AES_128_GCM] }],
])('%s: in order, intact, buffers reused', async (_name, options) => {
  const client = await Smb2Client.connect({ host: '127.0.0.1', port: server.port, ...options });
  try {
    const tree = await (await client.login(ALICE)).treeConnect('PRINT$');
    const hash = createHash('sha256');
    const buffers = new Set<ArrayBufferLike>();
    let chunks = 0;
    const n = await tree.readFileToSink(
      'x64/sink.bin',
      async (chunk) => {
        buffers.add(chunk.buffer);
        chunks++;
        // Hold the chunk while later READs arrive: a buffer given back too early is overwritten.
        const copy = Buffer.from(chunk);
        await delay(5);
        expect(chunk.equals(copy)).toBe(true);
        hash.update(chunk);
      },
      { chunkSize: CHUNK, parallel: 4 },
    );
    expect(n).toBe(SIZE);
    expect(chunks).toBe(SIZE / CHUNK);
    expect(hash.digest('hex')).toBe(expected);
    if (!('encryption' in options)) expect(buffers.size).toBeLessThan(chunks / 2);
  } finally {
    await client.close();
  }
});

test('a sink that fails stops the download with its error; the connection goes on', async () => {
  const client = await Smb2Client.connect({ host: '127.0.0.1', port: server.port });
  try {
    const tree = await (await client.login(ALICE)).treeConnect('PRINT$');
    let seen = 0;
    const failed = tree.readFileToSink(
      'x64/sink.bin',
      () => {
        if (++seen === 3) throw new Error('disk full');
      },
      { chunkSize: CHUNK },
    );
    await expect(failed).rejects.toThrow('disk full');
    expect(seen).toBe(3);
    // The open was closed and the connection still serves a whole download.
    let total = 0;
    await tree.readFileToSink('x64/sink.bin', (chunk) => {
      total += chunk.length;
    });
    expect(total).toBe(SIZE);
  } finally {
    await client.close();
  }
});
