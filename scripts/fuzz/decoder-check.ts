/**
 * The property every decoder of untrusted bytes keeps: it returns, or throws one of the project's
 * typed errors (a PointPrintError); it never throws a TypeError, a RangeError or an untyped Error,
 * never takes longer than a time limit, and never asks Buffer for more than a bound proportional
 * to its input (a length field taken at its word). Allocations are watched through Buffer.alloc,
 * allocUnsafe and allocUnsafeSlow, which every Buffer of a decoder comes from (Buffer.concat and
 * Buffer.from go through allocUnsafe).
 */
import { PointPrintError } from '../../lib/common/errors';
import type { DecoderTarget } from './fuzz-target';

/** What the check found wrong; thrown so that fast-check records and shrinks the input. */
export class DecoderViolation extends Error {
  constructor(
    readonly target: string,
    readonly kind: 'untyped-error' | 'slow' | 'allocation',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${target}: ${kind}: ${message}`, options);
    this.name = 'DecoderViolation';
  }
}

export interface CheckLimits {
  /** Longest a single decode may take. */
  readonly timeMs: number;
  /** Largest allocation allowed: this many bytes plus `perInputByte` times the input length. */
  readonly allocBase: number;
  readonly perInputByte: number;
}

export const DEFAULT_CHECK_LIMITS: CheckLimits = { timeMs: 2000, allocBase: 1 << 20, perInputByte: 64 };

type AllocFn = (size: number, ...rest: never[]) => Buffer;

/** Runs `fn` with Buffer's allocators reporting any request above `limit` bytes. */
async function withAllocationGuard<T>(limit: number, onExcess: (size: number) => void, fn: () => T): Promise<T> {
  const names = ['alloc', 'allocUnsafe', 'allocUnsafeSlow'] as const;
  const table = Buffer as unknown as Record<string, AllocFn>;
  const originals = names.map((n) => table[n] as AllocFn);
  names.forEach((n, i) => {
    const original = originals[i] as AllocFn;
    const guarded = (size: number, ...rest: never[]): Buffer => {
      if (size > limit) onExcess(size);
      return original.call(Buffer, size, ...rest);
    };
    table[n] = guarded;
  });
  try {
    return await fn();
  } finally {
    names.forEach((n, i) => {
      table[n] = originals[i] as AllocFn;
    });
  }
}

/** A typed error: the project's hierarchy. Anything else escaping a decoder is a bug. */
export function isTypedError(err: unknown): boolean {
  return err instanceof PointPrintError;
}

/** Decodes `input` with `target` and throws DecoderViolation when the property does not hold. */
export async function checkDecoder(
  target: DecoderTarget,
  input: Buffer,
  limits: CheckLimits = DEFAULT_CHECK_LIMITS,
): Promise<void> {
  const limit = limits.allocBase + limits.perInputByte * input.length;
  let excess: number | undefined;
  const started = performance.now();
  try {
    await withAllocationGuard(
      limit,
      (size) => {
        excess ??= size;
      },
      () => target.decode(input),
    );
  } catch (err) {
    if (!isTypedError(err)) {
      const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      throw new DecoderViolation(target.name, 'untyped-error', what, { cause: err });
    }
  }
  const elapsed = performance.now() - started;
  if (excess !== undefined)
    throw new DecoderViolation(target.name, 'allocation', `asked for ${excess} bytes from ${input.length} of input`);
  if (elapsed > limits.timeMs)
    throw new DecoderViolation(target.name, 'slow', `${Math.round(elapsed)} ms for ${input.length} bytes`);
}
