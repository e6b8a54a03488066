/**
 * The encryption types pointprint speaks — RFC 3961 (the simplified profile: DR/DK key derivation,
 * encrypt = confounder + CBC-CTS + truncated HMAC), RFC 3962 (AES128/AES256-CTS-HMAC-SHA1-96 with
 * PBKDF2 string-to-key) and RFC 4757 (RC4-HMAC, for old Windows accounts). One profile object per
 * enctype; everything else asks `encryptionProfile(etype)`.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { md4 } from '../md4';
import { rc4k } from '../rc4';
import { aesEncryptBlock, ctsDecrypt, ctsEncrypt } from './aes-cts';
import { ChecksumType, EncryptionType } from './constants';
import { KerberosIntegrityError } from './errors';
import { nfold } from './nfold';

export interface EncryptionProfile {
  readonly etype: EncryptionType;
  readonly name: string;
  readonly keyLength: number;
  readonly checksumType: number;
  /** string-to-key (RFC 3961 3): the password and salt are UTF-8; `params` per enctype. */
  stringToKey(password: string, salt: string, params?: Uint8Array): Buffer;
  encrypt(key: Uint8Array, usage: number, plaintext: Uint8Array, confounder?: Uint8Array): Buffer;
  /** Throws KerberosIntegrityError when the ciphertext does not verify under `key`. */
  decrypt(key: Uint8Array, usage: number, ciphertext: Uint8Array): Buffer;
  /** The enctype's keyed checksum (hmac-sha1-96-aes*, hmac-md5). */
  checksum(key: Uint8Array, usage: number, data: Uint8Array): Buffer;
  randomKey(): Buffer;
}

/** The DK constant of RFC 3961 5.3: usage (4 bytes, big-endian) || 0x99 (Kc), 0xAA (Ke) or 0x55 (Ki). */
export function usageConstant(usage: number, suffix: number): Buffer {
  const c = Buffer.alloc(5);
  c.writeUInt32BE(usage >>> 0, 0);
  c[4] = suffix;
  return c;
}

export function hmacSha1(key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac('sha1', key).update(data).digest();
}

function equalMac(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** DR then DK for AES (RFC 3961 5.1; random-to-key is the identity for AES, RFC 3962 6). */
export function aesDeriveKey(key: Uint8Array, constant: Uint8Array): Buffer {
  const out: Buffer[] = [];
  let block = nfold(constant, 16);
  let have = 0;
  while (have < key.length) {
    block = aesEncryptBlock(key, block);
    out.push(block);
    have += block.length;
  }
  return Buffer.concat(out).subarray(0, key.length);
}

export const AES_HMAC_LENGTH = 12;
export const AES_CONFOUNDER = 16;
const DEFAULT_ITERATIONS = 4096;

function aesProfile(etype: EncryptionType, keyLength: number, checksumType: number, name: string): EncryptionProfile {
  return {
    etype,
    name,
    keyLength,
    checksumType,
    stringToKey(password, salt, params) {
      let iterations = DEFAULT_ITERATIONS;
      if (params !== undefined && params.length > 0) {
        if (params.length !== 4) throw new RangeError(`${name}: s2kparams of ${params.length} bytes`);
        iterations = Buffer.from(params).readUInt32BE(0);
        if (iterations === 0 || iterations > 1_000_000) throw new RangeError(`${name}: ${iterations} iterations`);
      }
      const tkey = pbkdf2Sync(Buffer.from(password, 'utf8'), Buffer.from(salt, 'utf8'), iterations, keyLength, 'sha1');
      return aesDeriveKey(tkey, Buffer.from('kerberos'));
    },
    encrypt(key, usage, plaintext, confounder = randomBytes(AES_CONFOUNDER)) {
      const ke = aesDeriveKey(key, usageConstant(usage, 0xaa));
      const ki = aesDeriveKey(key, usageConstant(usage, 0x55));
      const data = Buffer.concat([confounder, plaintext]);
      return Buffer.concat([ctsEncrypt(ke, data), hmacSha1(ki, data).subarray(0, AES_HMAC_LENGTH)]);
    },
    decrypt(key, usage, ciphertext) {
      if (ciphertext.length < AES_CONFOUNDER + AES_HMAC_LENGTH)
        throw new KerberosIntegrityError(`${name}: ciphertext of ${ciphertext.length} bytes is too short`);
      const ke = aesDeriveKey(key, usageConstant(usage, 0xaa));
      const ki = aesDeriveKey(key, usageConstant(usage, 0x55));
      const split = ciphertext.length - AES_HMAC_LENGTH;
      const data = ctsDecrypt(ke, ciphertext.subarray(0, split));
      const mac = hmacSha1(ki, data).subarray(0, AES_HMAC_LENGTH);
      if (!equalMac(mac, Buffer.from(ciphertext.subarray(split))))
        throw new KerberosIntegrityError(`${name}: integrity check failed (usage ${usage})`);
      return data.subarray(AES_CONFOUNDER);
    },
    checksum(key, usage, data) {
      return hmacSha1(aesDeriveKey(key, usageConstant(usage, 0x99)), data).subarray(0, AES_HMAC_LENGTH);
    },
    randomKey: () => randomBytes(keyLength),
  };
}

// RFC 4757 3: the usage numbers RC4-HMAC uses in place of RFC 4120's.
function rc4Usage(usage: number): Buffer {
  const mapped = usage === 3 ? 8 : usage === 9 ? 8 : usage === 23 ? 13 : usage;
  const b = Buffer.alloc(4);
  b.writeUInt32LE(mapped >>> 0, 0);
  return b;
}

function hmacMd5(key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac('md5', key).update(data).digest();
}

const RC4_CONFOUNDER = 8;

const rc4Profile: EncryptionProfile = {
  etype: EncryptionType.RC4_HMAC,
  name: 'rc4-hmac',
  keyLength: 16,
  checksumType: ChecksumType.HMAC_MD5,
  stringToKey: (password) => md4(Buffer.from(password, 'utf16le')),
  encrypt(key, usage, plaintext, confounder = randomBytes(RC4_CONFOUNDER)) {
    const k1 = hmacMd5(key, rc4Usage(usage));
    const data = Buffer.concat([confounder, plaintext]);
    const checksum = hmacMd5(k1, data);
    return Buffer.concat([checksum, rc4k(hmacMd5(k1, checksum), data)]);
  },
  decrypt(key, usage, ciphertext) {
    if (ciphertext.length < 16 + RC4_CONFOUNDER)
      throw new KerberosIntegrityError(`rc4-hmac: ciphertext of ${ciphertext.length} bytes is too short`);
    const k1 = hmacMd5(key, rc4Usage(usage));
    const checksum = Buffer.from(ciphertext.subarray(0, 16));
    const data = rc4k(hmacMd5(k1, checksum), ciphertext.subarray(16));
    if (!equalMac(hmacMd5(k1, data), checksum))
      throw new KerberosIntegrityError(`rc4-hmac: integrity check failed (usage ${usage})`);
    return data.subarray(RC4_CONFOUNDER);
  },
  checksum(key, usage, data) {
    const ksign = hmacMd5(key, Buffer.from('signaturekey\0', 'latin1'));
    const digest = createHash('md5').update(rc4Usage(usage)).update(data).digest();
    return hmacMd5(ksign, digest);
  },
  randomKey: () => randomBytes(16),
};

const profiles = new Map<number, EncryptionProfile>([
  [
    EncryptionType.AES256_CTS_HMAC_SHA1_96,
    aesProfile(EncryptionType.AES256_CTS_HMAC_SHA1_96, 32, ChecksumType.HMAC_SHA1_96_AES256, 'aes256-cts-hmac-sha1-96'),
  ],
  [
    EncryptionType.AES128_CTS_HMAC_SHA1_96,
    aesProfile(EncryptionType.AES128_CTS_HMAC_SHA1_96, 16, ChecksumType.HMAC_SHA1_96_AES128, 'aes128-cts-hmac-sha1-96'),
  ],
  [EncryptionType.RC4_HMAC, rc4Profile],
]);

/** Our preference order, strongest first (what we ask the KDC for). */
export const SUPPORTED_ENCTYPES: readonly EncryptionType[] = [
  EncryptionType.AES256_CTS_HMAC_SHA1_96,
  EncryptionType.AES128_CTS_HMAC_SHA1_96,
  EncryptionType.RC4_HMAC,
];

export function encryptionProfile(etype: number): EncryptionProfile | undefined {
  return profiles.get(etype);
}

/** The profile whose checksum type is `cksumtype` (a keyed checksum of one of our enctypes). */
export function checksumProfile(cksumtype: number): EncryptionProfile | undefined {
  for (const p of profiles.values()) if (p.checksumType === cksumtype) return p;
  return undefined;
}

export function enctypeName(etype: number): string {
  return profiles.get(etype)?.name ?? `enctype ${etype}`;
}
