/**
 * Whether a response is protected as its request requires — [MS-SMB2] 3.2.5.1.1 (a response to
 * an encrypted request must come encrypted; its AEAD tag authenticated it, and it carries no
 * signature), 3.2.5.1.3 (on a signing session a response must carry a valid signature for its
 * session; a request signed on its own, such as a 3.1.1 TREE_CONNECT, needs a signed answer).
 */
import { smb2CommandName } from '../constants';
import type { Smb2Header } from '../header';
import type { Smb2Dialect } from '../signing/keys';
import type { SigningAlgorithm } from '../signing/sign';
import { isSmb2MessageSigned, verifySmb2Message } from '../signing/sign';
import { ntStatusName } from '../../common/status/ntstatus';
import { Smb2SignatureError } from './client-errors';
import type { PendingCall } from './pending-call';

export interface SessionSigning {
  readonly key: Buffer;
  /** Sign every request and require every response to be signed. */
  readonly signAll: boolean;
}

export interface ReceivedResponse {
  readonly header: Smb2Header;
  readonly message: Buffer;
  /** It came in a TRANSFORM_HEADER that decrypted. */
  readonly encrypted: boolean;
}

/** Throws Smb2SignatureError when `response` is not protected as `call` requires. */
export function checkResponseProtection(
  call: PendingCall,
  response: ReceivedResponse,
  signing: SessionSigning | undefined,
  dialect: Smb2Dialect | undefined,
  algorithm: SigningAlgorithm | undefined,
): void {
  const { header, message } = response;
  const what = `${smb2CommandName(call.command)} response (${ntStatusName(header.status)})`;
  if (response.encrypted) return;
  if (call.encrypted) throw new Smb2SignatureError(`${what} to an encrypted request is not encrypted`);
  if (signing === undefined || dialect === undefined) return;
  if (isSmb2MessageSigned(message)) {
    if (header.sessionId !== call.sessionId) throw new Smb2SignatureError(`${what} signed for another session`);
    if (!verifySmb2Message(dialect, signing.key, message, algorithm))
      throw new Smb2SignatureError(`${what} has a bad signature`);
  } else if (signing.signAll || call.forceSign) {
    throw new Smb2SignatureError(`${what} is not signed on a signing session`);
  }
}
