/**
 * SMB 3.x message encryption — [MS-SMB2] 2.2.41 (SMB2 TRANSFORM_HEADER), 3.1.4.3 (encrypting),
 * 3.2.5.1.1 / 3.3.5.2.1.1 (decrypting). AES-CCM and AES-GCM come from node:crypto.
 *
 *   TRANSFORM_HEADER (52 bytes)
 *     0 ProtocolId 0xFD 'S' 'M' 'B' | 4 Signature[16] (the AEAD tag) | 20 Nonce[16]
 *     (CCM uses the first 11 bytes, GCM the first 12; the rest is reserved)
 *     36 OriginalMessageSize u32 | 40 Reserved u16 | 42 Flags u16 (0x0001 Encrypted; in 3.0/3.0.2
 *     the same field is EncryptionAlgorithm = 0x0001 AES-128-CCM) | 44 SessionId u64 | 52 ciphertext
 *   The additional authenticated data is the header from Nonce to the end (bytes 20..52).
 */
import {
  createCipheriv,
  createDecipheriv,
  randomBytes as cryptoRandomBytes,
  type CipherGCM,
  type DecipherGCM,
} from 'node:crypto';
import { BufferReader } from '../../common/binary/buffer-reader';
import { MalformedPacketError, NtStatusError } from '../../common/errors';
import { NtStatus } from '../../common/status/ntstatus';

export const SMB2_TRANSFORM_PROTOCOL_ID = Buffer.from([0xfd, 0x53, 0x4d, 0x42]);
export const SMB2_TRANSFORM_HEADER_SIZE = 52;
export const SMB2_TRANSFORM_FLAG_ENCRYPTED = 0x0001;
const SIGNATURE_OFFSET = 4;
const NONCE_OFFSET = 20;
const AAD_OFFSET = NONCE_OFFSET;

// [MS-SMB2] 2.2.3.1.2 Ciphers.
export const Smb2Cipher = {
  AES_128_CCM: 0x0001,
  AES_128_GCM: 0x0002,
  AES_256_CCM: 0x0003,
  AES_256_GCM: 0x0004,
} as const;
export type Smb2Cipher = (typeof Smb2Cipher)[keyof typeof Smb2Cipher];

/** "AES_256_GCM" for 0x0004, for logs. */
export function smb2CipherName(cipher: number): string {
  return Object.entries(Smb2Cipher).find(([, v]) => v === cipher)?.[0] ?? `0x${cipher.toString(16).padStart(4, '0')}`;
}

interface CipherParams {
  readonly mode: 'ccm' | 'gcm';
  readonly keyLength: 16 | 32;
  readonly nonceLength: 11 | 12;
}

function params(cipher: Smb2Cipher): CipherParams {
  switch (cipher) {
    case Smb2Cipher.AES_128_CCM:
      return { mode: 'ccm', keyLength: 16, nonceLength: 11 };
    case Smb2Cipher.AES_128_GCM:
      return { mode: 'gcm', keyLength: 16, nonceLength: 12 };
    case Smb2Cipher.AES_256_CCM:
      return { mode: 'ccm', keyLength: 32, nonceLength: 11 };
    case Smb2Cipher.AES_256_GCM:
      return { mode: 'gcm', keyLength: 32, nonceLength: 12 };
  }
}

function algorithm(p: CipherParams): `aes-${128 | 256}-${'ccm' | 'gcm'}` {
  return `aes-${p.keyLength === 16 ? 128 : 256}-${p.mode}`;
}

function checkKey(p: CipherParams, key: Buffer): void {
  if (key.length !== p.keyLength)
    throw new RangeError(`${algorithm(p)} needs a ${p.keyLength}-byte key, got ${key.length}`);
}

export interface TransformHeader {
  readonly signature: Buffer;
  readonly nonce: Buffer;
  readonly originalMessageSize: number;
  readonly flags: number;
  readonly sessionId: bigint;
}

export function isTransformMessage(message: Buffer): boolean {
  return message.length >= 4 && message.subarray(0, 4).equals(SMB2_TRANSFORM_PROTOCOL_ID);
}

/** Reads the TRANSFORM_HEADER (to find the session, hence the key, before decrypting). */
export function decodeTransformHeader(message: Buffer): TransformHeader {
  const r = new BufferReader(message);
  const protocolId = r.bytes(4, 'ProtocolId');
  if (!protocolId.equals(SMB2_TRANSFORM_PROTOCOL_ID))
    throw new MalformedPacketError('not an SMB2 TRANSFORM_HEADER', { offset: 0, field: 'ProtocolId' });
  const signature = Buffer.from(r.bytes(16, 'Signature'));
  const nonce = Buffer.from(r.bytes(16, 'Nonce'));
  const originalMessageSize = r.u32('OriginalMessageSize');
  r.skip(2, 'Reserved');
  const flags = r.u16('Flags');
  const sessionId = r.u64('SessionId');
  return { signature, nonce, originalMessageSize, flags, sessionId };
}

/** An encrypted message in its two parts: the 52-byte TRANSFORM_HEADER, then the ciphertext. */
export interface EncryptedParts {
  readonly header: Buffer;
  readonly ciphertext: Buffer;
}

/**
 * Wraps one SMB2 message (or a whole compound chain) in a TRANSFORM_HEADER. `nonce` (for tests)
 * is the cipher's 11 or 12 bytes, or the whole 16-byte field; by default it is random.
 */
export function encryptMessage(
  cipher: Smb2Cipher,
  key: Buffer,
  sessionId: bigint,
  message: Buffer,
  nonce?: Buffer,
  randomBytes: (n: number) => Buffer = cryptoRandomBytes,
): Buffer {
  const { header, ciphertext } = encryptMessageParts(cipher, key, sessionId, message, nonce, randomBytes);
  return Buffer.concat([header, ciphertext]);
}

/** AES-GCM goes through node:crypto in slices of this size when sealed into a caller's buffer. */
export const GCM_SLICE_SIZE = 64 * 1024;

/**
 * encryptMessage without joining the parts: the data goes once through node:crypto and is not
 * copied again (a sender writes the header and the ciphertext with one writev).
 *
 * With `into` (at least as long as the message), an AES-GCM ciphertext is written there: the
 * message goes through update() in GCM_SLICE_SIZE slices, each slice's output (a small buffer
 * still in cache) copied into place. Node's update() always answers a new buffer, and a new
 * 8 MiB buffer per READ response made V8 run a full collection every few responses (external
 * memory pressure); a pooled `into` is reused instead. CCM takes one update() (node's CCM allows
 * no more) and ignores `into`. The ciphertext answered is a view of `into` when it was used.
 */
export function encryptMessageParts(
  cipher: Smb2Cipher,
  key: Buffer,
  sessionId: bigint,
  message: Buffer,
  nonce?: Buffer,
  randomBytes: (n: number) => Buffer = cryptoRandomBytes,
  into?: Buffer,
): EncryptedParts {
  const p = params(cipher);
  const { header, iv, aad } = sealingHeader(cipher, key, sessionId, message.length, nonce, randomBytes);
  let ciphertext: Buffer;
  let tag: Buffer;
  if (p.mode === 'ccm') {
    const c = createCipheriv(algorithm(p) as 'aes-128-ccm', key, iv, { authTagLength: 16 });
    c.setAAD(aad, { plaintextLength: message.length });
    ciphertext = joined(c.update(message), c.final());
    tag = c.getAuthTag();
  } else {
    const c = createCipheriv(algorithm(p) as 'aes-128-gcm', key, iv, { authTagLength: 16 });
    c.setAAD(aad);
    if (into !== undefined && into.length >= message.length)
      ciphertext = gcmSliced(c, message, into.subarray(0, message.length));
    else ciphertext = joined(c.update(message), c.final());
    tag = c.getAuthTag();
  }
  setSignature(header, tag);
  return { header, ciphertext };
}

/**
 * AES-GCM through `c` in GCM_SLICE_SIZE slices, each slice's output copied to `output` (as long as
 * `input`; it may be `input` itself: a slice is written only where its input was read), then
 * final() (which checks the tag when decrypting). Answers `output`.
 */
function gcmSliced(c: CipherGCM | DecipherGCM, input: Buffer, output: Buffer): Buffer {
  let at = 0;
  for (let from = 0; from < input.length; from += GCM_SLICE_SIZE)
    at += c.update(input.subarray(from, from + GCM_SLICE_SIZE)).copy(output, at);
  // GCM is a counter mode: final() has nothing left to write.
  at += c.final().copy(output, at);
  if (at !== input.length) throw new RangeError(`AES-GCM wrote ${at} of ${input.length} bytes`);
  return output;
}

/** Writes the AEAD tag into a TRANSFORM_HEADER's Signature. */
export function setSignature(header: Buffer, tag: Buffer): void {
  if (tag.length !== 16) throw new RangeError(`a ${tag.length}-byte tag`);
  tag.copy(header, SIGNATURE_OFFSET);
}

/** A TRANSFORM_HEADER being sealed: the header (its Signature still zero), the cipher's IV and the AAD. */
export interface SealingHeader {
  /** node:crypto's name of the cipher ("aes-128-gcm"). */
  readonly algorithm: string;
  readonly header: Buffer;
  readonly iv: Buffer;
  /** The header from Nonce to the end: a view of `header`. */
  readonly aad: Buffer;
}

/**
 * Builds the TRANSFORM_HEADER of a message of `length` bytes ([MS-SMB2] 2.2.41), once: the AEAD
 * tag is written into it when known. Checks the key and the nonce for the cipher.
 */
export function sealingHeader(
  cipher: Smb2Cipher,
  key: Buffer,
  sessionId: bigint,
  length: number,
  nonce?: Buffer,
  randomBytes: (n: number) => Buffer = cryptoRandomBytes,
): SealingHeader {
  const p = params(cipher);
  checkKey(p, key);
  const n = nonce ?? randomBytes(p.nonceLength);
  if (n.length !== p.nonceLength && n.length !== 16)
    throw new RangeError(`nonce of ${n.length} bytes for ${algorithm(p)}`);
  const header = Buffer.alloc(SMB2_TRANSFORM_HEADER_SIZE);
  SMB2_TRANSFORM_PROTOCOL_ID.copy(header, 0);
  // The cipher's 11 or 12 bytes (the rest of the 16-byte field is reserved: zero), or all 16.
  n.copy(header, NONCE_OFFSET);
  header.writeUInt32LE(length, 36);
  header.writeUInt16LE(SMB2_TRANSFORM_FLAG_ENCRYPTED, 42);
  header.writeBigUInt64LE(sessionId, 44);
  return {
    algorithm: algorithm(p),
    header,
    iv: header.subarray(NONCE_OFFSET, NONCE_OFFSET + p.nonceLength),
    aad: header.subarray(AAD_OFFSET),
  };
}

/** update() then final(): CCM and GCM are counter modes, final() has nothing left, so no copy. */
function joined(body: Buffer, rest: Buffer): Buffer {
  return rest.length === 0 ? body : Buffer.concat([body, rest]);
}

export interface DecryptOptions {
  /**
   * AES-GCM: the plaintext overwrites the ciphertext in `transformed` (the message answered is a
   * view of it), instead of filling a new buffer per message. A message that fails to
   * authenticate leaves `transformed` overwritten. CCM ignores it (node's CCM takes one update()).
   */
  readonly inPlace?: boolean;
}

/** A TRANSFORM_HEADER message checked and taken apart for decrypting, its ciphertext not yet touched. */
export interface OpeningMessage {
  /** node:crypto's name of the cipher ("aes-128-gcm"). */
  readonly algorithm: string;
  readonly mode: 'ccm' | 'gcm';
  readonly sessionId: bigint;
  readonly iv: Buffer;
  /** The header from Nonce to the end: a view of the message. */
  readonly aad: Buffer;
  /** The AEAD tag (Signature). */
  readonly tag: Buffer;
  /** A view of the message after the 52-byte header. */
  readonly ciphertext: Buffer;
}

/**
 * Checks a TRANSFORM_HEADER message before decrypting it ([MS-SMB2] 3.2.5.1.1, 3.3.5.2.1.1):
 * the key's length for the cipher (RangeError), then Flags and OriginalMessageSize
 * (MalformedPacketError). Decrypting on the calling thread or on a worker starts here.
 */
export function openingMessage(cipher: Smb2Cipher, key: Buffer, transformed: Buffer): OpeningMessage {
  const p = params(cipher);
  checkKey(p, key);
  const header = decodeTransformHeader(transformed);
  if (header.flags !== SMB2_TRANSFORM_FLAG_ENCRYPTED) {
    throw new MalformedPacketError(`TRANSFORM_HEADER Flags 0x${header.flags.toString(16)}`, {
      offset: 42,
      field: 'Flags',
    });
  }
  const ciphertext = transformed.subarray(SMB2_TRANSFORM_HEADER_SIZE);
  if (ciphertext.length !== header.originalMessageSize) {
    throw new MalformedPacketError(
      `OriginalMessageSize ${header.originalMessageSize} but ${ciphertext.length} bytes follow`,
      {
        offset: 36,
        field: 'OriginalMessageSize',
      },
    );
  }
  return {
    algorithm: algorithm(p),
    mode: p.mode,
    sessionId: header.sessionId,
    iv: header.nonce.subarray(0, p.nonceLength),
    aad: transformed.subarray(AAD_OFFSET, SMB2_TRANSFORM_HEADER_SIZE),
    tag: header.signature,
    ciphertext,
  };
}

/** What a message that does not decrypt becomes, wherever it was decrypted; the caller drops the connection. */
export function notAuthenticated(cause: unknown): NtStatusError {
  return new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, 'SMB3 message failed to decrypt (bad key or tampered data)', {
    cause,
  });
}

/**
 * Unwraps a TRANSFORM_HEADER message. Malformed headers throw MalformedPacketError; a message
 * that does not authenticate throws NtStatusError(STATUS_ACCESS_DENIED) — the caller drops the
 * connection ([MS-SMB2] 3.3.5.2.1.1).
 */
export function decryptMessage(
  cipher: Smb2Cipher,
  key: Buffer,
  transformed: Buffer,
  options: DecryptOptions = {},
): { readonly sessionId: bigint; readonly message: Buffer } {
  const { algorithm: name, mode, sessionId, iv, aad, tag, ciphertext } = openingMessage(cipher, key, transformed);
  try {
    let message: Buffer;
    if (mode === 'ccm') {
      const d = createDecipheriv(name as 'aes-128-ccm', key, iv, { authTagLength: 16 });
      d.setAuthTag(tag);
      d.setAAD(aad, { plaintextLength: ciphertext.length });
      message = joined(d.update(ciphertext), d.final());
    } else {
      const d = createDecipheriv(name as 'aes-128-gcm', key, iv, { authTagLength: 16 });
      d.setAuthTag(tag);
      d.setAAD(aad);
      message = options.inPlace ? gcmSliced(d, ciphertext, ciphertext) : joined(d.update(ciphertext), d.final());
    }
    return { sessionId, message };
  } catch (e) {
    throw notAuthenticated(e);
  }
}

/**
 * Decrypts a TRANSFORM_HEADER message with the key of the session it names: `keyFor` answers the
 * key that protects that session's messages in this direction, or undefined when it has none. A
 * malformed header throws MalformedPacketError; a session without keys, or a message that does not
 * authenticate, NtStatusError(STATUS_ACCESS_DENIED). Server and client both unwrap through here.
 */
export function decryptForSession(
  cipher: Smb2Cipher,
  keyFor: (sessionId: bigint) => Buffer | undefined,
  transformed: Buffer,
  options: DecryptOptions = {},
): { readonly sessionId: bigint; readonly message: Buffer } {
  return decryptMessage(cipher, sessionKeyFor(keyFor, transformed), transformed, options);
}

/**
 * The key of the session a TRANSFORM_HEADER message names (`keyFor` answers it, or undefined when
 * the session has none: NtStatusError(STATUS_ACCESS_DENIED)). A malformed header throws
 * MalformedPacketError.
 */
export function sessionKeyFor(keyFor: (sessionId: bigint) => Buffer | undefined, transformed: Buffer): Buffer {
  const { sessionId } = decodeTransformHeader(transformed);
  const key = keyFor(sessionId);
  if (key === undefined)
    throw new NtStatusError(
      NtStatus.STATUS_ACCESS_DENIED,
      `encrypted message for session 0x${sessionId.toString(16)} without keys`,
    );
  return key;
}
