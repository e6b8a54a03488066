/**
 * SMB2 message signing — [MS-SMB2] 3.1.4.1 (signing), 3.2.5.1.3 / 3.3.5.2.4 (verifying).
 *
 *   SMB2 header: 0 ProtocolId 0xFE 'SMB' | 4 StructureSize 64 | 6 CreditCharge | 8 Status
 *                12 Command | 14 Credit | 16 Flags | 20 NextCommand | 24 MessageId | 32 AsyncId/Reserved+TreeId
 *                40 SessionId | 48 Signature[16] | 64 body
 *   Signing: set SMB2_FLAGS_SIGNED, zero Signature, MAC the whole message (one compound member,
 *   with its padding), store the first 16 bytes of the MAC in Signature.
 *   2.0.2 / 2.1: HMAC-SHA256(SigningKey); 3.x: AES-128-CMAC(SigningKey); 3.1.1 with
 *   SIGNING_CAPABILITIES may negotiate AES-128-GMAC (nonce = MessageId || role/cancel bits).
 */
import { createCipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { aesCmac } from './aes-cmac';
import { type Smb2Dialect, isSmb3 } from './keys';

export const SMB2_HEADER_SIZE = 64;
export const SMB2_FLAGS_SERVER_TO_REDIR = 0x00000001;
export const SMB2_FLAGS_SIGNED = 0x00000008;
export const SMB2_FLAGS_RELATED_OPERATIONS = 0x00000004;
const FLAGS_OFFSET = 16;
const COMMAND_OFFSET = 12;
const MESSAGE_ID_OFFSET = 24;
const SIGNATURE_OFFSET = 48;
const SIGNATURE_SIZE = 16;
const SMB2_CANCEL = 0x000c;

// [MS-SMB2] 2.2.3.1.7 SIGNING_CAPABILITIES SigningAlgorithms.
export const SigningAlgorithm = {
  HMAC_SHA256: 0x0000,
  AES_CMAC: 0x0001,
  AES_GMAC: 0x0002,
} as const;
export type SigningAlgorithm = (typeof SigningAlgorithm)[keyof typeof SigningAlgorithm];

/** The algorithm a dialect uses when SIGNING_CAPABILITIES negotiated nothing else. */
export function defaultSigningAlgorithm(dialect: Smb2Dialect): SigningAlgorithm {
  return isSmb3(dialect) ? SigningAlgorithm.AES_CMAC : SigningAlgorithm.HMAC_SHA256;
}

/** AES-128-GMAC: AES-GCM with the message as additional data and nothing to encrypt. */
function aesGmac(key: Buffer, message: Buffer): Buffer {
  const nonce = Buffer.alloc(12);
  message.copy(nonce, 0, MESSAGE_ID_OFFSET, MESSAGE_ID_OFFSET + 8);
  const flags = message.readUInt32LE(FLAGS_OFFSET);
  let role = flags & SMB2_FLAGS_SERVER_TO_REDIR ? 1 : 0;
  if (message.readUInt16LE(COMMAND_OFFSET) === SMB2_CANCEL) role |= 2;
  nonce.writeUInt32LE(role, 8);
  const gcm = createCipheriv('aes-128-gcm', key, nonce);
  gcm.setAAD(message);
  gcm.final();
  return gcm.getAuthTag();
}

function mac(algorithm: SigningAlgorithm, key: Buffer, message: Buffer): Buffer {
  switch (algorithm) {
    case SigningAlgorithm.HMAC_SHA256:
      return createHmac('sha256', key).update(message).digest().subarray(0, SIGNATURE_SIZE);
    case SigningAlgorithm.AES_CMAC:
      return aesCmac(key, message);
    case SigningAlgorithm.AES_GMAC:
      return aesGmac(key, message);
  }
}

function checkMessage(message: Buffer): void {
  if (message.length < SMB2_HEADER_SIZE)
    throw new RangeError(`an SMB2 message has at least ${SMB2_HEADER_SIZE} bytes, got ${message.length}`);
}

/** Signs one SMB2 message in place. `algorithm` defaults to the dialect's (HMAC-SHA256 or AES-CMAC). */
export function signSmb2Message(
  dialect: Smb2Dialect,
  signingKey: Buffer,
  message: Buffer,
  algorithm: SigningAlgorithm = defaultSigningAlgorithm(dialect),
): void {
  checkMessage(message);
  message.writeUInt32LE((message.readUInt32LE(FLAGS_OFFSET) | SMB2_FLAGS_SIGNED) >>> 0, FLAGS_OFFSET);
  message.fill(0, SIGNATURE_OFFSET, SIGNATURE_OFFSET + SIGNATURE_SIZE);
  mac(algorithm, signingKey, message).copy(message, SIGNATURE_OFFSET);
}

/** Checks the signature of one SMB2 message; the caller's buffer is left as it was. */
export function verifySmb2Message(
  dialect: Smb2Dialect,
  signingKey: Buffer,
  message: Buffer,
  algorithm: SigningAlgorithm = defaultSigningAlgorithm(dialect),
): boolean {
  if (message.length < SMB2_HEADER_SIZE) return false;
  const received = Buffer.from(message.subarray(SIGNATURE_OFFSET, SIGNATURE_OFFSET + SIGNATURE_SIZE));
  // The MAC runs over the message with its Signature zeroed: zeroed in place and put back, not a
  // copy of the message (an 8 MiB READ response would otherwise be copied once more per verify).
  message.fill(0, SIGNATURE_OFFSET, SIGNATURE_OFFSET + SIGNATURE_SIZE);
  try {
    return timingSafeEqual(mac(algorithm, signingKey, message), received);
  } finally {
    received.copy(message, SIGNATURE_OFFSET);
  }
}

/** Whether SMB2_FLAGS_SIGNED is set in a message's header. */
export function isSmb2MessageSigned(message: Buffer): boolean {
  return message.length >= SMB2_HEADER_SIZE && (message.readUInt32LE(FLAGS_OFFSET) & SMB2_FLAGS_SIGNED) !== 0;
}
