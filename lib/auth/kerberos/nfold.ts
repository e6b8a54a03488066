/**
 * n-fold — RFC 3961 5.1: stretches or shrinks a constant to the cipher's block size. The input is
 * repeated, each copy rotated right by 13 bits more than the last, up to the least common multiple
 * of both lengths; the n-bit blocks of that string are added with ones'-complement (end-around
 * carry) addition. Done on BigInts: the inputs are a few dozen bytes.
 */

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function toBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** n-fold of `input` to `outBytes` bytes. */
export function nfold(input: Uint8Array, outBytes: number): Buffer {
  if (input.length === 0 || outBytes <= 0) throw new RangeError('n-fold needs input and an output size');
  const inBits = BigInt(input.length * 8);
  const outBits = BigInt(outBytes * 8);
  const lcmBytes = (input.length * outBytes) / gcd(input.length, outBytes);
  const copies = lcmBytes / input.length;
  const inMask = (1n << inBits) - 1n;
  const outMask = (1n << outBits) - 1n;
  const value = toBigInt(input);

  // The lcm-length string, as one integer: copy i is the input rotated right by 13*i bits.
  let long = 0n;
  for (let i = 0; i < copies; i++) {
    const r = BigInt(13 * i) % inBits;
    const rotated = r === 0n ? value : ((value >> r) | (value << (inBits - r))) & inMask;
    long = (long << inBits) | rotated;
  }
  let sum = 0n;
  for (let chunk = 0; chunk < lcmBytes / outBytes; chunk++) sum += (long >> (BigInt(chunk) * outBits)) & outMask;
  while (sum > outMask) sum = (sum & outMask) + (sum >> outBits);

  const out = Buffer.alloc(outBytes);
  for (let i = outBytes - 1; i >= 0; i--) {
    out[i] = Number(sum & 0xffn);
    sum >>= 8n;
  }
  return out;
}
