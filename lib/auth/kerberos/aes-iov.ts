/**
 * RFC 3961 encryption of the AES enctypes (RFC 3962) over a list of buffers, as GSS_WrapEx needs
 * for DCE/RPC ([MS-KILE] 3.4.5.4, [MS-RPCE] 3.3.1.5.2.2): the buffers marked `seal` are encrypted
 * as one message, in order, with CBC-CTS and a zero IV, each keeping its length and place; the
 * HMAC-SHA1-96 covers every buffer in order, sealed or sign-only, in plaintext. With one sealed
 * buffer and no sign-only one this is the enctype's ordinary encrypt() (the caller supplies the
 * confounder as the first sealed buffer).
 *
 *   Ke = DK(key, usage | 0xAA), Ki = DK(key, usage | 0x55)
 *   ciphertext(sealed buffers) = CTS(Ke, concat(sealed buffers))
 *   mac = HMAC-SHA1(Ki, concat(all buffers in plaintext))[0..12]
 */
import { timingSafeEqual } from 'node:crypto';
import { ctsDecrypt, ctsEncrypt } from './aes-cts';
import { AES_HMAC_LENGTH, aesDeriveKey, hmacSha1, usageConstant } from './enctypes';
import { KerberosIntegrityError } from './errors';

export interface IovBuffer {
  readonly data: Buffer;
  /** Encrypted (GSS_IOV_BUFFER_TYPE_DATA) or only signed (GSS_IOV_BUFFER_TYPE_SIGN_ONLY). */
  readonly seal: boolean;
}

function macOf(ki: Buffer, buffers: readonly Buffer[]): Buffer {
  return hmacSha1(ki, Buffer.concat(buffers)).subarray(0, AES_HMAC_LENGTH);
}

/** Puts `joined` back into the sealed places of `buffers`, in order. */
function scatter(buffers: readonly IovBuffer[], joined: Buffer): Buffer[] {
  let at = 0;
  return buffers.map((b) => {
    if (!b.seal) return b.data;
    const out = joined.subarray(at, at + b.data.length);
    at += b.data.length;
    return out;
  });
}

function sealedBytes(buffers: readonly IovBuffer[]): Buffer {
  return Buffer.concat(buffers.filter((b) => b.seal).map((b) => b.data));
}

export function aesEncryptIov(
  key: Uint8Array,
  usage: number,
  buffers: readonly IovBuffer[],
): { readonly buffers: Buffer[]; readonly mac: Buffer } {
  const ke = aesDeriveKey(key, usageConstant(usage, 0xaa));
  const ki = aesDeriveKey(key, usageConstant(usage, 0x55));
  const mac = macOf(
    ki,
    buffers.map((b) => b.data),
  );
  return { buffers: scatter(buffers, ctsEncrypt(ke, sealedBytes(buffers))), mac };
}

/** The buffers in plaintext; throws KerberosIntegrityError when the HMAC does not verify. */
export function aesDecryptIov(key: Uint8Array, usage: number, buffers: readonly IovBuffer[], mac: Buffer): Buffer[] {
  const ke = aesDeriveKey(key, usageConstant(usage, 0xaa));
  const ki = aesDeriveKey(key, usageConstant(usage, 0x55));
  const sealed = sealedBytes(buffers);
  if (sealed.length < 16) throw new KerberosIntegrityError(`${sealed.length} sealed bytes cannot be AES-CTS`);
  const plain = scatter(buffers, ctsDecrypt(ke, sealed));
  const expected = macOf(ki, plain);
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected))
    throw new KerberosIntegrityError(`integrity check failed (usage ${usage})`);
  return plain;
}
