/**
 * SMB2 session keys — [MS-SMB2] 3.1.4.2 (SP800-108 counter-mode KDF with HMAC-SHA256),
 * 3.2.5.3.1 / 3.3.5.5.3 (which label and context each dialect uses), 3.2.5.2 and 3.3.5.4
 * (the 3.1.1 pre-authentication integrity hash: SHA-512 chained over NEGOTIATE and
 * SESSION_SETUP messages, starting from 64 zero bytes).
 *
 *   KDF(Ki, Label, Context) = HMAC-SHA256(Ki, i=1 (u32 BE) || Label || 0x00 || Context || L (u32 BE))[0 .. L/8]
 *   The labels below already end in NUL, so two zero bytes separate label and context.
 *
 *   dialect      signing key                               encryption (server in / server out)          application key
 *   2.0.2, 2.1   SessionKey                                -                                            -
 *   3.0, 3.0.2   KDF("SMB2AESCMAC\0", "SmbSign\0")          KDF("SMB2AESCCM\0", "ServerIn \0" / "ServerOut\0")  KDF("SMB2APP\0", "SmbRpc\0")
 *   3.1.1        KDF("SMBSigningKey\0", PreauthHash)        KDF("SMBC2SCipherKey\0" / "SMBS2CCipherKey\0", PreauthHash)  KDF("SMBAppKey\0", PreauthHash)
 *
 * Ki is the first 16 bytes of the session key (zero-padded), and L is 128 — except for the cipher
 * keys of AES-256-CCM and AES-256-GCM (3.1.1 only), where Ki is the whole session key
 * (Session.FullSessionKey, 3.3.5.5.3) and L is 256: 32-byte keys.
 */
import { createHash, createHmac } from 'node:crypto';
import { Smb2Cipher } from './encryption';

export type Smb2Dialect = 0x0202 | 0x0210 | 0x0300 | 0x0302 | 0x0311;

export const SMB2_DIALECT = {
  SMB2_DIALECT_202: 0x0202,
  SMB2_DIALECT_210: 0x0210,
  SMB2_DIALECT_300: 0x0300,
  SMB2_DIALECT_302: 0x0302,
  SMB2_DIALECT_311: 0x0311,
} as const;

const z = (s: string): Buffer => Buffer.from(`${s}\0`, 'latin1');

export const KDF_LABELS = {
  SMB30_SIGNING_LABEL: z('SMB2AESCMAC'),
  SMB30_SIGNING_CONTEXT: z('SmbSign'),
  SMB30_ENCRYPTION_LABEL: z('SMB2AESCCM'),
  SMB30_SERVER_IN_CONTEXT: z('ServerIn '),
  SMB30_SERVER_OUT_CONTEXT: z('ServerOut'),
  SMB30_APPLICATION_LABEL: z('SMB2APP'),
  SMB30_APPLICATION_CONTEXT: z('SmbRpc'),
  SMB311_SIGNING_LABEL: z('SMBSigningKey'),
  SMB311_C2S_CIPHER_LABEL: z('SMBC2SCipherKey'),
  SMB311_S2C_CIPHER_LABEL: z('SMBS2CCipherKey'),
  SMB311_APPLICATION_LABEL: z('SMBAppKey'),
} as const;

/** SP800-108 counter mode, PRF HMAC-SHA256, r = 32 ([MS-SMB2] 3.1.4.2). `bits` is 128 or 256. */
export function smb3Kdf(key: Uint8Array, label: Uint8Array, context: Uint8Array, bits: 128 | 256 = 128): Buffer {
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(1);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bits);
  return createHmac('sha256', key)
    .update(counter)
    .update(label)
    .update(Buffer.alloc(1))
    .update(context)
    .update(length)
    .digest()
    .subarray(0, bits / 8);
}

export function isSmb3(dialect: Smb2Dialect): boolean {
  return dialect >= 0x0300;
}

/** SMB2 uses the first 16 bytes of the GSS session key ([MS-SMB2] 3.3.5.5.3), zero-padded if shorter. */
function sessionKey16(sessionKey: Buffer): Buffer {
  const k = Buffer.alloc(16);
  k.set(sessionKey.subarray(0, 16));
  return k;
}

/** Session.FullSessionKey: the GSS session key as it is, or 16 zero-padded bytes when shorter. */
function fullSessionKey(sessionKey: Buffer): Buffer {
  return sessionKey.length >= 16 ? Buffer.from(sessionKey) : sessionKey16(sessionKey);
}

function needPreauth(preauthHash: Buffer | undefined): Buffer {
  if (!preauthHash || preauthHash.length !== 64)
    throw new RangeError('SMB 3.1.1 keys need the 64-byte pre-authentication hash');
  return preauthHash;
}

export function deriveSigningKey(dialect: Smb2Dialect, sessionKey: Buffer, preauthHash?: Buffer): Buffer {
  const key = sessionKey16(sessionKey);
  if (dialect === 0x0311) return smb3Kdf(key, KDF_LABELS.SMB311_SIGNING_LABEL, needPreauth(preauthHash));
  if (isSmb3(dialect)) return smb3Kdf(key, KDF_LABELS.SMB30_SIGNING_LABEL, KDF_LABELS.SMB30_SIGNING_CONTEXT);
  return key;
}

/** Whether `cipher` takes 256-bit keys ([MS-SMB2] 3.1.4.2: L = 256 and the full session key). */
export function isAes256(cipher: Smb2Cipher | undefined): boolean {
  return cipher === Smb2Cipher.AES_256_CCM || cipher === Smb2Cipher.AES_256_GCM;
}

/**
 * The two cipher keys: serverIn protects client-to-server traffic (the server decrypts with it,
 * the client encrypts), serverOut protects server-to-client traffic. 16 bytes, or 32 for the
 * AES-256 ciphers a 3.1.1 connection negotiated (`cipher`).
 */
export function deriveEncryptionKeys(
  dialect: Smb2Dialect,
  sessionKey: Buffer,
  preauthHash?: Buffer,
  cipher?: Smb2Cipher,
): { readonly serverIn: Buffer; readonly serverOut: Buffer } {
  if (!isSmb3(dialect)) throw new RangeError(`dialect 0x${dialect.toString(16)} has no encryption`);
  if (dialect === 0x0311) {
    const ctx = needPreauth(preauthHash);
    const wide = isAes256(cipher);
    // AES-256 derives from the full session key (a Kerberos key may be 32 bytes); AES-128 from its first 16.
    const key = wide ? fullSessionKey(sessionKey) : sessionKey16(sessionKey);
    const bits = wide ? 256 : 128;
    return {
      serverIn: smb3Kdf(key, KDF_LABELS.SMB311_C2S_CIPHER_LABEL, ctx, bits),
      serverOut: smb3Kdf(key, KDF_LABELS.SMB311_S2C_CIPHER_LABEL, ctx, bits),
    };
  }
  if (isAes256(cipher)) throw new RangeError('AES-256 ciphers are negotiated in SMB 3.1.1 only');
  const key = sessionKey16(sessionKey);
  return {
    serverIn: smb3Kdf(key, KDF_LABELS.SMB30_ENCRYPTION_LABEL, KDF_LABELS.SMB30_SERVER_IN_CONTEXT),
    serverOut: smb3Kdf(key, KDF_LABELS.SMB30_ENCRYPTION_LABEL, KDF_LABELS.SMB30_SERVER_OUT_CONTEXT),
  };
}

/** The application key (e.g. what an RPC layer would use); not needed by SMB2 itself. */
export function deriveApplicationKey(dialect: Smb2Dialect, sessionKey: Buffer, preauthHash?: Buffer): Buffer {
  const key = sessionKey16(sessionKey);
  if (dialect === 0x0311) return smb3Kdf(key, KDF_LABELS.SMB311_APPLICATION_LABEL, needPreauth(preauthHash));
  if (isSmb3(dialect)) return smb3Kdf(key, KDF_LABELS.SMB30_APPLICATION_LABEL, KDF_LABELS.SMB30_APPLICATION_CONTEXT);
  return key;
}

/**
 * Connection.PreauthIntegrityHashValue / Session.PreauthIntegrityHashValue ([MS-SMB2] 3.2.5.2,
 * 3.3.5.4, SHA-512 only): value = SHA-512(value || message). The connection's chain covers
 * NEGOTIATE request and response; each session forks it at its first SESSION_SETUP and then
 * adds every SESSION_SETUP request and every non-final response.
 */
export class PreauthIntegrity {
  private hash: Buffer;

  constructor(initial?: Buffer) {
    if (initial !== undefined && initial.length !== 64)
      throw new RangeError('a SHA-512 pre-authentication hash has 64 bytes');
    this.hash = initial ? Buffer.from(initial) : Buffer.alloc(64);
  }

  update(message: Buffer): void {
    this.hash = createHash('sha512').update(this.hash).update(message).digest();
  }

  get value(): Buffer {
    return Buffer.from(this.hash);
  }

  /** An independent chain starting from the current value (a session forking the connection's). */
  fork(): PreauthIntegrity {
    return new PreauthIntegrity(this.hash);
  }
}
