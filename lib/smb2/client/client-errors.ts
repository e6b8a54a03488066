/**
 * Errors of the SMB2 client, one class per failure with a stable `code` (undici's shape).
 * A failed SMB2 call with an NTSTATUS is an NtStatusError (lib/common/errors); a failed logon is
 * an AuthenticationError; these cover what happens around the calls.
 */
import { PointPrintError } from '../../common/errors';

/** The TCP connection could not be made, or it was lost or closed while calls were outstanding. */
export class Smb2ConnectionError extends PointPrintError {
  override readonly code = 'ERR_SMB2_CONNECTION';
}

/** No response within the time limit. */
export class Smb2TimeoutError extends PointPrintError {
  override readonly code = 'ERR_SMB2_TIMEOUT';
}

/** The server broke the protocol: bad framing, unknown MessageId, a dialect it was not offered... */
export class Smb2ProtocolError extends PointPrintError {
  override readonly code: string = 'ERR_SMB2_PROTOCOL';
}

/** A response on a signed session was unsigned or its signature did not verify. */
export class Smb2SignatureError extends Smb2ProtocolError {
  override readonly code = 'ERR_SMB2_BAD_SIGNATURE';
}

/** The server granted too few credits for the request and none are coming back. */
export class Smb2CreditError extends PointPrintError {
  override readonly code = 'ERR_SMB2_CREDITS';
}

/** `err` as the protocol error that closes a connection to `peer` (itself when it is one already). */
export function badDataFrom(peer: string, err: unknown): Smb2ProtocolError {
  if (err instanceof Smb2ProtocolError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new Smb2ProtocolError(`bad data from ${peer}: ${message}`, { cause: err });
}
