/**
 * The READ pipeline of a connection ([MS-SMB2] 3.3.4.1, 3.3.5.12) over TCP: lone READs overlap and
 * are all answered with their data, more of them than may run at once; a compound and any other
 * frame wait for the READs before them; a frame that closes the connection comes after them too.
 * Large READs to unsigned requests are streamed (streamed-read.ts): same bytes, frames whole.
 */
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BufferWriter } from '../../../lib/common/binary/buffer-writer';
import { Smb2Command } from '../../../lib/smb2/constants';
import { BufferReader } from '../../../lib/common/binary/buffer-reader';
import { FrameDecoder, encodeFrame } from '../../../lib/smb2/framing';
import type { FileId } from '../../../lib/smb2/messages/common';
import { decodeReadResponse, encodeReadRequest, plainReadRequest } from '../../../lib/smb2/messages/read';
import { MAX_READS_IN_FLIGHT } from '../../../lib/smb2/server/read-pipeline';
import { StoreOpen } from '../../../lib/smb2/server/shares/store-open';
import { STREAMED_READ_FROM } from '../../../lib/smb2/server/streamed-read';
import { PASSWORD, USER, startHarness, type Harness } from './helpers/harness';
import { RawSmb2Client, type RawResponse } from './helpers/raw-client';

const MiB = 1024 * 1024;
const CHUNKS = MAX_READS_IN_FLIGHT + 4;

function readBody(fileId: FileId, offset: number, length: number) {
  return (w: BufferWriter): void => encodeReadRequest(w, plainReadRequest(fileId, offset, length));
}

function dataOf(r: RawResponse): Buffer {
  return decodeReadResponse(new BufferReader(r.message, 64), 0).data;
}

describe('SMB2 READ pipeline over TCP', () => {
  let dir: string;
  let h: Harness;
  let port: number;
  const clients: RawSmb2Client[] = [];
  const big = Buffer.alloc(CHUNKS * MiB);
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-pipeline-'));
    for (let i = 0; i < big.length; i++) big[i] = (i * 7 + (i >> 13)) & 0xff;
    await fs.mkdir(path.join(dir, 'x64', '3'), { recursive: true });
    await fs.writeFile(path.join(dir, 'x64', '3', 'BIG.CAB'), big);
    h = await startHarness({ storeRoot: dir });
    port = (await h.server.listen(0, '127.0.0.1')).port;
  });
  afterAll(async () => {
    // The listener closes only once its sockets have.
    for (const c of clients) c.stream.destroy();
    await h.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function open(): Promise<{ c: RawSmb2Client; fileId: FileId }> {
    const c = new RawSmb2Client(net.connect(port, '127.0.0.1'));
    clients.push(c);
    await c.login(USER, PASSWORD, 'print$', [0x0311]);
    const f = await c.create('x64\\3\\big.cab');
    return { c, fileId: f.fileId! };
  }

  it(`answers ${CHUNKS} pipelined 1 MiB READs, more than ${MAX_READS_IN_FLIGHT} at once, each with its data`, async () => {
    const { c, fileId } = await open();
    const responses = await Promise.all(
      Array.from({ length: CHUNKS }, (_, i) =>
        c.send(Smb2Command.READ, readBody(fileId, i * MiB, MiB), { creditCharge: 16 }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(new Array<number>(CHUNKS).fill(0));
    expect(Buffer.concat(responses.map(dataOf)).equals(big)).toBe(true);
    c.stream.destroy();
  });

  it('streams large READs to unsigned requests, several at once, each whole; signs a signed one whole', async () => {
    const { c, fileId } = await open();
    // Calls through: only counts which READs took the streamed path.
    const streamed = jest.spyOn(StoreOpen.prototype, 'readStreamed');
    try {
      const length = STREAMED_READ_FROM + 3 * MiB + 123;
      const charge = Math.ceil(length / 65536);
      const offsets = [0, 5, 3 * MiB + 1];
      const unsigned = await Promise.all(
        offsets.map((at) =>
          c.send(Smb2Command.READ, readBody(fileId, at, length), { creditCharge: charge, sign: false }),
        ),
      );
      expect(unsigned.map((r) => r.status)).toEqual([0, 0, 0]);
      unsigned.forEach((r, i) => expect(dataOf(r).equals(big.subarray(offsets[i], offsets[i]! + length))).toBe(true));
      const results = await Promise.all(streamed.mock.results.map((r) => r.value as Promise<unknown>));
      expect(results.filter((r) => r !== undefined)).toHaveLength(3);

      streamed.mockClear();
      const signed = await c.send(Smb2Command.READ, readBody(fileId, 7, length), { creditCharge: charge });
      expect(signed.status).toBe(0);
      expect(c.verify(signed)).toBe(true);
      expect(dataOf(signed).equals(big.subarray(7, 7 + length))).toBe(true);
      expect(streamed).not.toHaveBeenCalled();
    } finally {
      streamed.mockRestore();
      c.stream.destroy();
    }
  });

  it('answers a compound of READs after the lone READs before it', async () => {
    const { c, fileId } = await open();
    // The MessageId of each frame's first member, in the order the frames arrive.
    const arrivals: bigint[] = [];
    const decoder = new FrameDecoder(64 * MiB);
    c.stream.on('data', (chunk: Buffer) => {
      for (const f of decoder.push(chunk)) arrivals.push(f.payload.readBigUInt64LE(24));
    });
    const lone = [0, 1, 2].map((i) => c.send(Smb2Command.READ, readBody(fileId, i * MiB, MiB), { creditCharge: 16 }));
    const first = c.build(Smb2Command.READ, readBody(fileId, 0, 100));
    const second = c.build(Smb2Command.READ, readBody(fileId, 100, 100));
    const padded = Buffer.concat([first.bytes, Buffer.alloc((8 - (first.bytes.length % 8)) % 8)]);
    padded.writeUInt32LE(padded.length, 20);
    const answers = [c.sendBuilt(Buffer.concat([padded, second.bytes]), first.messageId)];
    const [compound] = await Promise.all([...answers, ...lone]);
    const loneIds = await Promise.all(lone.map(async (r) => (await r).header.messageId));
    expect(arrivals.indexOf(first.messageId)).toBe(3);
    expect(arrivals.slice(0, 3).sort()).toEqual([...loneIds].sort());
    expect(compound!.status).toBe(0);
    expect(dataOf(compound!).equals(big.subarray(0, 100))).toBe(true);
    c.stream.destroy();
  });

  it('answers the READs in flight before a frame that closes the connection', async () => {
    const { c, fileId } = await open();
    const reads = [0, 1, 2, 3].map((i) =>
      c.send(Smb2Command.READ, readBody(fileId, i * MiB, MiB), { creditCharge: 16 }),
    );
    const bad = Buffer.alloc(100);
    bad.write('\xfeSMX', 'latin1');
    c.writeRaw(encodeFrame(bad));
    const answered = await Promise.all(reads);
    expect(answered.map((r) => r.status)).toEqual([0, 0, 0, 0]);
    expect(Buffer.concat(answered.map(dataOf)).equals(big.subarray(0, 4 * MiB))).toBe(true);
    expect(await c.waitClosed()).toBe(true);
  });
});
