/**
 * The program of a seal worker (seal-workers.ts): AES-GCM and AES-CCM over shared memory, for
 * [MS-SMB2] 3.1.4.3 (sealing) and 3.2.5.1.1 (opening a response). Plain JavaScript, run with
 * `eval`: it works from the sources and from dist/ alike. The TRANSFORM_HEADER, the IV, the AAD
 * and every check of the input are encryption.ts', on the calling thread; the worker only runs the
 * cipher, the way encryption.ts' gcmSliced does: GCM_SLICE_SIZE slices, each slice's output copied
 * to where its input was (or into a separate output), then final(). CCM goes in one update()
 * (node allows no more).
 *
 * A job without a tag seals and answers the tag; a job with one opens, and final() refuses a tag
 * that does not match: the job then fails, its output already overwritten.
 */

/** One job: `length` bytes of `input` at inputOffset through the cipher into `output` at outputOffset. */
export interface SealJob {
  readonly id: number;
  readonly algorithm: string;
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
  readonly aad: Uint8Array;
  /** Opening: the tag final() must find. Sealing: absent. */
  readonly tag?: Uint8Array;
  readonly input: SharedArrayBuffer;
  readonly inputOffset: number;
  readonly output: SharedArrayBuffer;
  readonly outputOffset: number;
  readonly length: number;
}

/** The answer to a job: the tag of a sealing, nothing for an opening, or why it failed. */
export interface SealAnswer {
  readonly id: number;
  readonly tag?: Uint8Array;
  readonly error?: string;
}

/**
 * The worker's source. `thresholdBlock` bytes are allocated once and dropped: freeing a block
 * that size raises glibc's trim threshold (seal-workers.ts says why).
 */
export function sealWorkerSource(sliceSize: number, thresholdBlock: number): string {
  return `
const { parentPort } = require('node:worker_threads');
const { createCipheriv, createDecipheriv } = require('node:crypto');
const SLICE = ${sliceSize};
// Allocated (mmap'ed: above the threshold) and garbage at once; freed at the first collection.
new ArrayBuffer(${thresholdBlock});
parentPort.on('message', (job) => {
  try {
    const ccm = job.algorithm.endsWith('-ccm');
    const opening = job.tag !== undefined;
    const make = opening ? createDecipheriv : createCipheriv;
    const c = make(job.algorithm, Buffer.from(job.key), Buffer.from(job.iv), { authTagLength: 16 });
    if (opening) c.setAuthTag(Buffer.from(job.tag));
    c.setAAD(Buffer.from(job.aad), ccm ? { plaintextLength: job.length } : undefined);
    const slice = ccm ? job.length : SLICE;
    const input = Buffer.from(job.input, job.inputOffset, job.length);
    const output = Buffer.from(job.output, job.outputOffset, job.length);
    let at = 0;
    for (let from = 0; from < job.length; from += slice) at += c.update(input.subarray(from, from + slice)).copy(output, at);
    at += c.final().copy(output, at);
    if (at !== job.length) throw new RangeError('wrote ' + at + ' of ' + job.length + ' bytes');
    parentPort.postMessage({ id: job.id, tag: opening ? undefined : c.getAuthTag() });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: String(e) });
  }
});
`;
}
