/**
 * Mutation fuzzing: valid requests of an authenticated session with random bytes flipped or cut
 * short. Every mutant must get an answer or a closed connection — never an unexpected internal
 * error — and a good session alongside must keep working. Seeded, so failures reproduce.
 */
import { Writable } from 'node:stream';
import winston from 'winston';
import type { BufferWriter } from '../../../lib/common/binary/buffer-writer';
import { Smb2Command } from '../../../lib/smb2/constants';
import { encodeCreateRequest } from '../../../lib/smb2/messages/create';
import { encodeIoctlRequest } from '../../../lib/smb2/messages/ioctl';
import { encodeQueryDirectoryRequest } from '../../../lib/smb2/messages/query-directory';
import { encodeQueryInfoRequest } from '../../../lib/smb2/messages/query-info';
import { encodeReadRequest } from '../../../lib/smb2/messages/read';
import { encodeTreeConnectRequest } from '../../../lib/smb2/messages/tree-connect';
import { PASSWORD, USER, startHarness, type Harness } from './helpers/harness';
import type { RawSmb2Client } from './helpers/raw-client';

/** Collects the messages logged at level error. */
function errorCollector(): { errors: string[]; logger: winston.Logger } {
  const errors: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done): void {
      const entry = JSON.parse(chunk.toString()) as { level: string; message: string };
      if (entry.level === 'error') errors.push(entry.message);
      done();
    },
  });
  const logger = winston.createLogger({
    level: 'debug',
    format: winston.format.json(),
    transports: [new winston.transports.Stream({ stream })],
  });
  return { errors, logger };
}

/** xorshift32: a small deterministic generator. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const FF = { persistent: 0xffffffffffffffffn, volatile: 0xffffffffffffffffn };

describe('SMB2 server under mutated requests', () => {
  const capture = errorCollector();
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ logger: capture.logger });
  });
  afterAll(async () => {
    await h.close();
  });

  type BodyEncoder = (w: BufferWriter, base: number) => void;
  const templates = (fileId: { persistent: bigint; volatile: bigint }): BodyEncoder[] => [
    (w, base) => encodeTreeConnectRequest(w, base, { flags: 0, path: '\\\\127.0.0.1\\PRINT$' }),
    (w, base) =>
      encodeCreateRequest(w, base, {
        securityFlags: 0,
        requestedOplockLevel: 0,
        impersonationLevel: 2,
        smbCreateFlags: 0n,
        desiredAccess: 0x120089,
        fileAttributes: 0,
        shareAccess: 7,
        createDisposition: 1,
        createOptions: 0,
        name: 'color\\Hpclrlsr.icm',
        createContexts: [{ name: 'MxAc', data: Buffer.alloc(0) }],
      }),
    (w) =>
      encodeReadRequest(w, {
        padding: 0x50,
        flags: 0,
        length: 4096,
        offset: 0n,
        fileId,
        minimumCount: 0,
        channel: 0,
        remainingBytes: 0,
      }),
    (w, base) =>
      encodeQueryDirectoryRequest(w, base, {
        fileInformationClass: 0x25,
        flags: 1,
        fileIndex: 0,
        fileId,
        fileName: '*',
        outputBufferLength: 4096,
      }),
    (w, base) =>
      encodeQueryInfoRequest(w, base, {
        infoType: 1,
        fileInfoClass: 0x12,
        outputBufferLength: 4096,
        input: Buffer.alloc(0),
        additionalInformation: 0,
        flags: 0,
        fileId,
      }),
    (w, base) =>
      encodeIoctlRequest(w, base, {
        ctlCode: 0x00060194,
        fileId: FF,
        input: Buffer.from('abcd'),
        maxInputResponse: 0,
        maxOutputResponse: 1024,
        flags: 1,
      }),
  ];

  it('answers or disconnects for 600 mutants, without internal errors, while a good session works', async () => {
    // The collector sees errors (so the final check can fail).
    capture.logger.error('probe');
    await new Promise((r) => setImmediate(r));
    expect(capture.errors.splice(0)).toEqual(['probe']);
    const random = prng(0x5eed);
    const commands = [
      Smb2Command.TREE_CONNECT,
      Smb2Command.CREATE,
      Smb2Command.READ,
      Smb2Command.QUERY_DIRECTORY,
      Smb2Command.QUERY_INFO,
      Smb2Command.IOCTL,
    ];
    let answered = 0;
    let closed = 0;
    let c: RawSmb2Client | undefined;
    let fileId = FF;
    for (let i = 0; i < 600; i++) {
      if (c === undefined || c.isClosed) {
        c = h.connect();
        await c.login(USER, PASSWORD, 'PRINT$');
        const dir = await c.create('', { options: 1 });
        fileId = dir.fileId ?? FF;
      }
      const pick = Math.floor(random() * commands.length);
      const { bytes, messageId } = c.build(commands[pick]!, templates(fileId)[pick]!);
      // Mutate the body only: header damage is covered by the bad-input tests.
      const flips = 1 + Math.floor(random() * 4);
      for (let f = 0; f < flips; f++) {
        const at = 64 + Math.floor(random() * (bytes.length - 64));
        bytes[at] = Math.floor(random() * 256);
      }
      const cut = random() < 0.2 ? 64 + Math.floor(random() * (bytes.length - 64)) : bytes.length;
      const mutant = bytes.subarray(0, cut);
      const outcome = await Promise.race([
        c.sendBuilt(Buffer.from(mutant), messageId).then(
          () => 'answered' as const,
          () => 'closed' as const,
        ),
        c.waitClosed(3000).then((wasClosed) => (wasClosed ? ('closed' as const) : ('hung' as const))),
      ]);
      expect(outcome).not.toBe('hung');
      if (outcome === 'answered') answered++;
      else closed++;
    }
    expect(answered + closed).toBe(600);
    expect(answered).toBeGreaterThan(300);
    expect(capture.errors).toEqual([]);
    const good = h.connect();
    await good.login(USER, PASSWORD, 'PRINT$');
    expect((await good.create('color\\Hpclrlsr.icm')).response.status).toBe(0);
  }, 60000);
});
