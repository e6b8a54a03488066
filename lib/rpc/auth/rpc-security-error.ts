/**
 * Why an authenticated PDU or security leg was refused, with the fault status Windows and Samba
 * send for it ([MS-RPCE] 3.3.1.5.2; Samba's dcesrv_auth_pkt_pull and dcesrv_auth_alter). It is an
 * RpcFaultError, so the endpoint's one fault mapping sends it; after any of these the connection
 * is closed, as Samba's dcesrv_fault_disconnect does.
 */
import { RpcFaultError } from '../../common/errors';
import { FaultStatus } from '../constants';

export type RpcSecurityFailure =
  /** auth_length > 0 on a connection with no security context. */
  | 'unexpected-verifier'
  /** A request while the context is still being built. */
  | 'context-not-established'
  /** The context failed (a refused rpc_auth_3); every later request is refused. */
  | 'context-failed'
  /** No verifier on a request of a context at PKT or above. */
  | 'missing-verifier'
  /** A verifier that cannot be decoded: truncated, bad auth_length, bad auth_pad_length. */
  | 'malformed-verifier'
  /** auth_type, auth_level or auth_context_id differ from the context's. */
  | 'trailer-mismatch'
  /** The signature or the seal does not verify (tampered, replayed, out of sequence). */
  | 'bad-signature'
  /** alter_context with a new context while one is built or being built. */
  | 'second-context'
  /** The security provider refused a leg carried by alter_context. */
  | 'leg-refused'
  /** rpc_auth_3 with nothing to complete, or a malformed one. */
  | 'unexpected-auth3';

const STATUS: Record<RpcSecurityFailure, number> = {
  'unexpected-verifier': FaultStatus.NCA_S_FAULT_ACCESS_DENIED,
  'context-not-established': FaultStatus.NCA_S_PROTO_ERROR,
  'context-failed': FaultStatus.NCA_S_FAULT_ACCESS_DENIED,
  'missing-verifier': FaultStatus.NCA_S_PROTO_ERROR,
  'malformed-verifier': FaultStatus.NCA_S_PROTO_ERROR,
  'trailer-mismatch': FaultStatus.NCA_S_FAULT_ACCESS_DENIED,
  'bad-signature': FaultStatus.RPC_S_SEC_PKG_ERROR,
  'second-context': FaultStatus.NCA_S_FAULT_ACCESS_DENIED,
  'leg-refused': FaultStatus.NCA_S_FAULT_ACCESS_DENIED,
  'unexpected-auth3': FaultStatus.NCA_S_PROTO_ERROR,
};

export class RpcSecurityError extends RpcFaultError {
  constructor(
    readonly reason: RpcSecurityFailure,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(options?.status ?? STATUS[reason], message, options?.cause !== undefined ? { cause: options.cause } : {});
  }
}
