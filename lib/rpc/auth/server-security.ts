/**
 * The server side of DCE/RPC authentication on one connection — [MS-RPCE] 3.3.1.5.2.1 (building a
 * security context over bind, alter_context and rpc_auth_3), 3.3.1.5.2.2 (header signing),
 * 2.2.2.5 (bind_nak reasons). One security context per connection: security context multiplexing
 * is not offered, so an alter_context that starts a second context is refused, as Samba does.
 *
 *   bind without verifier          -> no context; requests carry none (unless an alter_context adds one)
 *   bind with verifier             -> bind_ack carrying the provider's answer, or bind_nak:
 *        malformed verifier 4, auth_level outside CONNECT..PKT_PRIVACY 0, unknown auth_type 8,
 *        refused token 9 (Samba's dcesrv_auth_bind / dcesrv_auth_prepare_gensec)
 *   alter_context with verifier    -> alter_context_resp with the answer, or a fault (RpcSecurityError)
 *   rpc_auth_3                     -> nothing; a refused token leaves the context failed, and every
 *                                     request on it gets a fault ([MS-RPCE] 3.3.1.5.2.1)
 * PFC_SUPPORT_HEADER_SIGN from the client is echoed on bind_ack/alter_context_resp when this server
 * supports header signing, and the context then signs headers (Samba's
 * dcesrv_auth_negotiate_hdr_signing).
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { MalformedPacketError } from '../../common/errors';
import type { AuthenticatedUser } from '../../common/identity';
import { BindNakReason, FaultStatus, PFC_SUPPORT_HEADER_SIGN, RpcAuthnLevel } from '../constants';
import { type AuthVerifier, appendAuthVerifier, decodeAuthVerifier, payloadEnd } from '../pdu/auth-verifier';
import { decodeCommonHeader } from '../pdu/common-header';
import { RpcSecurityError } from './rpc-security-error';
import { RpcSecurityContext, effectiveAuthLevel } from './security-context';
import type { AcceptorLeg, RpcAcceptorMechanism } from './security-provider';

export interface RpcServerSecurityOptions {
  /** The provider for an auth_type, or undefined when this server does not speak it. */
  readonly acceptor: (authType: number) => RpcAcceptorMechanism | undefined;
  /** Offer header signing (Windows and Samba do). Default true. */
  readonly headerSigning?: boolean;
}

/** What to answer a bind: the bind_ack finisher, or the bind_nak reason. */
export type BindSecurityOutcome =
  | { readonly result: 'accept'; readonly finishAck: (bindAck: Buffer) => Buffer }
  | { readonly result: 'reject'; readonly reason: number; readonly message: string };

type Phase =
  | { readonly name: 'none' }
  | { readonly name: 'negotiating'; readonly mechanism: RpcAcceptorMechanism; readonly id: ContextId }
  | { readonly name: 'established'; readonly context: RpcSecurityContext }
  | { readonly name: 'failed'; readonly reason: string };

interface ContextId {
  readonly authType: number;
  readonly authLevel: number;
  readonly authContextId: number;
}

class LegRefused extends Error {
  constructor(
    readonly nakReason: number,
    message: string,
  ) {
    super(message);
  }
}

export class RpcServerSecurity {
  private phase: Phase = { name: 'none' };
  private clientHeaderSign = false;

  constructor(private readonly options: RpcServerSecurityOptions) {}

  /** The established context, once there is one. */
  get context(): RpcSecurityContext | undefined {
    return this.phase.name === 'established' ? this.phase.context : undefined;
  }

  /** Who calls: the identity the security context proved (undefined without one). */
  get user(): AuthenticatedUser | undefined {
    return this.context?.user;
  }

  get state(): Phase['name'] {
    return this.phase.name;
  }

  processBind(pdu: Buffer): BindSecurityOutcome {
    const header = decodeCommonHeader(new BufferReader(pdu));
    const headerSign = this.negotiateHeaderSigning(header.flags);
    if (header.authLength === 0) return { result: 'accept', finishAck: (ack) => withFlag(ack, headerSign) };
    if (this.phase.name !== 'none')
      return { result: 'reject', reason: BindNakReason.REASON_NOT_SPECIFIED, message: 'a second bind' };
    let verifier: AuthVerifier;
    try {
      verifier = decodeAuthVerifier(pdu);
    } catch (e) {
      if (!(e instanceof MalformedPacketError)) throw e;
      return { result: 'reject', reason: BindNakReason.PROTOCOL_VERSION_NOT_SUPPORTED, message: e.message };
    }
    try {
      const token = this.start(verifier);
      return { result: 'accept', finishAck: (ack) => withVerifier(withFlag(ack, headerSign), verifier, token) };
    } catch (e) {
      if (!(e instanceof LegRefused)) throw e;
      this.phase = { name: 'failed', reason: e.message };
      return { result: 'reject', reason: e.nakReason, message: e.message };
    }
  }

  /** Returns the alter_context_resp finisher; throws RpcSecurityError for a fault. */
  processAlterContext(pdu: Buffer): (alterResp: Buffer) => Buffer {
    const header = decodeCommonHeader(new BufferReader(pdu));
    const headerSign = this.negotiateHeaderSigning(header.flags);
    if (header.authLength === 0) {
      if (this.phase.name === 'negotiating')
        throw new RpcSecurityError('context-not-established', 'alter_context without a verifier mid-negotiation');
      return (resp) => withFlag(resp, headerSign);
    }
    if (this.phase.name === 'established')
      throw new RpcSecurityError('second-context', 'a security context is already established on this connection');
    if (this.phase.name === 'failed') throw new RpcSecurityError('context-failed', this.phase.reason);
    const verifier = decodeOrFault(pdu, 'malformed-verifier', FaultStatus.NCA_S_PROTO_ERROR);
    let token: Buffer;
    try {
      token = this.phase.name === 'none' ? this.start(verifier) : this.continue(verifier, 'alter_context');
    } catch (e) {
      if (!(e instanceof LegRefused)) throw e;
      this.phase = { name: 'failed', reason: e.message };
      throw new RpcSecurityError('leg-refused', e.message);
    }
    return (resp) => withVerifier(withFlag(resp, headerSign), verifier, token);
  }

  /** rpc_auth_3 is never answered; a malformed or unexpected one throws (fault, then close). */
  processAuth3(pdu: Buffer): void {
    if (this.phase.name !== 'negotiating')
      throw new RpcSecurityError('unexpected-auth3', `rpc_auth_3 with the connection ${this.phase.name}`);
    // Windows answers a malformed rpc_auth_3 with nca_s_fault_remote_no_memory (Samba's dcesrv_auth3).
    const verifier = decodeOrFault(pdu, 'unexpected-auth3', FaultStatus.NCA_S_FAULT_REMOTE_NO_MEMORY);
    try {
      this.continue(verifier, 'rpc_auth_3'); // the last token, if any, cannot be sent back
    } catch (e) {
      if (!(e instanceof LegRefused)) throw e;
      this.phase = { name: 'failed', reason: e.message };
    }
  }

  /** The stub of a request fragment, checked against the connection's security context. */
  unprotectRequest(pdu: Buffer): Buffer {
    const phase = this.phase;
    switch (phase.name) {
      case 'established':
        return phase.context.unprotect(pdu);
      case 'negotiating':
        throw new RpcSecurityError('context-not-established', 'a request before the security context is built');
      case 'failed':
        throw new RpcSecurityError('context-failed', phase.reason);
      case 'none': {
        const header = decodeCommonHeader(new BufferReader(pdu));
        if (header.authLength !== 0)
          throw new RpcSecurityError('unexpected-verifier', 'a verifier on a connection without security context');
        return pdu.subarray(payloadEnd(pdu, header));
      }
    }
  }

  /** Adds the verifier to a response fragment (unchanged without a context or at CONNECT). */
  protectResponse(pdu: Buffer): Buffer {
    return this.phase.name === 'established' ? this.phase.context.protect(pdu) : pdu;
  }

  private negotiateHeaderSigning(pfcFlags: number): boolean {
    if ((pfcFlags & PFC_SUPPORT_HEADER_SIGN) === 0) return false;
    this.clientHeaderSign = true;
    return this.options.headerSigning ?? true;
  }

  private get headerSigning(): boolean {
    return this.clientHeaderSign && (this.options.headerSigning ?? true);
  }

  /** First leg (bind, or alter_context on an unauthenticated connection). */
  private start(verifier: AuthVerifier): Buffer {
    const { authType, authLevel, authContextId } = verifier.trailer;
    if (authLevel < RpcAuthnLevel.RPC_C_AUTHN_LEVEL_CONNECT || authLevel > RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY)
      throw new LegRefused(BindNakReason.REASON_NOT_SPECIFIED, `auth_level ${authLevel} cannot authenticate`);
    const mechanism = this.options.acceptor(authType);
    if (mechanism === undefined)
      throw new LegRefused(BindNakReason.AUTHENTICATION_TYPE_NOT_RECOGNIZED, `auth_type ${authType} not served`);
    this.phase = { name: 'negotiating', mechanism, id: { authType, authLevel, authContextId } };
    return this.take(mechanism.step(Buffer.from(verifier.token)), this.phase.id, 'bind');
  }

  private continue(verifier: AuthVerifier, pdu: 'alter_context' | 'rpc_auth_3'): Buffer {
    if (this.phase.name !== 'negotiating') throw new LegRefused(BindNakReason.REASON_NOT_SPECIFIED, 'no exchange');
    const { id, mechanism } = this.phase;
    const t = verifier.trailer;
    if (t.authType !== id.authType || t.authLevel !== id.authLevel || t.authContextId !== id.authContextId)
      throw new LegRefused(BindNakReason.INVALID_CHECKSUM, `${pdu} for another security context`);
    return this.take(mechanism.step(Buffer.from(verifier.token)), id, pdu);
  }

  private take(leg: AcceptorLeg, id: ContextId, pdu: string): Buffer {
    switch (leg.state) {
      case 'continue':
        if (pdu === 'rpc_auth_3')
          throw new LegRefused(BindNakReason.INVALID_CHECKSUM, 'the provider wants another leg after rpc_auth_3');
        return leg.token;
      case 'failed':
        throw new LegRefused(BindNakReason.INVALID_CHECKSUM, leg.reason);
      case 'done': {
        const { protection, description } = leg.security;
        const level = effectiveAuthLevel(id.authLevel);
        if (level >= RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT && protection?.integrity !== true)
          throw new LegRefused(BindNakReason.INVALID_CHECKSUM, `${description}: no signing for auth_level ${level}`);
        if (level === RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY && protection?.confidentiality !== true)
          throw new LegRefused(BindNakReason.INVALID_CHECKSUM, `${description}: no sealing for PKT_PRIVACY`);
        const context = new RpcSecurityContext({
          ...id,
          headerSigning: this.headerSigning,
          protection,
          description,
          user: leg.user,
        });
        this.phase = { name: 'established', context };
        return leg.token;
      }
    }
  }
}

function decodeOrFault(pdu: Buffer, reason: 'malformed-verifier' | 'unexpected-auth3', status: number): AuthVerifier {
  try {
    return decodeAuthVerifier(pdu);
  } catch (e) {
    if (e instanceof MalformedPacketError) throw new RpcSecurityError(reason, e.message, { cause: e, status });
    throw e;
  }
}

function withFlag(ack: Buffer, headerSign: boolean): Buffer {
  if (!headerSign) return ack;
  const out = Buffer.from(ack);
  out[3] = (out[3] ?? 0) | PFC_SUPPORT_HEADER_SIGN;
  return out;
}

/** The answer's verifier: same auth_type, auth_level and auth_context_id; nothing for an empty token. */
function withVerifier(ack: Buffer, verifier: AuthVerifier, token: Buffer): Buffer {
  if (token.length === 0) return ack;
  const header = decodeCommonHeader(new BufferReader(ack));
  const { authType, authLevel, authContextId } = verifier.trailer;
  const out = appendAuthVerifier(ack, {
    bodyOffset: payloadEnd(ack, header),
    alignment: 4,
    trailer: { authType, authLevel, authContextId },
    tokenLength: token.length,
  });
  out.pdu.set(token, out.tokenOffset);
  return out.pdu;
}
