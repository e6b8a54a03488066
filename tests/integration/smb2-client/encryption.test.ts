/**
 * Our client encrypting against our server ([MS-SMB2] 3.1.4.3, 3.2.4.1.8, 3.2.5.1.1): with
 * encryption required, every message after SESSION_SETUP travels in a TRANSFORM_HEADER (checked
 * on the wire by a proxy that parses the frames itself), for each cipher of 3.1.1 and 3.0's
 * AES-128-CCM; the file arrives whole; a tampered ciphertext closes the connection; a dialect
 * without encryption fails the logon.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import tmp from 'tmp';
import { AuthenticationError } from '../../../lib/common/errors';
import type { Smb2Dialect } from '../../../lib/smb2/client/smb2-client';
import { Smb2Cipher, Smb2Client, Smb2ProtocolError } from '../../../lib/smb2/client/smb2-client';
import type { FixtureServer } from '../../../lib/testing/fixture-server';
import { startFixtureServer } from '../../../lib/testing/fixture-server';
import { startFrameProxy } from './frame-proxy';

jest.setTimeout(60000);

const STORE = join(__dirname, '../../../drivers-store');
const ALICE = { user: 'alice', password: 'Passw0rd!' };
const SIZE = 3 * 1024 * 1024 + 17;
/** 0xFD 'S' 'M' 'B', written out here. */
const TRANSFORM_ID = Buffer.from([0xfd, 0x53, 0x4d, 0x42]);
const SMB2_ID = Buffer.from([0xfe, 0x53, 0x4d, 0x42]);

let server: FixtureServer;
let drivers: tmp.DirResult;
let fileHash: string;

beforeAll(async () => {
  drivers = tmp.dirSync({ unsafeCleanup: true, prefix: 'pointprint-client-encryption-' });
  cpSync(STORE, drivers.name, { recursive: true });
  const data = randomBytes(SIZE);
  fileHash = createHash('sha256').update(data).digest('hex');
  writeFileSync(join(drivers.name, 'x64', 'sealed.bin'), data);
  server = await startFixtureServer({ drivers: drivers.name });
});

afterAll(async () => {
  await server?.close();
  drivers?.removeCallback();
});

async function hashOf(stream: NodeJS.ReadableStream): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of stream) h.update(chunk as Buffer);
  return h.digest('hex');
}

const CASES: ReadonlyArray<[string, Smb2Dialect, Smb2Cipher]> = [
  ['3.1.1 AES-128-GCM', 0x0311, Smb2Cipher.AES_128_GCM],
  ['3.1.1 AES-256-GCM', 0x0311, Smb2Cipher.AES_256_GCM],
  ['3.1.1 AES-128-CCM', 0x0311, Smb2Cipher.AES_128_CCM],
  ['3.1.1 AES-256-CCM', 0x0311, Smb2Cipher.AES_256_CCM],
  ['3.0 AES-128-CCM', 0x0300, Smb2Cipher.AES_128_CCM],
];

it.each(CASES)(
  '%s: everything after SESSION_SETUP is encrypted, and the file arrives whole',
  async (_n, dialect, cipher) => {
    const kinds: string[] = [];
    const proxy = await startFrameProxy(server.port, {
      onServerFrame: (payload) => {
        const id = payload.subarray(0, 4);
        kinds.push(id.equals(TRANSFORM_ID) ? 'sealed' : id.equals(SMB2_ID) ? 'plain' : 'other');
        return payload;
      },
    });
    const client = await Smb2Client.connect({
      host: '127.0.0.1',
      port: proxy.port,
      dialects: [dialect],
      encryption: 'required',
      ciphers: [cipher],
    });
    try {
      expect(client.negotiation.cipher).toBe(cipher);
      const session = await client.login(ALICE);
      expect(session.encrypted).toBe(true);
      const tree = await session.treeConnect('PRINT$');
      const { size, stream } = await tree.createReadStream('x64/sealed.bin', { chunkSize: 1024 * 1024 });
      expect(size).toBe(SIZE);
      expect(await hashOf(stream)).toBe(fileHash);
    } finally {
      await client.close();
      await proxy.close();
    }
    // NEGOTIATE and the two SESSION_SETUP legs in clear, then only TRANSFORM_HEADER frames.
    expect(kinds.slice(0, 3)).toEqual(['plain', 'plain', 'plain']);
    expect(kinds.length).toBeGreaterThan(6);
    expect(kinds.slice(3).every((k) => k === 'sealed')).toBe(true);
  },
);

it('closes the connection when an encrypted response does not authenticate', async () => {
  const proxy = await startFrameProxy(server.port, {
    onServerFrame: (payload, i) => {
      if (i < 4 || !payload.subarray(0, 4).equals(TRANSFORM_ID)) return payload;
      const tampered = Buffer.from(payload);
      tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
      return tampered;
    },
  });
  const client = await Smb2Client.connect({ host: '127.0.0.1', port: proxy.port, encryption: 'required' });
  try {
    const session = await client.login(ALICE);
    const tree = await session.treeConnect('PRINT$');
    const err = await tree.stat('x64/sealed.bin').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Smb2ProtocolError);
    expect((err as Error).message).toMatch(/encrypted response/);
    expect(client.connection.closed).toBe(true);
  } finally {
    await client.close();
    await proxy.close();
  }
});

it('fails the logon when encryption is required on a dialect without it (2.1)', async () => {
  const client = await Smb2Client.connect({
    host: '127.0.0.1',
    port: server.port,
    dialects: [0x0210],
    encryption: 'required',
  });
  try {
    await expect(client.login(ALICE)).rejects.toThrow(AuthenticationError);
  } finally {
    await client.close();
  }
});

it('does not encrypt when neither side asks (the default)', async () => {
  const client = await Smb2Client.connect({ host: '127.0.0.1', port: server.port, dialects: [0x0311] });
  try {
    expect(client.negotiation.cipher).toBe(Smb2Cipher.AES_128_GCM);
    const session = await client.login(ALICE);
    expect(session.encrypted).toBe(false);
  } finally {
    await client.close();
  }
});
