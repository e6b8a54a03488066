/**
 * When SMB2 messages are signed and checked — [MS-SMB2] 3.3.5.5.3 (Session.SigningRequired),
 * 3.3.5.2.4 (verifying a request's signature), 3.3.4.1.1 (signing a response), 3.2.4.1.1 and
 * 3.2.5.1.3 (the client's side). Pure decisions; the connection applies them.
 *
 *   Session.SigningRequired = server requires signing OR the client's SESSION_SETUP SecurityMode
 *   has SMB2_NEGOTIATE_SIGNING_REQUIRED — never for guest or anonymous sessions (they have no key).
 *   A request with SMB2_FLAGS_SIGNED is verified (CANCEL excepted); a failure is STATUS_ACCESS_DENIED.
 *   An unsigned request on a session that requires signing is STATUS_ACCESS_DENIED.
 *   Responses are signed when the session requires signing or the request was signed; the final
 *   SESSION_SETUP response of an authenticated 3.1.1 session is always signed.
 */
import { NtStatus } from '../../common/status/ntstatus';
import type { Smb2Dialect } from './keys';
import { SMB2_HEADER_SIZE, isSmb2MessageSigned, verifySmb2Message, type SigningAlgorithm } from './sign';

const COMMAND_OFFSET = 12;
const SMB2_CANCEL = 0x000c;

export interface SessionSigningInput {
  readonly serverRequiresSigning: boolean;
  /** SMB2_NEGOTIATE_SIGNING_REQUIRED in the client's SESSION_SETUP (or NEGOTIATE) SecurityMode. */
  readonly clientRequiresSigning: boolean;
  readonly isGuest: boolean;
  readonly isAnonymous: boolean;
}

export function isSessionSigningRequired(input: SessionSigningInput): boolean {
  if (input.isGuest || input.isAnonymous) return false;
  return input.serverRequiresSigning || input.clientRequiresSigning;
}

/**
 * A server that requires signing has no key to sign a guest or anonymous session with; like
 * Windows Server 2025 (no guest fallback when signing is required) we refuse such sessions.
 * Returns the status to fail the SESSION_SETUP with, or undefined when the session may proceed.
 */
export function refuseUnsignableSession(input: SessionSigningInput): number | undefined {
  return input.serverRequiresSigning && (input.isGuest || input.isAnonymous)
    ? NtStatus.STATUS_ACCESS_DENIED
    : undefined;
}

export interface RequestSignatureInput {
  readonly dialect: Smb2Dialect;
  /** The session's signing key; undefined while the session has none (setup in progress, guest). */
  readonly signingKey: Buffer | undefined;
  readonly signingRequired: boolean;
  readonly message: Buffer;
  readonly algorithm?: SigningAlgorithm;
}

export type SignatureVerdict =
  | { readonly ok: true; readonly signed: boolean }
  | { readonly ok: false; readonly status: number; readonly reason: string };

/** [MS-SMB2] 3.3.5.2.4 for one request (one compound member, as received). */
export function checkRequestSignature(input: RequestSignatureInput): SignatureVerdict {
  const { message } = input;
  if (message.length < SMB2_HEADER_SIZE)
    return { ok: false, status: NtStatus.STATUS_INVALID_PARAMETER, reason: 'short SMB2 message' };
  const isCancel = message.readUInt16LE(COMMAND_OFFSET) === SMB2_CANCEL;
  const signed = isSmb2MessageSigned(message);
  if (isCancel) return { ok: true, signed };
  if (signed) {
    if (!input.signingKey) return { ok: true, signed }; // no key yet (e.g. a SESSION_SETUP in progress): nothing to check against
    if (!verifySmb2Message(input.dialect, input.signingKey, message, input.algorithm)) {
      return { ok: false, status: NtStatus.STATUS_ACCESS_DENIED, reason: 'bad request signature' };
    }
    return { ok: true, signed };
  }
  if (input.signingRequired && input.signingKey)
    return {
      ok: false,
      status: NtStatus.STATUS_ACCESS_DENIED,
      reason: 'unsigned request on a session that requires signing',
    };
  return { ok: true, signed };
}

export interface ResponseSigningInput {
  readonly signingRequired: boolean;
  readonly requestWasSigned: boolean;
  readonly hasSigningKey: boolean;
  /** An interim STATUS_PENDING response is never signed. */
  readonly isInterim?: boolean;
  /** The final (STATUS_SUCCESS) SESSION_SETUP response of a non-guest, non-anonymous session. */
  readonly isFinalSessionSetup?: boolean;
  readonly dialect: Smb2Dialect;
}

export function shouldSignResponse(input: ResponseSigningInput): boolean {
  if (!input.hasSigningKey || input.isInterim) return false;
  if (input.isFinalSessionSetup && input.dialect === 0x0311) return true;
  return input.signingRequired || input.requestWasSigned;
}
