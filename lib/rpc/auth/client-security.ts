/**
 * The client side of DCE/RPC authentication on one connection — [MS-RPCE] 3.3.1.5.2.1: the first
 * token rides on the bind (or on an alter_context of a connection bound without one), each answer
 * in bind_ack/alter_context_resp gives the provider its next input, and the last client token goes
 * in an rpc_auth_3 when the provider expects no answer (NTLMSSP) or in an alter_context whose
 * answer it checks (SPNEGO's mechListMIC). PFC_SUPPORT_HEADER_SIGN is offered on the first leg and
 * header signing is on when the server echoes it (3.3.1.5.2.2).
 *
 *   const security = new RpcClientSecurity({ mechanism, authLevel: RPC_C_AUTHN_LEVEL_PKT_PRIVACY });
 *   send(security.firstLeg(encodeBind(...)));
 *   for (let next = security.processAck(bindAck); next.send !== 'nothing'; ) ...
 *   security.context.protect(request) / .unprotect(response)
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { AuthenticationError } from '../../common/errors';
import { PFC_SUPPORT_HEADER_SIGN, RpcAuthnLevel } from '../constants';
import { appendAuthVerifier, decodeAuthVerifier, payloadEnd } from '../pdu/auth-verifier';
import { encodeAuth3 } from '../pdu/auth3';
import { decodeCommonHeader } from '../pdu/common-header';
import { RpcSecurityContext, effectiveAuthLevel } from './security-context';
import type { EstablishedSecurity, InitiatorLeg, RpcInitiatorMechanism } from './security-provider';

export interface RpcClientSecurityOptions {
  readonly mechanism: RpcInitiatorMechanism;
  /** RPC_C_AUTHN_LEVEL_CONNECT .. PKT_PRIVACY (DEFAULT is CONNECT, [MS-RPCE] 2.2.1.1.8). */
  readonly authLevel: number;
  /** Unique on the connection; any value. */
  readonly authContextId?: number;
  /** Offer header signing. Default true. */
  readonly headerSigning?: boolean;
}

export type ClientNextLeg =
  | { readonly send: 'nothing' }
  | { readonly send: 'auth3'; readonly encode: (callId: number) => Buffer }
  /** `attach` adds the token to the alter_context the caller encodes (same contexts as the bind). */
  | { readonly send: 'alter_context'; readonly attach: (alterContext: Buffer) => Buffer };

type Phase = 'start' | 'awaiting-ack' | 'awaiting-final' | 'established';

export class RpcClientSecurity {
  private phase: Phase = 'start';
  private established: RpcSecurityContext | undefined;
  private serverHeaderSign = false;
  private readonly authLevel: number;
  private readonly authContextId: number;

  constructor(private readonly options: RpcClientSecurityOptions) {
    const level =
      options.authLevel === RpcAuthnLevel.RPC_C_AUTHN_LEVEL_DEFAULT
        ? RpcAuthnLevel.RPC_C_AUTHN_LEVEL_CONNECT
        : options.authLevel;
    if (level < RpcAuthnLevel.RPC_C_AUTHN_LEVEL_CONNECT || level > RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY)
      throw new AuthenticationError(`auth_level ${options.authLevel} cannot authenticate`);
    this.authLevel = level;
    this.authContextId = options.authContextId ?? 0;
  }

  get context(): RpcSecurityContext | undefined {
    return this.established;
  }

  /** Adds the first token (and PFC_SUPPORT_HEADER_SIGN) to a bind or alter_context without verifier. */
  firstLeg(bindOrAlter: Buffer): Buffer {
    if (this.phase !== 'start') throw new AuthenticationError('the first leg was already sent');
    const leg = this.options.mechanism.step(undefined);
    if (leg.state !== 'continue')
      throw new AuthenticationError('the security provider finished before the server spoke');
    this.phase = 'awaiting-ack';
    const pdu = Buffer.from(bindOrAlter);
    if (this.options.headerSigning ?? true) pdu[3] = (pdu[3] ?? 0) | PFC_SUPPORT_HEADER_SIGN;
    return this.attach(pdu, leg.token);
  }

  /** Reads a bind_ack or alter_context_resp and says what the client sends next. */
  processAck(ack: Buffer): ClientNextLeg {
    const header = decodeCommonHeader(new BufferReader(ack));
    if ((header.flags & PFC_SUPPORT_HEADER_SIGN) !== 0) this.serverHeaderSign = true;
    const token = header.authLength === 0 ? Buffer.alloc(0) : this.tokenOf(ack);
    switch (this.phase) {
      case 'awaiting-ack':
        return this.next(this.options.mechanism.step(token));
      case 'awaiting-final': {
        this.establish(this.options.mechanism.finish(token));
        return { send: 'nothing' };
      }
      case 'start':
      case 'established':
        throw new AuthenticationError(`an answer with the security context ${this.phase}`);
    }
  }

  private next(leg: InitiatorLeg): ClientNextLeg {
    if (leg.state === 'continue') return { send: 'alter_context', attach: (alter) => this.attach(alter, leg.token) };
    if (leg.expectsReply) {
      this.phase = 'awaiting-final';
      return { send: 'alter_context', attach: (alter) => this.attach(alter, leg.token) };
    }
    this.establish(leg.security);
    const trailer = {
      authType: this.options.mechanism.authType,
      authLevel: this.authLevel,
      authContextId: this.authContextId,
    };
    return { send: 'auth3', encode: (callId) => encodeAuth3({ callId, trailer, token: leg.token }) };
  }

  private checkCapabilities(security: EstablishedSecurity): void {
    const level = effectiveAuthLevel(this.authLevel);
    const p = security.protection;
    if (level >= RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT && p?.integrity !== true)
      throw new AuthenticationError(`${security.description}: no signing for auth_level ${level}`);
    if (level === RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY && p?.confidentiality !== true)
      throw new AuthenticationError(`${security.description}: no sealing for PKT_PRIVACY`);
  }

  private establish(security: EstablishedSecurity): void {
    this.checkCapabilities(security);
    this.established = new RpcSecurityContext({
      authType: this.options.mechanism.authType,
      authLevel: this.authLevel,
      authContextId: this.authContextId,
      headerSigning: (this.options.headerSigning ?? true) && this.serverHeaderSign,
      protection: security.protection,
      description: security.description,
    });
    this.phase = 'established';
  }

  private tokenOf(ack: Buffer): Buffer {
    const { trailer, token } = decodeAuthVerifier(ack);
    if (
      trailer.authType !== this.options.mechanism.authType ||
      trailer.authLevel !== this.authLevel ||
      trailer.authContextId !== this.authContextId
    )
      throw new AuthenticationError('the server answered for another security context');
    return Buffer.from(token);
  }

  private attach(pdu: Buffer, token: Buffer): Buffer {
    const header = decodeCommonHeader(new BufferReader(pdu));
    const out = appendAuthVerifier(pdu, {
      bodyOffset: payloadEnd(pdu, header),
      alignment: 4,
      trailer: {
        authType: this.options.mechanism.authType,
        authLevel: this.authLevel,
        authContextId: this.authContextId,
      },
      tokenLength: token.length,
    });
    out.pdu.set(token, out.tokenOffset);
    return out.pdu;
  }
}
