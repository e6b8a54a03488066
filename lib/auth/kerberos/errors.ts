/**
 * Kerberos failures with their RFC 4120 7.5.9 error code: the acceptor turns one into a KRB-ERROR
 * token, the initiator into an AuthenticationError. Malformed bytes stay MalformedPacketError.
 */
import { PointPrintError } from '../../common/errors';
import { krbErrorName } from './constants';

export class KerberosError extends PointPrintError {
  override readonly code = 'ERR_KERBEROS';
  constructor(
    /** The RFC 4120 error code (KRB_AP_ERR_SKEW = 37 ...). */
    readonly krbCode: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${krbErrorName(krbCode)}: ${message}`, options);
  }
}

/** A ciphertext or checksum did not verify (wrong key, or modified bytes). */
export class KerberosIntegrityError extends PointPrintError {
  override readonly code = 'ERR_KERBEROS_INTEGRITY';
}
