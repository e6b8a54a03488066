// Sealing on the worker threads gives the bytes of the calling-thread path (which the published
// examples of encryption.test.ts pin down), written into the shared output buffer.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MalformedPacketError, NtStatusError } from '../../../../lib/common/errors';
import { NtStatus } from '../../../../lib/common/status/ntstatus';
import * as encryption from '../../../../lib/smb2/signing/encryption';
import {
  Smb2Cipher,
  decryptMessage,
  encryptMessage,
  encryptMessageParts,
} from '../../../../lib/smb2/signing/encryption';
import { openOnWorker, sealOnWorker, stopSealWorkers } from '../../../../lib/smb2/signing/seal-workers';

const sharedBuffer = (size: number): Buffer => Buffer.from(new SharedArrayBuffer(size));

/** The process's minor page faults so far, all threads (/proc/self/stat field 10). */
function minorFaults(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7]);
}

describe('sealOnWorker', () => {
  afterAll(() => stopSealWorkers());

  const message = sharedBuffer(300_001);
  randomBytes(message.length).copy(message);

  it.each([
    ['AES-128-GCM', Smb2Cipher.AES_128_GCM, 16, 12],
    ['AES-256-GCM', Smb2Cipher.AES_256_GCM, 32, 12],
    ['AES-128-CCM', Smb2Cipher.AES_128_CCM, 16, 11],
    ['AES-256-CCM', Smb2Cipher.AES_256_CCM, 32, 11],
  ] as const)(
    '%s: the calling-thread bytes, sealed into the shared buffer',
    async (_, cipher, keyLength, nonceLength) => {
      const key = randomBytes(keyLength);
      const nonce = randomBytes(nonceLength);
      const into = sharedBuffer(message.length + 100);
      const sealed = await sealOnWorker(cipher, key, 0x77n, message, into, nonce);
      const direct = encryptMessageParts(cipher, key, 0x77n, message, nonce);
      expect(sealed.header).toEqual(direct.header);
      expect(sealed.ciphertext.buffer).toBe(into.buffer);
      expect(sealed.ciphertext.equals(direct.ciphertext)).toBe(true);
      const opened = decryptMessage(cipher, key, Buffer.concat([sealed.header, sealed.ciphertext]));
      expect(opened.message.equals(message)).toBe(true);
    },
  );

  it('seals several messages at once, each with its own nonce', async () => {
    const key = randomBytes(16);
    const intos = [0, 1, 2, 3, 4].map(() => sharedBuffer(message.length));
    const sealed = await Promise.all(intos.map((into) => sealOnWorker(Smb2Cipher.AES_128_GCM, key, 1n, message, into)));
    const nonces = new Set(sealed.map((s) => s.header.subarray(20, 32).toString('hex')));
    expect(nonces.size).toBe(5);
    for (const s of sealed)
      expect(
        decryptMessage(Smb2Cipher.AES_128_GCM, key, Buffer.concat([s.header, s.ciphertext])).message.equals(message),
      ).toBe(true);
  });

  it('seals buffers not in shared memory on the calling thread', async () => {
    const key = randomBytes(16);
    const plain = Buffer.from(message);
    const into = Buffer.alloc(message.length);
    const local = await sealOnWorker(Smb2Cipher.AES_128_GCM, key, 1n, plain, into);
    expect(local.ciphertext.buffer).toBe(into.buffer);
    expect(
      decryptMessage(Smb2Cipher.AES_128_GCM, key, Buffer.concat([local.header, local.ciphertext])).message.equals(
        plain,
      ),
    ).toBe(true);
  });

  // glibc only: the seal worker raises glibc's trim threshold when it starts (seal-workers.ts).
  const glibc = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header
    ?.glibcVersionRuntime;
  (glibc !== undefined && process.platform === 'linux' ? it : it.skip)(
    'keeps the slices update() frees in the allocator: no page fault per slice',
    async () => {
      const size = 8 << 20;
      const plain = sharedBuffer(size);
      const into = sharedBuffer(size);
      const key = randomBytes(16);
      const seal = async (n: number): Promise<void> => {
        for (let i = 0; i < n; i++) await sealOnWorker(Smb2Cipher.AES_128_GCM, key, 1n, plain, into);
      };
      // 192 MiB, one job at a time (so all on the first worker): it collects at least once, and its
      // first collection frees the 32 MiB block.
      await seal(24);
      const before = minorFaults();
      await seal(16);
      // 128 MiB in 64 KiB slices: 32,768 pages whenever the slices come fresh from the kernel
      // (32,715 faults measured without the threshold block), none when they are reused (1 measured).
      expect(minorFaults() - before).toBeLessThan(8192);
    },
    60_000,
  );

  it('refuses a key of the wrong length', async () => {
    await expect(
      sealOnWorker(Smb2Cipher.AES_256_GCM, randomBytes(16), 1n, message, sharedBuffer(message.length)),
    ).rejects.toThrow(RangeError);
  });
});

describe('openOnWorker', () => {
  afterAll(() => stopSealWorkers());
  /** The calling thread's decryption (the fallback): not called when a worker opens. */
  const onThisThread = jest.spyOn(encryption, 'decryptMessage');
  beforeEach(() => onThisThread.mockClear());

  const plain = randomBytes(2 * 65536 + 301);
  /** An encrypted message copied into shared memory at `offset` (the worker must honour views). */
  const sharedCopy = (bytes: Buffer, offset = 0): Buffer => {
    const b = sharedBuffer(offset + bytes.length).subarray(offset);
    bytes.copy(b);
    return b;
  };

  it.each([
    ['AES-128-GCM', Smb2Cipher.AES_128_GCM, 16],
    ['AES-256-GCM', Smb2Cipher.AES_256_GCM, 32],
  ] as const)('%s: the bytes of decryptMessage, written in place over the ciphertext', async (_, cipher, keyLength) => {
    const key = randomBytes(keyLength);
    const sealed = encryptMessage(cipher, key, 0x1234n, plain);
    const transformed = sharedCopy(sealed, 24);
    const opened = await openOnWorker(cipher, key, transformed);
    expect(onThisThread).not.toHaveBeenCalled();
    expect(opened.sessionId).toBe(0x1234n);
    expect(opened.message.buffer).toBe(transformed.buffer);
    expect(opened.message.byteOffset).toBe(transformed.byteOffset + 52);
    expect(opened.message.equals(decryptMessage(cipher, key, sealed).message)).toBe(true);
    expect(opened.message.equals(plain)).toBe(true);
  });

  it('rejects a tampered tag or ciphertext with STATUS_ACCESS_DENIED', async () => {
    const key = randomBytes(16);
    const sealed = encryptMessage(Smb2Cipher.AES_128_GCM, key, 1n, plain);
    for (const at of [4, 52 + 70_000]) {
      const tampered = sharedCopy(sealed);
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      const failure = openOnWorker(Smb2Cipher.AES_128_GCM, key, tampered);
      await expect(failure).rejects.toBeInstanceOf(NtStatusError);
      await expect(failure).rejects.toMatchObject({ status: NtStatus.STATUS_ACCESS_DENIED });
    }
  });

  it('rejects a malformed header with MalformedPacketError, as decryptMessage', async () => {
    const key = randomBytes(16);
    const sealed = sharedCopy(encryptMessage(Smb2Cipher.AES_128_GCM, key, 1n, plain));
    await expect(openOnWorker(Smb2Cipher.AES_128_GCM, key, sealed.subarray(0, sealed.length - 1))).rejects.toThrow(
      MalformedPacketError,
    );
    sealed.writeUInt16LE(0x0002, 42);
    await expect(openOnWorker(Smb2Cipher.AES_128_GCM, key, sealed)).rejects.toThrow(MalformedPacketError);
  });

  it('opens messages outside shared memory, and CCM, on the calling thread', async () => {
    const key = randomBytes(16);
    const local = encryptMessage(Smb2Cipher.AES_128_GCM, key, 1n, plain);
    const opened = await openOnWorker(Smb2Cipher.AES_128_GCM, key, local);
    expect(onThisThread).toHaveBeenCalledTimes(1);
    expect(opened.message.buffer).toBe(local.buffer);
    expect(opened.message.equals(plain)).toBe(true);
    const ccm = sharedCopy(encryptMessage(Smb2Cipher.AES_128_CCM, key, 1n, plain));
    expect((await openOnWorker(Smb2Cipher.AES_128_CCM, key, ccm)).message.equals(plain)).toBe(true);
    expect(onThisThread).toHaveBeenCalledTimes(2);
    const tampered = Buffer.from(local);
    tampered[60] = (tampered[60] ?? 0) ^ 0x80;
    await expect(openOnWorker(Smb2Cipher.AES_128_GCM, key, tampered)).rejects.toMatchObject({
      status: NtStatus.STATUS_ACCESS_DENIED,
    });
  });

  it('opens several messages at once', async () => {
    const key = randomBytes(32);
    const messages = [0, 1, 2, 3].map((i) => Buffer.concat([plain, Buffer.from([i])]));
    const opened = await Promise.all(
      messages.map((m) =>
        openOnWorker(Smb2Cipher.AES_256_GCM, key, sharedCopy(encryptMessage(Smb2Cipher.AES_256_GCM, key, 2n, m))),
      ),
    );
    opened.forEach((o, i) => expect(o.message.equals(messages[i] as Buffer)).toBe(true));
  });
});
