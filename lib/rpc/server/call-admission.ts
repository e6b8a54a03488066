/**
 * What a complete request must pass before its interface runs, and what a failed call answers —
 * the server core's two policies, apart from its state machine (rpc-connection.ts):
 *   - the least auth level of the interface on this transport (auth-policy.ts): below it,
 *     RPC_S_ACCESS_DENIED; without a context at PKT or above the connection goes too (Samba's
 *     dcesrv_request);
 *   - the verification trailer ([MS-RPCE] 2.2.2.13), checked against the PDU header and the
 *     presentation context, then cut off the stub; a mismatch is RPC_S_ACCESS_DENIED;
 *   - a call's error -> its fault: RpcFaultError its status, MalformedPacketError in a stub
 *     nca_s_fault_ndr, anything else nca_s_fault_unspec (logged, it is a bug).
 */
import { MalformedPacketError, RpcFaultError } from '../../common/errors';
import { FaultStatus, PacketType, RpcAuthnLevel, rpcAuthnLevelName } from '../constants';
import { findVerificationTrailer, verificationTrailerMismatch } from '../pdu/verification-trailer';
import type { BoundContext } from './presentation-contexts';

export interface AdmittedCall {
  readonly callId: number;
  readonly contextId: number;
  readonly opnum: number;
  readonly drep: Buffer;
}

export type Admission =
  | { readonly admitted: true; readonly stub: Buffer }
  | { readonly admitted: false; readonly status: number; readonly why: string; readonly closes: boolean };

export function admitCall(
  call: AdmittedCall,
  stub: Buffer,
  context: BoundContext,
  connection: { readonly authLevel: number; readonly leastAuthLevel: number; readonly clientHeaderSigning: boolean },
): Admission {
  const { authLevel: level, leastAuthLevel: least } = connection;
  if (level < least)
    return {
      admitted: false,
      status: FaultStatus.NCA_S_FAULT_ACCESS_DENIED,
      why: `${context.definition.name} needs ${rpcAuthnLevelName(least)}, the call has ${rpcAuthnLevelName(level)}`,
      closes: level < RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT,
    };
  const trailer = findVerificationTrailer(stub);
  if (trailer === undefined) return { admitted: true, stub };
  const mismatch = verificationTrailerMismatch(trailer, {
    clientHeaderSigning: connection.clientHeaderSigning,
    abstract: context.abstract,
    transfer: context.transfer,
    header2: { packetType: PacketType.REQUEST, ...call },
  });
  if (mismatch !== undefined)
    return { admitted: false, status: FaultStatus.NCA_S_FAULT_ACCESS_DENIED, why: mismatch, closes: false };
  return { admitted: true, stub: stub.subarray(0, trailer.offset) };
}

/** The fault for a call's error, and how loudly to log it. */
export function faultForError(err: unknown): {
  readonly status: number;
  readonly level: 'debug' | 'error';
  readonly detail: string;
} {
  if (err instanceof RpcFaultError) return { status: err.status, level: 'debug', detail: err.message };
  if (err instanceof MalformedPacketError)
    return { status: FaultStatus.NCA_S_FAULT_NDR, level: 'debug', detail: err.message };
  return {
    status: FaultStatus.NCA_S_FAULT_UNSPEC,
    level: 'error',
    detail: err instanceof Error ? (err.stack ?? err.message) : String(err),
  };
}
