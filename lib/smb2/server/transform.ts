/**
 * Encrypted messages on the server — [MS-SMB2] 3.3.5.2.1.1 (a TRANSFORM_HEADER request is
 * decrypted with its session's ServerInKey, then processed as usual) and 3.3.4.1.4 (its response
 * goes back encrypted with the ServerOutKey, unsigned). A message that names no session with keys,
 * or does not decrypt, drops the connection. The cryptography is lib/smb2/signing/encryption.
 */
import type { Smb2Cipher } from '../signing/encryption';
import { decryptForSession, encryptMessageParts, type EncryptedParts } from '../signing/encryption';
import { sealOnWorker } from '../signing/seal-workers';
import { TerminateConnectionError } from './handlers/handler';
import { MIN_POOLED_SIZE } from './response-buffer-pool';
import type { Session } from './session';

export interface DecryptedRequest {
  /** The session whose key decrypted it; its members must belong to it. */
  readonly session: Session;
  /** The SMB2 message (or compound) inside. */
  readonly message: Buffer;
}

export function decryptRequest(
  cipher: Smb2Cipher | undefined,
  findSession: (sessionId: bigint) => Session | undefined,
  payload: Buffer,
): DecryptedRequest {
  if (cipher === undefined) throw new TerminateConnectionError('encrypted message but no cipher negotiated');
  let session: Session | undefined;
  const keyFor = (sessionId: bigint): Buffer | undefined => {
    session = findSession(sessionId);
    return session?.state === 'valid' ? session.encryptionKeys?.serverIn : undefined;
  };
  try {
    const { message } = decryptForSession(cipher, keyFor, payload);
    if (session === undefined) throw new RangeError('decrypted without a session');
    return { session, message };
  } catch (err) {
    throw new TerminateConnectionError(`message does not decrypt: ${String(err)}`);
  }
}

/** How the response to an encrypted request is encrypted. */
export interface ResponseEncryption {
  readonly cipher: Smb2Cipher;
  readonly serverOutKey: Buffer;
  readonly sessionId: bigint;
}

/** The encryption of the response to a request decrypted for `session`; undefined to answer in clear. */
export function responseEncryption(
  cipher: Smb2Cipher | undefined,
  session: Session | undefined,
): ResponseEncryption | undefined {
  if (cipher === undefined || session?.encryptionKeys === undefined) return undefined;
  return { cipher, serverOutKey: session.encryptionKeys.serverOut, sessionId: session.sessionId };
}

/**
 * The response's TRANSFORM_HEADER and ciphertext, sent as one frame without joining them. `into`
 * (a pooled buffer, which the transport gives back once written) receives the ciphertext, sealed
 * by a worker thread when both buffers are pooled (seal-workers.ts), so a READ response
 * allocates nothing of its size and the event loop serves other READs meanwhile. `plain` must
 * not change until the promise settles.
 */
export function encryptResponse(e: ResponseEncryption, plain: Buffer, into?: Buffer): Promise<EncryptedParts> {
  if (into === undefined) return Promise.resolve(encryptMessageParts(e.cipher, e.serverOutKey, e.sessionId, plain));
  return sealOnWorker(e.cipher, e.serverOutKey, e.sessionId, plain, into);
}

/**
 * Whether a response of `size` bytes is sealed into a pooled buffer (on a worker): from the pool's
 * smallest size, with any cipher. CCM went on the event loop until 2026-12-05: its one update()
 * per message allocated two buffers of the message's size on the server's heap.
 */
export function sealsIntoPool(size: number): boolean {
  return size >= MIN_POOLED_SIZE;
}
