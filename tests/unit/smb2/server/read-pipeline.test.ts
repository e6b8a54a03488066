import { NBSS_KEEP_ALIVE } from '../../../../lib/smb2/framing';
import type { Frame } from '../../../../lib/smb2/framing';
import type { PipelineHost } from '../../../../lib/smb2/server/read-pipeline';
import {
  MAX_READS_IN_FLIGHT,
  MAX_READ_BYTES_IN_FLIGHT,
  ReadPipeline,
  loneReadLength,
} from '../../../../lib/smb2/server/read-pipeline';
import { Smb2Cipher, decryptMessage, encryptMessage } from '../../../../lib/smb2/signing/encryption';
import { hex } from '../fixtures';

const READ = 0x0008;
const CLOSE = 0x0006;

/** An SMB2 request header written field by field ([MS-SMB2] 2.2.1.2). */
function requestHeader(command: number, messageId: number, nextCommand = 0): Buffer {
  const b = Buffer.alloc(64);
  b.write('fe534d42', 0, 'hex');
  b.writeUInt16LE(64, 4);
  b.writeUInt16LE(command, 12);
  b.writeUInt32LE(nextCommand, 20);
  b.writeBigUInt64LE(BigInt(messageId), 24);
  return b;
}

/** A READ request body ([MS-SMB2] 2.2.19) asking for `length` bytes. */
function readBody(length: number): Buffer {
  const body = hex(`
    3100 50 00          # StructureSize 49, Padding 0x50, Flags
    00000000            # Length (patched below)
    0000000000000000    # Offset
    01000000000000000100000000000000  # FileId
    00000000 00000000 00000000 0000 0000  # MinimumCount, Channel, RemainingBytes, ReadChannelInfoOffset/Length
    00                  # Buffer
  `);
  body.writeUInt32LE(length, 4);
  return body;
}

function frame(payload: Buffer, type = 0): Frame {
  return { type, payload };
}

const readFrame = (id: number, length: number): Frame =>
  frame(Buffer.concat([requestHeader(READ, id), readBody(length)]));
const closeFrame = (id: number): Frame => frame(Buffer.concat([requestHeader(CLOSE, id), Buffer.alloc(24)]));

/** A frame in a TRANSFORM_HEADER, sealed with KEY for session 7 ([MS-SMB2] 2.2.41). */
const KEY = Buffer.alloc(16, 0x42);
const sealed = (f: Frame): Frame => frame(encryptMessage(Smb2Cipher.AES_128_GCM, KEY, 7n, f.payload));
const openSealed = (f: Frame): Buffer | undefined => {
  try {
    return decryptMessage(Smb2Cipher.AES_128_GCM, KEY, f.payload).message;
  } catch {
    return undefined;
  }
};

describe('loneReadLength: which frames are lone READs ([MS-SMB2] 2.2.19)', () => {
  it('gives the Length of one uncompounded READ', () => {
    expect(loneReadLength(readFrame(1, 65536))).toBe(65536);
  });

  it('leaves everything else to run in order', () => {
    expect(loneReadLength(closeFrame(1))).toBeUndefined();
    const compound = Buffer.concat([requestHeader(READ, 1, 120), readBody(10)]);
    expect(loneReadLength(frame(compound))).toBeUndefined();
    expect(loneReadLength(frame(readFrame(1, 10).payload, NBSS_KEEP_ALIVE))).toBeUndefined();
    const encrypted = Buffer.from(readFrame(1, 10).payload);
    encrypted[0] = 0xfd;
    expect(loneReadLength(frame(encrypted))).toBeUndefined();
    // Truncated fixed part, a wrong StructureSize, a short header: refused later, in order.
    expect(loneReadLength(frame(readFrame(1, 10).payload.subarray(0, 112)))).toBeUndefined();
    const badSize = Buffer.from(readFrame(1, 10).payload);
    badSize.writeUInt16LE(48, 64);
    expect(loneReadLength(frame(badSize))).toBeUndefined();
    expect(loneReadLength(frame(Buffer.from('fe534d42', 'hex')))).toBeUndefined();
  });

  it('looks inside a TRANSFORM_HEADER through `open`: a sealed lone READ is one too', () => {
    expect(loneReadLength(sealed(readFrame(1, 8 << 20)), openSealed)).toBe(8 << 20);
    expect(loneReadLength(sealed(closeFrame(1)), openSealed)).toBeUndefined();
    const compound = Buffer.concat([requestHeader(READ, 1, 120), readBody(10)]);
    expect(loneReadLength(sealed(frame(compound)), openSealed)).toBeUndefined();
    // Does not decrypt (tampered), or no way to open it: it runs in its turn and is refused there.
    const tampered = sealed(readFrame(1, 10));
    tampered.payload[tampered.payload.length - 1]! ^= 1;
    expect(loneReadLength(tampered, openSealed)).toBeUndefined();
    expect(loneReadLength(sealed(readFrame(1, 10)))).toBeUndefined();
  });
});

/** A host whose frames finish when the test says so. */
class StepHost implements PipelineHost {
  negotiated = true;
  closed = false;
  paused = 0;
  resumed = 0;
  readonly started: number[] = [];
  private readonly finishers = new Map<number, () => void>();

  run(f: Frame): Promise<void> {
    const id = Number((this.open(f) ?? f.payload).readBigUInt64LE(24));
    this.started.push(id);
    return new Promise((resolve) => this.finishers.set(id, resolve));
  }

  finish(id: number): void {
    this.finishers.get(id)?.();
  }

  open(f: Frame): Buffer | undefined {
    return f.payload.readUInt32LE(0) === 0x424d53fd ? openSealed(f) : undefined;
  }

  pause(): void {
    this.paused++;
  }

  resume(): void {
    this.resumed++;
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ReadPipeline: lone READs overlap, everything else keeps the order of the wire', () => {
  it('starts pipelined READs together and a CLOSE behind them only after all of them', async () => {
    const host = new StepHost();
    const pipeline = new ReadPipeline(host, 64);
    pipeline.push([readFrame(1, 100), readFrame(2, 100), closeFrame(3), readFrame(4, 100)]);
    await tick();
    expect(host.started).toEqual([1, 2]);
    host.finish(2);
    await tick();
    expect(host.started).toEqual([1, 2]);
    host.finish(1);
    await tick();
    expect(host.started).toEqual([1, 2, 3]);
    host.finish(3);
    await tick();
    expect(host.started).toEqual([1, 2, 3, 4]);
  });

  it('overlaps sealed READs the same way, and a sealed CLOSE waits for them', async () => {
    const host = new StepHost();
    const pipeline = new ReadPipeline(host, 64);
    pipeline.push([sealed(readFrame(1, 100)), sealed(readFrame(2, 100)), sealed(closeFrame(3))]);
    await tick();
    expect(host.started).toEqual([1, 2]);
    host.finish(1);
    host.finish(2);
    await tick();
    expect(host.started).toEqual([1, 2, 3]);
  });

  it(`keeps at most ${MAX_READS_IN_FLIGHT} READs and ${MAX_READ_BYTES_IN_FLIGHT} bytes in flight, always admitting one`, async () => {
    const host = new StepHost();
    const pipeline = new ReadPipeline(host, 64);
    pipeline.push(Array.from({ length: MAX_READS_IN_FLIGHT + 1 }, (_, i) => readFrame(i + 1, 10)));
    await tick();
    expect(host.started.length).toBe(MAX_READS_IN_FLIGHT);
    host.finish(3);
    await tick();
    expect(host.started.length).toBe(MAX_READS_IN_FLIGHT + 1);

    const big = new StepHost();
    const bytes = new ReadPipeline(big, 64);
    bytes.push([readFrame(1, MAX_READ_BYTES_IN_FLIGHT + 1), readFrame(2, MAX_READ_BYTES_IN_FLIGHT / 2)]);
    await tick();
    expect(big.started).toEqual([1]);
    big.finish(1);
    await tick();
    expect(big.started).toEqual([1, 2]);
  });

  it('runs READs in order before NEGOTIATE and stops when the connection closes', async () => {
    const host = new StepHost();
    host.negotiated = false;
    const pipeline = new ReadPipeline(host, 64);
    pipeline.push([readFrame(1, 10), readFrame(2, 10)]);
    await tick();
    expect(host.started).toEqual([1]);
    host.closed = true;
    host.finish(1);
    await tick();
    expect(host.started).toEqual([1]);
  });

  it('pauses the transport while the queue is long and resumes it once it drains', async () => {
    const host = new StepHost();
    const pipeline = new ReadPipeline(host, 2);
    pipeline.push([closeFrame(1), closeFrame(2), closeFrame(3)]);
    expect(host.paused).toBe(1);
    await tick();
    expect(host.started).toEqual([1]);
    host.finish(1);
    await tick();
    expect(host.resumed).toBe(0);
    host.finish(2);
    await tick();
    expect(host.started).toEqual([1, 2, 3]);
    expect(host.resumed).toBe(1);
  });

  it('runs the release after the READs in flight, or at once without any', async () => {
    const host = new StepHost();
    const pipeline = new ReadPipeline(host, 64);
    const order: string[] = [];
    await pipeline.afterReads(() => Promise.resolve(order.push('idle')));
    pipeline.push([readFrame(1, 10)]);
    await tick();
    pipeline.clear();
    const released = pipeline.afterReads(() => Promise.resolve(order.push('released')));
    await tick();
    expect(order).toEqual(['idle']);
    host.finish(1);
    await released;
    expect(order).toEqual(['idle', 'released']);
  });
});
