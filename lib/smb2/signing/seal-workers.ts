/**
 * AES-GCM and AES-CCM sealing of large SMB 3.x messages on worker threads — [MS-SMB2] 3.1.4.3, with the
 * TRANSFORM_HEADER ([MS-SMB2] 2.2.41) of encryption.ts built once, on the calling thread — and
 * opening large AES-GCM messages in place (3.2.5.1.1: our client's READ responses), their header
 * checked by encryption.ts on the calling thread first. The worker's program: seal-worker-source.ts.
 *
 * Why workers: node:crypto's update() answers a new buffer for every call, and every new
 * ArrayBuffer counts as external memory for V8, so sealing READ responses on the server's own
 * thread made V8 run a full mark-compact of the server's heap about every 24 MiB sent (a third of
 * the CPU of an encrypted download went to the collector). A worker's heap is nearly empty, so
 * its collections cost little, and it runs on the other core while the event loop reads files
 * and writes sockets; the READs a client keeps in flight are sealed at the same time.
 *
 * No copy crosses threads: the plaintext and the ciphertext live in SharedArrayBuffers (the
 * server's pooled READ buffers are); the worker reads the one and writes the other, in
 * GCM_SLICE_SIZE slices (CCM in one: node allows one update() per CCM message), and answers the
 * 16-byte tag. Opening reads and writes the same shared bytes. A message that is not in shared
 * memory, or a machine where workers cannot start, is sealed or opened on the calling thread instead.
 *
 * The allocator: each update() answers two fresh allocations of its slice's size (node sizes the
 * first for one block more, then copies it into one of the exact size), and the worker's
 * collector frees them by the tens of MiB at a time. glibc gives the free top of an arena back to
 * the kernel beyond its trim threshold (128 KiB until raised), so every slice was again a page
 * fault and a page zeroed by the kernel: half of the workers' CPU (measured, docs/benchmarks.md,
 * 2026-12-05). glibc raises that threshold to twice the size of any mmap'ed block freed of at
 * most 32 MiB (mallopt(3), "dynamic mmap threshold"); the worker frees one such block when it
 * starts, so the freed slices stay in the arena for the next ones. Other allocators ignore it.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EncryptedParts, Smb2Cipher } from './encryption';
import {
  GCM_SLICE_SIZE,
  decryptMessage,
  encryptMessageParts,
  notAuthenticated,
  openingMessage,
  sealingHeader,
  setSignature,
} from './encryption';
import { sealWorkerSource, type SealAnswer, type SealJob } from './seal-worker-source';

/**
 * Workers of the pool: one per core beyond the event loop's, at least one, at most two. On two
 * cores one worker sealed as fast as two for smbclient, at the same CPU (docs/benchmarks.md,
 * sixth session): the client's decryption needs the other core.
 */
const WORKERS = Math.min(2, Math.max(1, availableParallelism() - 1));

/**
 * The block the worker frees when it starts (glibc's DEFAULT_MMAP_THRESHOLD_MAX on 64-bit, less
 * room for the chunk header): glibc then keeps up to twice this size free in an arena.
 */
const ALLOCATOR_THRESHOLD_BLOCK = 32 * 1024 * 1024 - 64 * 1024;

const WORKER_SOURCE = sealWorkerSource(GCM_SLICE_SIZE, ALLOCATOR_THRESHOLD_BLOCK);

/** A job the worker ran and refused (for an opening: the tag did not match). */
class SealJobError extends Error {}

class SealWorker {
  readonly worker: Worker;
  readonly pending = new Map<number, { resolve: (tag: Buffer | undefined) => void; reject: (e: Error) => void }>();

  constructor(onExit: (w: SealWorker) => void) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.on('message', (a: SealAnswer) => {
      const p = this.pending.get(a.id);
      if (p === undefined) return;
      this.pending.delete(a.id);
      if (this.pending.size === 0) this.worker.unref();
      if (a.error !== undefined) p.reject(new SealJobError(`seal worker: ${a.error}`));
      else p.resolve(a.tag === undefined ? undefined : Buffer.from(a.tag.buffer, a.tag.byteOffset, a.tag.byteLength));
    });
    const fail = (e: Error): void => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
      onExit(this);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`seal worker exited with ${code}`)));
    // The pool never keeps a process alive; a job in flight does (its promise is awaited). After the
    // listeners: adding a 'message' listener refs the worker's port again.
    this.worker.unref();
  }

  /** Answers the tag of a sealing, undefined for an opening. */
  run(job: SealJob): Promise<Buffer | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.set(job.id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage(job);
    });
  }
}

let workers: SealWorker[] | undefined;
let nextJob = 0;

function pool(): SealWorker[] {
  if (workers === undefined) {
    workers = [];
    const drop = (w: SealWorker): void => {
      workers = workers?.filter((x) => x !== w);
    };
    for (let i = 0; i < WORKERS; i++) workers.push(new SealWorker(drop));
  }
  return workers;
}

/** The least busy worker, or undefined when none runs. */
function idlest(): SealWorker | undefined {
  let best: SealWorker | undefined;
  for (const w of pool()) if (best === undefined || w.pending.size < best.pending.size) best = w;
  return best;
}

const shared = (b: Buffer): b is Buffer & { buffer: SharedArrayBuffer } => b.buffer instanceof SharedArrayBuffer;

/**
 * encryptMessageParts, on a worker when both `message` and `into`
 * (at least as long) are in shared memory: the ciphertext is then a view of `into`. Same bytes
 * as encryptMessageParts for the same nonce. `message` must not change until the promise settles.
 */
export async function sealOnWorker(
  cipher: Smb2Cipher,
  key: Buffer,
  sessionId: bigint,
  message: Buffer,
  into: Buffer,
  nonce?: Buffer,
): Promise<EncryptedParts> {
  const worker = shared(message) && shared(into) && into.length >= message.length ? idlest() : undefined;
  if (worker === undefined) return encryptMessageParts(cipher, key, sessionId, message, nonce, undefined, into);
  const { header, iv, aad, algorithm } = sealingHeader(cipher, key, sessionId, message.length, nonce);
  const tag = await worker.run({
    id: nextJob++,
    algorithm,
    // Copies of their own memory: a view would clone the whole ArrayBuffer behind it.
    key: new Uint8Array(key),
    iv: new Uint8Array(iv),
    aad: new Uint8Array(aad),
    input: message.buffer as SharedArrayBuffer,
    inputOffset: message.byteOffset,
    output: into.buffer as SharedArrayBuffer,
    outputOffset: into.byteOffset,
    length: message.length,
  });
  if (tag === undefined) throw new Error('seal worker: no tag');
  setSignature(header, tag);
  return { header, ciphertext: into.subarray(0, message.length) };
}

/**
 * decryptMessage({ inPlace: true }), on a worker when `transformed` is in shared memory and the
 * cipher is AES-GCM: the plaintext overwrites the ciphertext in `transformed`, and the message
 * answered is a view of it. The header is checked here first (a malformed one rejects with
 * MalformedPacketError, nothing posted); a message that does not authenticate rejects with
 * NtStatusError(STATUS_ACCESS_DENIED), its bytes overwritten, as on the calling thread. CCM (one
 * update(), small messages in practice), local memory, or no worker: decrypted on the calling
 * thread. `transformed` must not be touched until the promise settles.
 */
export async function openOnWorker(
  cipher: Smb2Cipher,
  key: Buffer,
  transformed: Buffer,
): Promise<{ readonly sessionId: bigint; readonly message: Buffer }> {
  const opening = openingMessage(cipher, key, transformed);
  const memory = transformed.buffer;
  const worker = opening.mode === 'gcm' && memory instanceof SharedArrayBuffer ? idlest() : undefined;
  if (worker === undefined || !(memory instanceof SharedArrayBuffer))
    return decryptMessage(cipher, key, transformed, { inPlace: true });
  const { ciphertext } = opening;
  try {
    await worker.run({
      id: nextJob++,
      algorithm: opening.algorithm,
      key: new Uint8Array(key),
      iv: new Uint8Array(opening.iv),
      aad: new Uint8Array(opening.aad),
      tag: new Uint8Array(opening.tag),
      input: memory,
      inputOffset: ciphertext.byteOffset,
      output: memory,
      outputOffset: ciphertext.byteOffset,
      length: ciphertext.length,
    });
  } catch (e) {
    // A refused job is a message that does not authenticate; a worker that died is not.
    throw e instanceof SealJobError ? notAuthenticated(e) : e;
  }
  return { sessionId: opening.sessionId, message: ciphertext };
}

/** Ends the workers (tests; a server process simply exits). */
export async function stopSealWorkers(): Promise<void> {
  const running = workers ?? [];
  workers = undefined;
  await Promise.all(running.map((w) => w.worker.terminate()));
}
