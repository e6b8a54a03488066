/**
 * The inputs the decoders get: random bytes, and structure-aware mutations of valid encodings —
 * bit flips, boundary values written over 8-, 16- and 32-bit fields (lengths, offsets, counts),
 * truncation, insertion, deletion and duplication of ranges, and splices of two seeds. Mutations
 * are fast-check values, so a failure shrinks to the fewest and simplest mutations of a seed.
 */
import fc from 'fast-check';

/** Values that break length, offset and count checks: zero, sign bits, all ones. */
const BOUNDARY_VALUES = [
  0, 1, 2, 3, 4, 7, 8, 0x0f, 0x10, 0x1f, 0x20, 0x3f, 0x40, 0x7f, 0x80, 0xfe, 0xff, 0x100, 0x7ffe, 0x7fff, 0x8000,
  0xfffe, 0xffff, 0x10000, 0xffffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
] as const;

export type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'byte'; readonly at: number; readonly value: number }
  | { readonly kind: 'u16' | 'u32' | 'u16be' | 'u32be'; readonly at: number; readonly value: number }
  /** A field set to the message's length, plus `delta` (offsets and lengths one past the end). */
  | { readonly kind: 'length'; readonly at: number; readonly delta: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'delete'; readonly at: number; readonly n: number }
  | { readonly kind: 'duplicate'; readonly at: number; readonly n: number }
  | { readonly kind: 'splice'; readonly at: number; readonly other: number; readonly from: number };

const position = fc.nat({ max: 0xffff });
const value32 = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BOUNDARY_VALUES) },
  { weight: 1, arbitrary: fc.nat({ max: 0xffffffff }) },
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('byte' as const), at: position, value: fc.nat({ max: 0xff }) }),
  fc.record({
    kind: fc.constantFrom('u16' as const, 'u32' as const, 'u16be' as const, 'u32be' as const),
    at: position,
    value: value32,
  }),
  fc.record({ kind: fc.constant('length' as const), at: position, delta: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, n: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position, n: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('splice' as const), at: position, other: fc.nat(), from: position }),
);

function writeField(out: Buffer, at: number, kind: 'u16' | 'u32' | 'u16be' | 'u32be', value: number): Buffer {
  const width = kind.startsWith('u16') ? 2 : 4;
  if (out.length < width) return out;
  const p = at % (out.length - width + 1);
  const v = width === 2 ? value & 0xffff : value >>> 0;
  if (kind === 'u16') out.writeUInt16LE(v, p);
  else if (kind === 'u16be') out.writeUInt16BE(v, p);
  else if (kind === 'u32') out.writeUInt32LE(v, p);
  else out.writeUInt32BE(v, p);
  return out;
}

/** Applies one mutation; `seeds` supplies the other half of a splice. */
export function applyMutation(input: Buffer, m: Mutation, seeds: readonly Buffer[]): Buffer {
  const len = input.length;
  const at = len === 0 ? 0 : m.at % (len + 1);
  switch (m.kind) {
    case 'flip': {
      if (len === 0) return input;
      const out = Buffer.from(input);
      const p = m.at % len;
      out[p] = (out[p] ?? 0) ^ (1 << m.bit);
      return out;
    }
    case 'byte': {
      if (len === 0) return input;
      const out = Buffer.from(input);
      out[m.at % len] = m.value;
      return out;
    }
    case 'u16':
    case 'u32':
    case 'u16be':
    case 'u32be':
      return writeField(Buffer.from(input), m.at, m.kind, m.value);
    case 'length':
      return writeField(Buffer.from(input), m.at, m.at % 2 === 0 ? 'u32' : 'u16', Math.max(0, len + m.delta));
    case 'truncate':
      return input.subarray(0, at);
    case 'insert':
      return Buffer.concat([input.subarray(0, at), m.bytes, input.subarray(at)]);
    case 'delete':
      return Buffer.concat([input.subarray(0, at), input.subarray(Math.min(len, at + m.n))]);
    case 'duplicate':
      return Buffer.concat([input.subarray(0, Math.min(len, at + m.n)), input.subarray(at)]);
    case 'splice': {
      const other = seeds.length === 0 ? input : (seeds[m.other % seeds.length] ?? input);
      const from = other.length === 0 ? 0 : m.from % other.length;
      return Buffer.concat([input.subarray(0, at), other.subarray(from)]);
    }
  }
}

export function mutate(seed: Buffer, mutations: readonly Mutation[], seeds: readonly Buffer[]): Buffer {
  return mutations.reduce((bytes, m) => applyMutation(bytes, m, seeds), seed);
}

/** Random bytes (a quarter of the inputs) and mutated seeds (the rest, when there are seeds). */
export function inputArbitrary(seeds: readonly Buffer[], maxRandomLength = 512): fc.Arbitrary<Buffer> {
  const random = fc.uint8Array({ maxLength: maxRandomLength }).map((a) => Buffer.from(a));
  if (seeds.length === 0) return random;
  const mutated = fc
    .record({
      seed: fc.nat({ max: seeds.length - 1 }),
      mutations: fc.array(mutationArb, { minLength: 0, maxLength: 8 }),
    })
    .map(({ seed, mutations }) => mutate(seeds[seed] ?? Buffer.alloc(0), mutations, seeds));
  return fc.oneof({ weight: 1, arbitrary: random }, { weight: 3, arbitrary: mutated });
}
