/**
 * READ response buffers are pooled per connection and reused only once the socket has written
 * them. Over real TCP with a client that stops reading, responses queue in the server's socket
 * (whose high-water mark is raised so no back-pressure slows the server down); concurrent READs of
 * two files must still deliver every byte of the right file (a buffer reused before its write
 * completed would carry another READ's data).
 */
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Smb2Command } from '../../../lib/smb2/constants';
import type { FileId } from '../../../lib/smb2/messages/common';
import { decodeReadResponse, encodeReadRequest, plainReadRequest } from '../../../lib/smb2/messages/read';
import { PASSWORD, USER, startHarness, type Harness } from './helpers/harness';
import { RawSmb2Client } from './helpers/raw-client';

const FILE_SIZE = 8 * 1024 * 1024 + 777;
const CHUNK = 512 * 1024;

function pattern(seed: number): Buffer {
  const b = Buffer.alloc(FILE_SIZE);
  for (let i = 0; i < b.length; i++) b[i] = (i * seed + (i >> 9) + seed) & 0xff;
  return b;
}

async function read(c: RawSmb2Client, fileId: FileId, offset: number, length: number) {
  const r = await c.send(Smb2Command.READ, (w) => encodeReadRequest(w, plainReadRequest(fileId, offset, length)), {
    creditCharge: Math.ceil(length / 65536),
    credits: 256,
  });
  return { status: r.status, data: r.status === 0 ? Buffer.from(decodeReadResponse(r.body(), 0).data) : undefined };
}

describe('READ response buffers over a slow TCP reader', () => {
  let dir: string;
  let h: Harness;
  let listener: net.Server;
  let port: number;
  const files = [pattern(31), pattern(57)];

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-smb2-pool-'));
    await fs.mkdir(path.join(dir, 'x64', '3'), { recursive: true });
    await fs.writeFile(path.join(dir, 'x64', '3', 'A.CAB'), files[0]!);
    await fs.writeFile(path.join(dir, 'x64', '3', 'B.CAB'), files[1]!);
    h = await startHarness({ storeRoot: dir });
    // A high-water mark above what the test queues: write() keeps returning true, so nothing but
    // the write callback says when the socket is done with a buffer.
    listener = net.createServer({ highWaterMark: 64 * 1024 * 1024 }, (socket) =>
      h.server.handle(socket, { remoteAddress: '127.0.0.1' }),
    );
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await h.close();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function connect(): Promise<{ c: RawSmb2Client; socket: net.Socket }> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return { c: new RawSmb2Client(socket), socket };
  }

  it.each([
    ['unsigned', [0x0311] as const, false],
    ['signed (in place over the pooled buffer)', [0x0311] as const, true],
    ['SMB 2.1 signed', [0x0210] as const, true],
  ])(
    'delivers every byte of interleaved concurrent READs of two files (%s)',
    async (_name, dialects, sign) => {
      const { c, socket } = await connect();
      try {
        await c.login(USER, PASSWORD, 'print$', [...dialects]);
        if (!sign) c.signingKey = undefined;
        const a = await c.create('x64\\3\\a.cab');
        const b = await c.create('x64\\3\\b.cab');
        // Warm up the pool, and let the credit window grow.
        expect((await read(c, a.fileId!, 0, CHUNK)).status).toBe(0);
        expect((await read(c, b.fileId!, 0, CHUNK)).status).toBe(0);

        for (let round = 0; round < 2; round++) {
          // Stop reading: the server's responses pile up in its socket.
          socket.pause();
          const pending: Array<Promise<{ status: number; data: Buffer | undefined }>> = [];
          const expected: Buffer[] = [];
          for (let at = 0; at < FILE_SIZE; at += CHUNK) {
            for (const [i, f] of [a, b].entries()) {
              pending.push(read(c, f.fileId!, at, CHUNK));
              expected.push(files[i]!.subarray(at, Math.min(at + CHUNK, FILE_SIZE)));
            }
          }
          await new Promise((resolve) => setTimeout(resolve, 300));
          socket.resume();
          // A reused buffer may also overwrite a queued header: its response then never arrives.
          let timer: NodeJS.Timeout | undefined;
          const got = await Promise.race([
            Promise.all(pending),
            new Promise<never>((_resolve, reject) => {
              timer = setTimeout(() => reject(new Error('READ responses lost (a header overwritten?)')), 10000);
            }),
          ]).finally(() => clearTimeout(timer));
          got.forEach((r, i) => {
            expect(r.status).toBe(0);
            expect(r.data!.equals(expected[i]!)).toBe(true);
          });
        }
      } finally {
        socket.destroy();
      }
    },
    30000,
  );
});
