/**
 * Smb2ClientConnection decrypting a large AES-GCM response on a seal worker: the socket goes on
 * being read, and what arrives meanwhile is delivered after the large response, in arrival order;
 * a large response that does not authenticate closes the connection, and nothing behind it is
 * delivered.
 */
import { randomBytes } from 'node:crypto';
import { createSilentLogger } from '../../../../lib/common/logger';
import { Smb2ClientConnection } from '../../../../lib/smb2/client/client-connection';
import type { Smb2CallResponse } from '../../../../lib/smb2/client/client-connection';
import { Smb2ProtocolError } from '../../../../lib/smb2/client/client-errors';
import * as encryption from '../../../../lib/smb2/signing/encryption';
import { Smb2Cipher, encryptMessage } from '../../../../lib/smb2/signing/encryption';
import * as sealWorkers from '../../../../lib/smb2/signing/seal-workers';
import { ECHO_BODY, duplexPair, frame, header } from './wire-builder';

const ECHO = 0x000d;
const READ = 0x0008;
const STATUS_PENDING = 0x00000103;
const SESSION = 0x55n;
const MiB = 1024 * 1024;

afterAll(() => sealWorkers.stopSealWorkers());
afterEach(() => jest.restoreAllMocks());

async function encryptedConnection() {
  const [client, server] = duplexPair();
  const conn = new Smb2ClientConnection(client, {
    timeoutMs: 5000,
    logger: createSilentLogger(),
    maxCreditsWanted: 64,
    peer: 'test',
  });
  const key = randomBytes(16);
  conn.dialect = 0x0311;
  conn.cipher = Smb2Cipher.AES_128_GCM;
  conn.setSessionEncryption(SESSION, {
    cipher: Smb2Cipher.AES_128_GCM,
    encryptionKey: randomBytes(16),
    decryptionKey: key,
    encryptAll: true,
  });
  const sealed = (...message: Buffer[]): Buffer =>
    frame(encryptMessage(Smb2Cipher.AES_128_GCM, key, SESSION, Buffer.concat(message)));
  // Credits for what follows (MessageId 0).
  const first = conn.call({ command: ECHO, sessionId: SESSION, encodeBody: (w) => w.u16(4) });
  server.write(sealed(header({ command: ECHO, messageId: 0n, credits: 16, sessionId: SESSION }), ECHO_BODY));
  await first;
  return { conn, server, sealed };
}

/** A READ response of `size` bytes in all (the connection hands its body to the caller undecoded). */
function readResponse(messageId: bigint, size: number): Buffer {
  const body = randomBytes(size - 64);
  body.writeUInt16LE(17, 0);
  return Buffer.concat([header({ command: READ, messageId, sessionId: SESSION }), body]);
}

const call = (conn: Smb2ClientConnection, command: number): Promise<Smb2CallResponse> =>
  conn.call({ command, sessionId: SESSION, encodeBody: (w) => w.u16(command === ECHO ? 4 : 49) });

/** Writes a frame in two pieces, as a socket gives a large one: the client assembles it in shared memory. */
function writeLarge(server: NodeJS.WritableStream, bytes: Buffer): void {
  server.write(bytes.subarray(0, 64 * 1024));
  server.write(bytes.subarray(64 * 1024));
}

test('frames that arrive while a large one decrypts on the worker are delivered after it, in order', async () => {
  const { conn, server, sealed } = await encryptedConnection();
  // Hold the worker's answer until the later frames are in.
  const open = sealWorkers.openOnWorker;
  let letGo!: () => void;
  const held = new Promise<void>((resolve) => (letGo = resolve));
  const opened = jest.spyOn(sealWorkers, 'openOnWorker').mockImplementation(async (...args) => {
    const result = open(...args);
    await held;
    return result;
  });
  const order: string[] = [];
  const read = call(conn, READ).then((r) => (order.push('read'), r));
  const echo = call(conn, ECHO).then((r) => (order.push('echo'), r));
  const large = readResponse(1n, 2 * MiB);
  writeLarge(server, sealed(large));
  // Behind it: an interim response for the ECHO, then its final one.
  server.write(sealed(header({ command: ECHO, messageId: 2n, status: STATUS_PENDING, asyncId: 9n }), ECHO_BODY));
  server.write(sealed(header({ command: ECHO, messageId: 2n, asyncId: 9n, credits: 3 }), ECHO_BODY));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(opened).toHaveBeenCalledTimes(1);
  expect(order).toEqual([]);
  letGo();
  const [r, e] = await Promise.all([read, echo]);
  expect(order).toEqual(['read', 'echo']);
  expect(r.message.equals(large)).toBe(true);
  // Decrypted in place, in the shared buffer the frame was received into.
  expect(r.message.buffer).toBeInstanceOf(SharedArrayBuffer);
  expect(e.header.asyncId).toBe(9n);
  conn.close();
});

test('a large response decrypted on the worker: the bytes sent, the buffer reused once released', async () => {
  const { conn, server, sealed } = await encryptedConnection();
  const opened = jest.spyOn(sealWorkers, 'openOnWorker');
  // The calling thread's decryption: not used for these.
  const onThisThread = jest.spyOn(encryption, 'decryptMessage');
  const buffers = new Set<ArrayBufferLike>();
  for (let id = 1n; id <= 3n; id++) {
    const read = call(conn, READ);
    const large = readResponse(id, 3 * MiB + 100);
    writeLarge(server, sealed(large));
    const r = await read;
    expect(r.message.equals(large)).toBe(true);
    buffers.add(r.message.buffer);
    conn.releaseReadBuffer(r.message);
  }
  expect(opened).toHaveBeenCalledTimes(3);
  expect(onThisThread).not.toHaveBeenCalled();
  expect(buffers.size).toBe(1);
  conn.close();
});

test('a large response that does not authenticate closes the connection; nothing behind it is delivered', async () => {
  const { conn, server, sealed } = await encryptedConnection();
  const read = call(conn, READ);
  const echo = call(conn, ECHO);
  const bad = sealed(readResponse(1n, 2 * MiB));
  bad.writeUInt8(bad.readUInt8(4 + 52 + 1000) ^ 0x01, 4 + 52 + 1000);
  writeLarge(server, bad);
  server.write(sealed(header({ command: ECHO, messageId: 2n }), ECHO_BODY));
  await expect(read).rejects.toThrow(Smb2ProtocolError);
  await expect(echo).rejects.toThrow(/failed to decrypt/);
  expect(conn.closed).toBe(true);
});
