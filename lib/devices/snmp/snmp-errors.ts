/**
 * SNMP failures, each with a stable code. Malformed bytes are MalformedPacketError (lib/common);
 * these are the failures that are not about the bytes themselves.
 */
import { PointPrintError } from '../../common/errors';
import { errorStatusName } from './snmp-constants';

/** A message of a version this codec does not serve (SNMPv3, or garbage in the version field). */
export class UnsupportedSnmpVersionError extends PointPrintError {
  override readonly code = 'ERR_SNMP_VERSION';
  constructor(readonly version: number) {
    super(`SNMP version field ${version} is neither SNMPv1 (0) nor SNMPv2c (1)`);
  }
}

/** No response after every retry: the agent is down, unreachable, or ignored our community. */
export class SnmpTimeoutError extends PointPrintError {
  override readonly code = 'ERR_SNMP_TIMEOUT';
  constructor(
    readonly target: string,
    readonly attempts: number,
  ) {
    super(`no SNMP response from ${target} after ${attempts} attempt${attempts === 1 ? '' : 's'}`);
  }
}

/** The agent answered with a non-zero error-status (RFC 3416 3); `errorIndex` is 1-based, 0 for none. */
export class SnmpErrorStatusError extends PointPrintError {
  override readonly code = 'ERR_SNMP_ERROR_STATUS';
  constructor(
    readonly errorStatus: number,
    readonly errorIndex: number,
  ) {
    super(`SNMP error-status ${errorStatusName(errorStatus)} at variable binding ${errorIndex}`);
  }
}
