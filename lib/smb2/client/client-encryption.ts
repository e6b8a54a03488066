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
import type { EncryptedParts, Smb2Cipher } from '../signing/encryption';
import { decryptForSession, encryptMessageParts, isTransformMessage } from '../signing/encryption';
import { deriveEncryptionKeys, type Smb2Dialect } from '../signing/keys';
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
): { readonly sessionId: bigint; readonly message: Buffer } {
  if (cipher === undefined) throw new Smb2ProtocolError('an encrypted response on a connection without a cipher');
  try {
    // In place: the READ data stays in the pooled buffer the frame was received into.
    return decryptForSession(cipher, (sessionId) => find(sessionId)?.decryptionKey, payload, { inPlace: true });
  } catch (err) {
    throw new Smb2ProtocolError(`encrypted response: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
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
