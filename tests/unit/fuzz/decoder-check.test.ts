/**
 * The fuzz suite's property itself: it must catch what it is there to catch (an untyped error, an
 * allocation taken from a length field, a slow decode) and let typed errors through; and the
 * mutations must stay within what they are given.
 */
import fc from 'fast-check';
import { MalformedPacketError, NtStatusError } from '../../../lib/common/errors';
import { DecoderViolation, checkDecoder } from '../../../scripts/fuzz/decoder-check';
import type { DecoderTarget } from '../../../scripts/fuzz/fuzz-target';
import { applyMutation, inputArbitrary } from '../../../scripts/fuzz/mutations';

const target = (decode: (input: Buffer) => unknown): DecoderTarget => ({
  name: 'test/target',
  decode,
  seeds: () => [],
});

describe('checkDecoder', () => {
  it('lets a decoder return or throw a typed error', async () => {
    await expect(
      checkDecoder(
        target(() => 1),
        Buffer.alloc(4),
      ),
    ).resolves.toBeUndefined();
    await expect(
      checkDecoder(
        target(() => {
          throw new MalformedPacketError('short');
        }),
        Buffer.alloc(4),
      ),
    ).resolves.toBeUndefined();
    await expect(
      checkDecoder(
        target(() => {
          throw new NtStatusError(0xc000000d);
        }),
        Buffer.alloc(4),
      ),
    ).resolves.toBeUndefined();
  });

  it('reports a RangeError from Buffer and a TypeError as untyped errors', async () => {
    await expect(
      checkDecoder(
        target((b) => b.readUInt32LE(2)),
        Buffer.alloc(4),
      ),
    ).rejects.toThrow(/untyped-error: RangeError/);
    await expect(
      checkDecoder(
        target((b) => (JSON.parse(`{"n":${b.length}}`) as { x: { y: number } }).x.y),
        Buffer.alloc(4),
      ),
    ).rejects.toThrow(DecoderViolation);
  });

  it('reports an allocation sized by a length field, and a slow decode', async () => {
    await expect(
      checkDecoder(
        target((b) => Buffer.alloc(b.readUInt32LE(0))),
        Buffer.from('ffffff0f', 'hex'),
      ),
    ).rejects.toThrow(/allocation: asked for 268435455 bytes/);
    const slow = target(() => {
      const until = Date.now() + 30;
      while (Date.now() < until);
    });
    await expect(
      checkDecoder(slow, Buffer.alloc(1), { timeMs: 10, allocBase: 1 << 20, perInputByte: 64 }),
    ).rejects.toThrow(/slow/);
  });

  it('restores Buffer.alloc after a decode', async () => {
    const alloc = Buffer.alloc;
    await checkDecoder(
      target(() => Buffer.alloc(8)),
      Buffer.alloc(1),
    );
    expect(Buffer.alloc).toBe(alloc);
  });
});

describe('mutations', () => {
  it('write boundary values over fields and cut, insert and splice ranges', () => {
    const seed = Buffer.from('0011223344556677', 'hex');
    expect(applyMutation(seed, { kind: 'u32', at: 2, value: 0xffffffff }, [])).toEqual(
      Buffer.from('0011ffffffff6677', 'hex'),
    );
    expect(applyMutation(seed, { kind: 'length', at: 0, delta: 1 }, [])).toEqual(
      Buffer.from('0900000044556677', 'hex'),
    );
    expect(applyMutation(seed, { kind: 'truncate', at: 3 }, [])).toEqual(Buffer.from('001122', 'hex'));
    expect(applyMutation(seed, { kind: 'splice', at: 2, other: 0, from: 1 }, [Buffer.from('aabbcc', 'hex')])).toEqual(
      Buffer.from('0011bbcc', 'hex'),
    );
  });

  it('generate the same inputs from the same seed', () => {
    const seeds = [Buffer.from('hello world')];
    const a = fc.sample(inputArbitrary(seeds), { seed: 5, numRuns: 20 });
    const b = fc.sample(inputArbitrary(seeds), { seed: 5, numRuns: 20 });
    expect(a).toEqual(b);
  });
});
