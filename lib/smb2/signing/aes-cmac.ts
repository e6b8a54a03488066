/**
 * AES-CMAC — RFC 4493 (the SMB 3.x signing MAC, [MS-SMB2] 3.1.4.1), built on node:crypto's
 * AES-CBC, which has no CMAC of its own:
 *   L = AES(K, 0^128); K1 = dbl(L); K2 = dbl(K1)          (dbl: shift left 1, xor 0x87 on carry)
 *   last block = M_n xor K1 if complete, else (M_n || 0x80 || 0*) xor K2
 *   MAC = last block of AES-CBC(K, IV = 0, M_1 .. M_{n-1} || last block)
 */
import { createCipheriv } from 'node:crypto';

const BLOCK = 16;

function aesCbcName(key: Uint8Array): 'aes-128-cbc' | 'aes-256-cbc' {
  if (key.length === 16) return 'aes-128-cbc';
  if (key.length === 32) return 'aes-256-cbc';
  throw new RangeError(`AES-CMAC key of ${key.length} bytes`);
}

function aesEncryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  const c = createCipheriv(aesCbcName(key), key, Buffer.alloc(BLOCK));
  c.setAutoPadding(false);
  return c.update(block);
}

/** Doubling in GF(2^128) (RFC 4493 2.3, "generate subkey"). */
function dbl(block: Buffer): Buffer {
  const out = Buffer.alloc(BLOCK);
  let carry = 0;
  for (let i = BLOCK - 1; i >= 0; i--) {
    const b = block[i] as number;
    out[i] = ((b << 1) | carry) & 0xff;
    carry = b >> 7;
  }
  if ((block[0] as number) & 0x80) out[BLOCK - 1] = (out[BLOCK - 1] as number) ^ 0x87;
  return out;
}

export function cmacSubkeys(key: Uint8Array): { readonly k1: Buffer; readonly k2: Buffer } {
  const l = aesEncryptBlock(key, Buffer.alloc(BLOCK));
  const k1 = dbl(l);
  return { k1, k2: dbl(k1) };
}

/** Subkeys per key object: a session's signing key MACs every message with the same two. */
const subkeysOf = new WeakMap<Uint8Array, { readonly k1: Buffer; readonly k2: Buffer }>();

/** CBC's output is thrown away but for the last block: fed in slices, it stays this small. */
const CBC_SLICE = 64 * 1024;

export function aesCmac(key: Uint8Array, message: Uint8Array): Buffer {
  let subkeys = subkeysOf.get(key);
  if (subkeys === undefined) {
    subkeys = cmacSubkeys(key);
    subkeysOf.set(key, subkeys);
  }
  const { k1, k2 } = subkeys;
  const n = Math.max(1, Math.ceil(message.length / BLOCK));
  const complete = message.length > 0 && message.length % BLOCK === 0;
  const lastStart = (n - 1) * BLOCK;
  const last = Buffer.alloc(BLOCK);
  last.set(message.subarray(lastStart));
  if (!complete) last[message.length - lastStart] = 0x80;
  const sub = complete ? k1 : k2;
  for (let i = 0; i < BLOCK; i++) last[i] = (last[i] as number) ^ (sub[i] as number);
  const c = createCipheriv(aesCbcName(key), key, Buffer.alloc(BLOCK));
  c.setAutoPadding(false);
  for (let at = 0; at < lastStart; at += CBC_SLICE) c.update(message.subarray(at, Math.min(lastStart, at + CBC_SLICE)));
  return c.update(last).subarray(0, BLOCK);
}
