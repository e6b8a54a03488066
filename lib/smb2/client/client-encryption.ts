/**
 * The client's side of SMB 3.x encryption — [MS-SMB2] 3.2.4.1.8 (encrypting a request: the whole
 * message or compound goes in one TRANSFORM_HEADER, sealed with the session's EncryptionKey, the
 * ServerIn key, and is not signed), 3.2.5.1.1 (decrypting a response with the DecryptionKey, the
 * ServerOut key; a response to an encrypted request must come encrypted). The cryptography, the
 * TRANSFORM_HEADER and the key lookup are lib/smb2/signing/encryption.ts, shared with the server.
 *
 * A session encrypts everything once it is set up when the client requires it or the server set
 * SMB2_SESSION_FLAG_ENCRYPT_DATA (3.2.5.3.1); otherwise only the requests of a tree whose share
 * has SMB2_SHAREFLAG_ENCRYPT_DATA (3.2.5.5).
 */
import { NBSS_SESSION_MESSAGE, type Frame } from '../framing';
import type { EncryptedParts } from '../signing/encryption';
import {
  Smb2Cipher,
  decryptForSession,
  encryptMessageParts,
  isTransformMessage,
  sessionKeyFor,
} from '../signing/encryption';
import { deriveEncryptionKeys, type Smb2Dialect } from '../signing/keys';
import { openOnWorker } from '../signing/seal-workers';
import { Smb2ProtocolError } from './client-errors';

export interface SessionEncryption {
  readonly cipher: Smb2Cipher;
  /** ServerInKey: what the client seals its requests with. */
  readonly encryptionKey: Buffer;
  /** ServerOutKey: what the server seals its responses with. */
  readonly decryptionKey: Buffer;
  /** Session.EncryptData: every request of the session, not only those of encrypting trees. */
  readonly encryptAll: boolean;
}

/** The request's TRANSFORM_HEADER and ciphertext (written with one writev, not joined). */
export function encryptRequest(e: SessionEncryption, sessionId: bigint, message: Buffer): EncryptedParts {
  return encryptMessageParts(e.cipher, e.encryptionKey, sessionId, message);
}

export { isTransformMessage };

type Opened = { readonly sessionId: bigint; readonly message: Buffer };

/**
 * The SMB2 message (or compound) inside a TRANSFORM_HEADER frame from the server, with the cipher
 * the connection negotiated, decrypted in place (AES-GCM: the message is a view of `payload`). A
 * frame for a session that does not encrypt, malformed, or that does not authenticate breaks the
 * protocol: the connection closes.
 */
export function decryptResponse(
  cipher: Smb2Cipher | undefined,
  find: (sessionId: bigint) => SessionEncryption | undefined,
  payload: Buffer,
): Opened {
  try {
    // In place: the READ data stays in the pooled buffer the frame was received into.
    return decryptForSession(knownCipher(cipher), (sessionId) => find(sessionId)?.decryptionKey, payload, {
      inPlace: true,
    });
  } catch (err) {
    throw brokenResponse(err);
  }
}

/**
 * Frames from this size on, sealed with AES-GCM, are decrypted on a seal worker: below it the
 * round trip to the worker costs about what decrypting costs (1 MiB takes about a millisecond).
 */
export const OPEN_ON_WORKER_FROM = 1024 * 1024;

/** Whether decryptResponseOnWorker would decrypt this frame on a worker. */
export function opensOnWorker(cipher: Smb2Cipher | undefined, payload: Buffer): boolean {
  return (
    payload.length >= OPEN_ON_WORKER_FROM &&
    (cipher === Smb2Cipher.AES_128_GCM || cipher === Smb2Cipher.AES_256_GCM) &&
    isTransformMessage(payload)
  );
}

/**
 * decryptResponse on a seal worker (in place, in the shared buffer the frame was received into),
 * or on this thread when the frame is not in shared memory; it fails as decryptResponse does.
 */
export async function decryptResponseOnWorker(
  cipher: Smb2Cipher | undefined,
  find: (sessionId: bigint) => SessionEncryption | undefined,
  payload: Buffer,
): Promise<Opened> {
  try {
    const known = knownCipher(cipher);
    return await openOnWorker(
      known,
      sessionKeyFor((sessionId) => find(sessionId)?.decryptionKey, payload),
      payload,
    );
  } catch (err) {
    throw brokenResponse(err);
  }
}

/** A frame as received, with its message when a seal worker decrypted it. */
export interface ReceivedFrame {
  readonly frame: Frame;
  readonly decrypted?: Buffer;
}

/** The decryption of a large AES-GCM frame on a seal worker; undefined for the others (decrypted in their turn). */
export function openingOnWorker(
  cipher: Smb2Cipher | undefined,
  find: (sessionId: bigint) => SessionEncryption | undefined,
  frame: Frame,
): Promise<ReceivedFrame> | undefined {
  if (frame.type !== NBSS_SESSION_MESSAGE || !opensOnWorker(cipher, frame.payload)) return undefined;
  return decryptResponseOnWorker(cipher, find, frame.payload).then(({ message }) => ({ frame, decrypted: message }));
}

/**
 * A frame's SMB2 message, in its turn: the one a worker decrypted, or the frame's payload,
 * decrypted now when it is a TRANSFORM_HEADER. `release` gets the received buffer back when the
 * message is not a view of it (CCM answers a new buffer; AES-GCM's is the frame's, which goes back
 * with the READ's data).
 */
export function receivedMessage(
  cipher: Smb2Cipher | undefined,
  find: (sessionId: bigint) => SessionEncryption | undefined,
  { frame, decrypted }: ReceivedFrame,
  release: (received: Buffer) => unknown,
): { readonly message: Buffer; readonly encrypted: boolean } {
  if (decrypted !== undefined) return { message: decrypted, encrypted: true };
  if (frame.type !== NBSS_SESSION_MESSAGE || !isTransformMessage(frame.payload))
    return { message: frame.payload, encrypted: false };
  const { message } = decryptResponse(cipher, find, frame.payload);
  if (message.buffer !== frame.payload.buffer) release(frame.payload);
  return { message, encrypted: true };
}

function knownCipher(cipher: Smb2Cipher | undefined): Smb2Cipher {
  if (cipher === undefined) throw new Smb2ProtocolError('an encrypted response on a connection without a cipher');
  return cipher;
}

/** Why an encrypted response closes the connection. */
function brokenResponse(err: unknown): Smb2ProtocolError {
  if (err instanceof Smb2ProtocolError) return err;
  return new Smb2ProtocolError(`encrypted response: ${err instanceof Error ? err.message : String(err)}`, {
    cause: err,
  });
}

/**
 * A session's encryption state once it is set up ([MS-SMB2] 3.2.5.3.1): its keys from the session
 * key (3.1.4.2; on 3.1.1 with the preauth hash after the last SESSION_SETUP request), and whether
 * it encrypts everything.
 */
export function sessionEncryption(
  dialect: Smb2Dialect,
  cipher: Smb2Cipher,
  sessionKey: Buffer,
  preauthHash: Buffer | undefined,
  encryptAll: boolean,
): SessionEncryption {
  const keys = deriveEncryptionKeys(dialect, sessionKey, preauthHash, cipher);
  return { cipher, encryptionKey: keys.serverIn, decryptionKey: keys.serverOut, encryptAll };
}
