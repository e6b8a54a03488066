/**
 * A compound of large READs ([MS-SMB2] 3.3.5.2.7, 3.3.4.1.3): the server answers every member, in
 * frames of at most MaxTransactSize + 256 bytes, instead of building one response no 24-bit
 * NetBIOS length can announce (issue 13, item 1: 60 READs of 8 MiB in one 7 KB frame built a
 * 503 MB response, then threw, and the client got no answer). Memory under that attack is
 * measured by `npm run bench -- --only limits`.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BufferReader } from '../../../lib/common/binary/buffer-reader';
import type { BufferWriter } from '../../../lib/common/binary/buffer-writer';
import { Smb2Command } from '../../../lib/smb2/constants';
import type { FileId } from '../../../lib/smb2/messages/common';
import { encodeEchoRequest } from '../../../lib/smb2/messages/echo';
import { decodeReadResponse, encodeReadRequest, plainReadRequest } from '../../../lib/smb2/messages/read';
import { NBSS_MAX_LENGTH } from '../../../lib/smb2/framing';
import { PASSWORD, USER, startHarness, type Harness } from './helpers/harness';
import type { RawResponse, RawSmb2Client } from './helpers/raw-client';

const KiB = 1024;
const MiB = 1024 * KiB;

function readBody(fileId: FileId, offset: number, length: number) {
  return (w: BufferWriter): void => encodeReadRequest(w, plainReadRequest(fileId, offset, length));
}

function dataOf(r: RawResponse): Buffer {
  return decodeReadResponse(new BufferReader(r.message, 64), 0).data;
}

/** Logs on to PRINT$, asks for `credits` credits, opens BIG.BIN. */
async function openBig(h: Harness, credits: number): Promise<{ c: RawSmb2Client; fileId: FileId }> {
  const c = h.connect();
  await c.login(USER, PASSWORD, 'print$', [0x0311]);
  expect((await c.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w), { credits })).status).toBe(0);
  const f = await c.create('BIG.BIN');
  expect(f.response.status).toBe(0);
  return { c, fileId: f.fileId! };
}

/** One compound of `count` READs of `length` bytes, all of the file's start, each paying its credits. */
function compoundOfReads(c: RawSmb2Client, fileId: FileId, count: number, length: number) {
  const charge = Math.ceil(length / (64 * KiB));
  return Array.from({ length: count }, (_, i) =>
    c.build(Smb2Command.READ, readBody(fileId, i * 4096, length), { creditCharge: charge }),
  );
}

describe('SMB2 compound response budget', () => {
  let dir: string;
  let big: Buffer;
  let h: Harness | undefined;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-compound-'));
    big = Buffer.alloc(8 * MiB + 64 * KiB);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 11)) & 0xff;
    await fs.writeFile(path.join(dir, 'BIG.BIN'), big);
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('answers three 8 MiB READs in one compound (24 MiB: more than a frame can carry), each in a frame of its own', async () => {
    h = await startHarness({ storeRoot: dir });
    const { c, fileId } = await openBig(h, 1024);
    const members = compoundOfReads(c, fileId, 3, 8 * MiB);
    const framesBefore = c.frameSizes.length;
    const responses = await c.sendCompound(members);
    expect(responses.map((r) => r.status)).toEqual([0, 0, 0]);
    responses.forEach((r, i) => expect(dataOf(r).equals(big.subarray(i * 4096, i * 4096 + 8 * MiB))).toBe(true));
    const frames = c.frameSizes.slice(framesBefore);
    expect(frames).toHaveLength(3);
    for (const size of frames) expect(size).toBeLessThanOrEqual(8 * MiB + 256);
    expect(Math.max(...frames)).toBeLessThan(NBSS_MAX_LENGTH);
    // The connection goes on.
    expect((await c.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w))).status).toBe(0);
  });

  it('answers 60 READs of MaxReadSize in one compound in frames of at most MaxTransactSize + 256 bytes', async () => {
    const size = 128 * KiB;
    h = await startHarness({
      storeRoot: dir,
      limits: { maxTransactSize: size, maxReadSize: size, maxWriteSize: size, maxFrameSize: size + 64 * KiB },
    });
    const { c, fileId } = await openBig(h, 1024);
    const members = compoundOfReads(c, fileId, 60, size);
    const framesBefore = c.frameSizes.length;
    const responses = await c.sendCompound(members);
    expect(responses.every((r) => r.status === 0)).toBe(true);
    expect(responses.map((r) => r.header.messageId)).toEqual(members.map((m) => m.messageId));
    responses.forEach((r, i) => expect(dataOf(r).equals(big.subarray(i * 4096, i * 4096 + size))).toBe(true));
    const frames = c.frameSizes.slice(framesBefore);
    for (const bytes of frames) expect(bytes).toBeLessThanOrEqual(size + 256);
    // Each READ response fills most of a frame: no two fit in one.
    expect(frames.length).toBe(60);
  });

  it('still compounds small responses into one frame', async () => {
    h = await startHarness({ storeRoot: dir });
    const { c, fileId } = await openBig(h, 64);
    const members = compoundOfReads(c, fileId, 5, 4 * KiB);
    const framesBefore = c.frameSizes.length;
    const responses = await c.sendCompound(members);
    expect(responses.every((r) => r.status === 0)).toBe(true);
    expect(c.frameSizes.length - framesBefore).toBe(1);
  });
});
