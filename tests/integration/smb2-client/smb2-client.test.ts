/**
 * Our SMB2 client against our SMB2 server (the NTPRINT fixture print server on 127.0.0.1:0):
 * every dialect, signing on and off, listing and reading PRINT$, a 64 MiB pipelined download,
 * the spoolss pipe, and the failures a caller must see clearly (bad password, unknown share,
 * a connection dropped mid-download, a tampered signature).
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import tmp from 'tmp';
import { AuthenticationError, NtStatusError } from '../../../lib/common/errors';
import { createLogger } from '../../../lib/common/logger';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import type { Smb2Dialect } from '../../../lib/smb2/client/smb2-client';
import {
  Smb2Client,
  Smb2ConnectionError,
  Smb2ProtocolError,
  Smb2SignatureError,
} from '../../../lib/smb2/client/smb2-client';
import type { FixtureServer } from '../../../lib/testing/fixture-server';
import { startFixtureServer } from '../../../lib/testing/fixture-server';
import { startFrameProxy } from './frame-proxy';
import { RPC_PTYPE_BIND_ACK, rprnBindPdu } from '../../helpers/rpc-bind-pdu';

jest.setTimeout(60000);

const STORE = join(__dirname, '../../../drivers-store');
const ALICE = { user: 'alice', password: 'Passw0rd!' };
const BIG_SIZE = 64 * 1024 * 1024;
const DIALECTS: ReadonlyArray<[string, Smb2Dialect]> = [
  ['2.0.2', 0x0202],
  ['2.1', 0x0210],
  ['3.0', 0x0300],
  ['3.0.2', 0x0302],
  ['3.1.1', 0x0311],
];

let server: FixtureServer;
let drivers: tmp.DirResult;
let bigHash: string;

beforeAll(async () => {
  drivers = tmp.dirSync({ unsafeCleanup: true, prefix: 'pointprint-client-store-' });
  cpSync(STORE, drivers.name, { recursive: true });
  const big = randomBytes(BIG_SIZE);
  bigHash = createHash('sha256').update(big).digest('hex');
  writeFileSync(join(drivers.name, 'x64', 'big.bin'), big);
  server = await startFixtureServer({ drivers: drivers.name });
});

afterAll(async () => {
  await server?.close();
  drivers?.removeCallback();
});

async function sha256Of(stream: NodeJS.ReadableStream): Promise<{ hash: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    h.update(chunk);
    bytes += chunk.length;
  }
  return { hash: h.digest('hex'), bytes };
}

describe.each(DIALECTS)('dialect %s', (_name, dialect) => {
  test.each([['enabled'], ['required']] as const)(
    'signing %s: login, list color/, read Hpclrlsr.icm',
    async (signing) => {
      const client = await Smb2Client.connect({ host: '127.0.0.1', port: server.port, dialects: [dialect], signing });
      try {
        expect(client.dialect).toBe(dialect);
        expect(client.serverGuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(client.maxReadSize).toBe(dialect === 0x0202 ? 65536 : 8 * 1024 * 1024);
        const session = await client.login(ALICE);
        expect(session.user).toBe('alice');
        expect(session.signed).toBe(signing === 'required');
        const tree = await session.treeConnect('PRINT$');
        expect(tree.shareType).toBe('disk');

        const entries = await tree.list('color');
        expect(entries.map((e) => e.name).sort()).toEqual(['Hpclrlsr.icm', 'MktProof.icm']);
        const expected = readFileSync(join(STORE, 'color', 'Hpclrlsr.icm'));
        const icm = entries.find((e) => e.name === 'Hpclrlsr.icm');
        expect(icm).toMatchObject({ size: expected.length, isDirectory: false });

        const stat = await tree.stat('color\\Hpclrlsr.icm');
        expect(stat.size).toBe(expected.length);
        expect(stat.isDirectory).toBe(false);
        expect(stat.mtime.getTime()).toBeGreaterThan(Date.UTC(2000, 0, 1));
        expect((await tree.stat('/x64/3')).isDirectory).toBe(true);

        const file = await tree.openRead('color/Hpclrlsr.icm');
        expect(file.size).toBe(expected.length);
        expect((await file.read(0, file.size)).equals(expected)).toBe(true);
        expect((await file.read(10, 20)).equals(expected.subarray(10, 30))).toBe(true);
        expect((await file.read(file.size - 5, 100)).equals(expected.subarray(-5))).toBe(true);
        expect((await file.read(file.size + 10, 100)).length).toBe(0);
        await file.close();

        await tree.disconnect();
        await session.logoff();
      } finally {
        await client.close();
      }
    },
  );
});

test('64 MiB file streamed with pipelined multi-credit reads (3.1.1, signed)', async () => {
  const client = await Smb2Client.connect({ host: '127.0.0.1', port: server.port, signing: 'required' });
  try {
    const session = await client.login(ALICE);
    const tree = await session.treeConnect('print$');
    const progress: number[] = [];
    const { size, stream } = await tree.createReadStream('x64/big.bin', {
      onProgress: (done, total) => {
        expect(total).toBe(BIG_SIZE);
        progress.push(done);
      },
      chunkSize: 1024 * 1024,
      parallel: 8,
    });
    expect(size).toBe(BIG_SIZE);
    const { hash, bytes } = await sha256Of(stream);
    expect(bytes).toBe(BIG_SIZE);
    expect(hash).toBe(bigHash);
    expect(progress.at(-1)).toBe(BIG_SIZE);
    expect(progress.length).toBe(64);
  } finally {
    await client.close();
  }
});

test('64 MiB file over 2.0.2 (single-credit 64 KiB reads)', async () => {
  const client = await Smb2Client.connect({ host: '127.0.0.1', port: server.port, dialects: [0x0202] });
  try {
    const session = await client.login(ALICE);
    const tree = await session.treeConnect('PRINT$');
    const { stream } = await tree.createReadStream('x64/big.bin', { parallel: 16 });
    expect((await sha256Of(stream)).hash).toBe(bigHash);
  } finally {
    await client.close();
  }
});

test('wrong password -> AuthenticationError', async () => {
  const client = await Smb2Client.connect({ host: '127.0.0.1', port: server.port });
  try {
    const err = await client.login({ user: 'alice', password: 'wrong' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).code).toBe('ERR_AUTHENTICATION');
    // The connection stays usable for a correct logon.
    expect((await client.login(ALICE)).user).toBe('alice');
  } finally {
    await client.close();
  }
});

test('unknown share and missing file -> NtStatusError', async () => {
  const client = await Smb2Client.connect({ host: '127.0.0.1', port: server.port });
  try {
    const session = await client.login({ user: 'admin', password: 'Adm1n!pass' });
    const err = await session.treeConnect('NOSUCHSHARE').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NtStatusError);
    expect((err as NtStatusError).status).toBe(NtStatus.STATUS_BAD_NETWORK_NAME);
    const tree = await session.treeConnect('PRINT$');
    const missing = await tree.openRead('color/nope.icm').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NtStatusError);
    expect((missing as NtStatusError).status).toBe(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
    const statMissing = await tree.stat('nope/nope').catch((e: unknown) => e);
    expect(statMissing).toBeInstanceOf(NtStatusError);
  } finally {
    await client.close();
  }
});

test.each([['enabled'], ['required']] as const)(
  'spoolss pipe on IPC$ (signing %s): bind -> bind_ack, whole and in pieces',
  async (signing) => {
    const client = await Smb2Client.connect({ host: '127.0.0.1', port: server.port, signing });
    try {
      const session = await client.login(ALICE);
      const ipc = await session.treeConnect('IPC$');
      expect(ipc.shareType).toBe('pipe');
      const pipe = await ipc.openPipe('spoolss');
      const ack = await pipe.transceive(rprnBindPdu(1));
      expect(ack[0]).toBe(5);
      expect(ack[2]).toBe(RPC_PTYPE_BIND_ACK);
      expect(ack.readUInt16LE(8)).toBe(ack.length);
      await pipe.close();
      // A tiny MaxOutputResponse: STATUS_BUFFER_OVERFLOW, then READs of the rest of the message.
      const pipe2 = await ipc.openPipe('\\PIPE\\spoolss');
      const ack2 = await pipe2.transceive(rprnBindPdu(2), 16);
      expect(ack2[2]).toBe(RPC_PTYPE_BIND_ACK);
      expect(ack2.readUInt16LE(8)).toBe(ack2.length);
      // WRITE then READ works too.
      await pipe2.close();
      const pipe3 = await ipc.openPipe('spoolss');
      await pipe3.write(rprnBindPdu(3));
      const ack3 = await pipe3.read(4280);
      expect(ack3[2]).toBe(RPC_PTYPE_BIND_ACK);
      await pipe3.close();
    } finally {
      await client.close();
    }
  },
);

test('a connection dropped mid-download fails the stream with Smb2ConnectionError, no hang', async () => {
  const proxy = await startFrameProxy(server.port, {
    onServerFrame: (payload) =>
      proxy !== undefined && proxy.bytesToClient() > 3 * 1024 * 1024 ? 'drop-connection' : payload,
  });
  const client = await Smb2Client.connect({ host: '127.0.0.1', port: proxy.port });
  try {
    const session = await client.login(ALICE);
    const tree = await session.treeConnect('PRINT$');
    const { stream } = await tree.createReadStream('x64/big.bin');
    const err = await sha256Of(stream).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Smb2ConnectionError);
    expect((err as Smb2ConnectionError).code).toBe('ERR_SMB2_CONNECTION');
    expect((err as Error).message).toMatch(/outstanding/);
    // Later calls fail at once with the same clear error.
    await expect(tree.stat('color')).rejects.toBeInstanceOf(Smb2ConnectionError);
  } finally {
    await client.close();
    await proxy.close();
  }
});

test('a server that answers NEGOTIATE and then closes: login fails, no hang', async () => {
  const proxy = await startFrameProxy(server.port, {
    onServerFrame: (payload, i) => (i >= 1 ? 'drop-connection' : payload),
  });
  try {
    const client = await Smb2Client.connect({ host: '127.0.0.1', port: proxy.port });
    await expect(client.login(ALICE)).rejects.toBeInstanceOf(Smb2ConnectionError);
    await client.close();
  } finally {
    await proxy.close();
  }
});

test('a tampered signed response fails the call with Smb2SignatureError', async () => {
  let tamper = false;
  const proxy = await startFrameProxy(server.port, {
    onServerFrame: (payload) => {
      // Flip one byte of the last body byte of the first READ response once tampering is on.
      if (tamper && payload.readUInt16LE(12) === 0x0008) {
        tamper = false;
        const copy = Buffer.from(payload);
        copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0xff;
        return copy;
      }
      return payload;
    },
  });
  const client = await Smb2Client.connect({ host: '127.0.0.1', port: proxy.port, signing: 'required' });
  try {
    const session = await client.login(ALICE);
    const tree = await session.treeConnect('PRINT$');
    const file = await tree.openRead('color/Hpclrlsr.icm');
    tamper = true;
    const err = await file.read(0, 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Smb2SignatureError);
    expect((err as Smb2SignatureError).code).toBe('ERR_SMB2_BAD_SIGNATURE');
  } finally {
    await client.close();
    await proxy.close();
  }
});

test('connect to a closed port -> Smb2ConnectionError', async () => {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  await expect(Smb2Client.connect({ host: '127.0.0.1', port })).rejects.toBeInstanceOf(Smb2ConnectionError);
});

describe('FSCTL_VALIDATE_NEGOTIATE_INFO (3.0, 3.0.2)', () => {
  test.each([
    ['3.0', 0x0300],
    ['3.0.2', 0x0302],
  ] as Array<[string, Smb2Dialect]>)('%s: sent after the first tree connect and checked', async (_name, dialect) => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'debug',
      stream: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }),
    });
    const client = await Smb2Client.connect({ host: '127.0.0.1', port: server.port, dialects: [dialect], logger });
    try {
      const session = await client.login(ALICE);
      await session.treeConnect('IPC$');
      await session.treeConnect('PRINT$');
      expect(lines.filter((l) => l.includes('negotiate validated'))).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  test('a NEGOTIATE response altered on the way (Capabilities) is caught and the connection dropped', async () => {
    const proxy = await startFrameProxy(server.port, {
      onServerFrame: (payload, i) => {
        if (i !== 0) return payload;
        const copy = Buffer.from(payload);
        copy.writeUInt32LE(0, 64 + 24); // NEGOTIATE response Capabilities
        return copy;
      },
    });
    const client = await Smb2Client.connect({ host: '127.0.0.1', port: proxy.port, dialects: [0x0300, 0x0302] });
    try {
      const session = await client.login(ALICE);
      const err = await session.treeConnect('PRINT$').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Smb2ProtocolError);
      expect((err as Error).message).toMatch(/VALIDATE_NEGOTIATE_INFO/);
      await expect(session.treeConnect('IPC$')).rejects.toBeInstanceOf(Smb2ProtocolError);
    } finally {
      await client.close();
      await proxy.close();
    }
  });
});
