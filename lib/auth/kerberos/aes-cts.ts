/**
 * AES in CBC mode with ciphertext stealing — RFC 3962 5 (CBC-CS3 in NIST's terms): the last two
 * blocks are swapped and the final one truncated, so the ciphertext is as long as the plaintext.
 * One block or less is plain CBC of one (zero-padded, only for a lone block) block. Kerberos
 * always starts from a zero IV.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

const BLOCK = 16;

function algorithm(key: Uint8Array): string {
  if (key.length === 16) return 'aes-128';
  if (key.length === 32) return 'aes-256';
  throw new RangeError(`AES key of ${key.length} bytes`);
}

function cbc(key: Uint8Array, iv: Uint8Array, data: Buffer, encrypt: boolean): Buffer {
  const name = `${algorithm(key)}-cbc`;
  const c = encrypt ? createCipheriv(name, key, iv) : createDecipheriv(name, key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

/** One AES block, no chaining (the DR function of RFC 3961 5.1 uses it). */
export function aesEncryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  return cbc(key, Buffer.alloc(BLOCK), Buffer.from(block), true);
}

export function ctsEncrypt(key: Uint8Array, plaintext: Uint8Array, iv: Uint8Array = Buffer.alloc(BLOCK)): Buffer {
  const n = plaintext.length;
  if (n < BLOCK) throw new RangeError(`CTS needs at least one block, got ${n} bytes`);
  const padded = Buffer.alloc(Math.ceil(n / BLOCK) * BLOCK);
  padded.set(plaintext);
  const c = cbc(key, iv, padded, true);
  if (n === BLOCK) return c;
  const blocks = c.length / BLOCK;
  const last = c.subarray((blocks - 1) * BLOCK);
  const beforeLast = c.subarray((blocks - 2) * BLOCK, (blocks - 1) * BLOCK);
  const tail = n - (blocks - 1) * BLOCK; // 1..16 bytes in the final block
  return Buffer.concat([c.subarray(0, (blocks - 2) * BLOCK), last, beforeLast.subarray(0, tail)]);
}

export function ctsDecrypt(key: Uint8Array, ciphertext: Uint8Array, iv: Uint8Array = Buffer.alloc(BLOCK)): Buffer {
  const n = ciphertext.length;
  if (n < BLOCK) throw new RangeError(`CTS needs at least one block, got ${n} bytes`);
  const c = Buffer.from(ciphertext);
  if (n === BLOCK) return cbc(key, iv, c, false);
  const blocks = Math.ceil(n / BLOCK);
  const tail = n - (blocks - 1) * BLOCK;
  const head = c.subarray(0, (blocks - 2) * BLOCK);
  const swappedLast = c.subarray((blocks - 2) * BLOCK, (blocks - 1) * BLOCK); // the real last CBC block
  const stolen = c.subarray((blocks - 1) * BLOCK); // the real second-last block, truncated
  // Decrypting the real last block gives (padded last plaintext) XOR (second-last block): its bytes
  // past `tail` are the second-last block's stolen bytes, since the plaintext was zero-padded there.
  const d = cbc(key, Buffer.alloc(BLOCK), Buffer.from(swappedLast), false);
  const secondLast = Buffer.concat([stolen, d.subarray(tail)]);
  const standard = Buffer.concat([head, secondLast, swappedLast]);
  return cbc(key, iv, standard, false).subarray(0, n);
}
