/**
 * An established DCE/RPC security context and what it does to request and response fragments —
 * [MS-RPCE] 3.3.1.5.2.2, 2.2.2.11, 2.2.2.12.
 *
 * Outgoing (protect): the stub is padded to 16 bytes from its start, the sec_trailer and a token
 * placeholder are appended with frag_length and auth_length set (header signing covers them),
 * then the provider signs [header | body | sec_trailer] or seals the body and writes the token.
 * At RPC_C_AUTHN_LEVEL_CONNECT nothing is added, as Samba sends.
 * Incoming (unprotect): the verifier is decoded and bounds-checked, its auth_type, auth_level and
 * auth_context_id must be the context's, the token must verify (at CONNECT it is ignored), and the
 * stub comes back without its auth pad. Every refusal is an RpcSecurityError.
 * Each fragment carries its own verifier and consumes one sequence number of the provider.
 */
import { MalformedPacketError } from '../../common/errors';
import type { AuthenticatedUser } from '../../common/identity';
import { BufferReader } from '../../common/binary/buffer-reader';
import { AUTH_PAD_ALIGNMENT, PacketType, RpcAuthnLevel, SEC_TRAILER_LENGTH } from '../constants';
import { appendAuthVerifier, decodeAuthVerifier, payloadEnd } from '../pdu/auth-verifier';
import { decodeCommonHeader } from '../pdu/common-header';
import { RpcSecurityError } from './rpc-security-error';
import type { PacketProtection, PduSegments } from './security-provider';

export interface RpcSecurityContextParams {
  readonly authType: number;
  /** The auth_level the client bound with; it must appear unchanged in every verifier. */
  readonly authLevel: number;
  readonly authContextId: number;
  /** Both sides set PFC_SUPPORT_HEADER_SIGN ("Supports Header Signing Flag"). */
  readonly headerSigning: boolean;
  readonly protection: PacketProtection | undefined;
  /** For logs: the provider and what it negotiated. */
  readonly description: string;
  /** Server side: the client's identity, the caller of every call on this context. */
  readonly user?: AuthenticatedUser;
}

/** RPC_C_AUTHN_LEVEL_CALL is processed as PKT ([MS-RPCE] 2.2.1.1.8). */
export function effectiveAuthLevel(level: number): number {
  return level === RpcAuthnLevel.RPC_C_AUTHN_LEVEL_CALL ? RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT : level;
}

export class RpcSecurityContext {
  constructor(readonly params: RpcSecurityContextParams) {}

  get authLevel(): number {
    return this.params.authLevel;
  }

  get user(): AuthenticatedUser | undefined {
    return this.params.user;
  }

  /** PKT and above sign every fragment; PKT_PRIVACY also seals. */
  get protectsPackets(): boolean {
    return effectiveAuthLevel(this.params.authLevel) >= RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT;
  }

  private get seals(): boolean {
    return this.params.authLevel === RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY;
  }

  private requireProtection(): PacketProtection {
    const p = this.params.protection;
    if (p === undefined) throw new RpcSecurityError('bad-signature', 'the context has no session key to sign with');
    return p;
  }

  private tokenLength(protection: PacketProtection): number {
    return this.seals ? (protection.sealedTokenLength ?? protection.tokenLength) : protection.tokenLength;
  }

  /** The most stub one fragment of `maxFrag` bytes can carry after a `headerLength`-byte header. */
  maxStubLength(maxFrag: number, headerLength: number): number {
    if (!this.protectsPackets) return maxFrag - headerLength;
    const room = maxFrag - headerLength - SEC_TRAILER_LENGTH - this.tokenLength(this.requireProtection());
    return Math.max(0, Math.floor(room / AUTH_PAD_ALIGNMENT) * AUTH_PAD_ALIGNMENT);
  }

  /** Adds the verifier to one outgoing request or response fragment encoded without one. */
  protect(pdu: Buffer): Buffer {
    if (!this.protectsPackets) return pdu;
    const protection = this.requireProtection();
    const header = decodeCommonHeader(new BufferReader(pdu));
    if (header.packetType !== PacketType.REQUEST && header.packetType !== PacketType.RESPONSE)
      throw new MalformedPacketError(`PTYPE ${header.packetType} is not signed or sealed`, { field: 'PTYPE' });
    const bodyOffset = payloadEnd(pdu, header);
    const {
      pdu: out,
      trailerOffset,
      tokenOffset,
    } = appendAuthVerifier(pdu, {
      bodyOffset,
      alignment: AUTH_PAD_ALIGNMENT,
      trailer: {
        authType: this.params.authType,
        authLevel: this.params.authLevel,
        authContextId: this.params.authContextId,
      },
      tokenLength: this.tokenLength(protection),
    });
    const segments = segmentsOf(out, bodyOffset, trailerOffset);
    if (this.seals) {
      const sealed = protection.seal(segments, this.params.headerSigning);
      out.set(sealed.body, bodyOffset);
      out.set(sealed.token, tokenOffset);
    } else {
      out.set(protection.sign(segments, this.params.headerSigning), tokenOffset);
    }
    return out;
  }

  /** Checks one incoming request or response fragment and returns its stub (without auth pad). */
  unprotect(pdu: Buffer): Buffer {
    const header = decodeCommonHeader(new BufferReader(pdu));
    if (header.authLength === 0) {
      if (this.protectsPackets)
        throw new RpcSecurityError('missing-verifier', `a PDU without a verifier at auth_level ${this.authLevel}`);
      return pdu.subarray(payloadEnd(pdu, header));
    }
    let verifier;
    try {
      verifier = decodeAuthVerifier(pdu);
    } catch (e) {
      if (e instanceof MalformedPacketError) throw new RpcSecurityError('malformed-verifier', e.message, { cause: e });
      throw e;
    }
    const { trailer, bodyOffset, trailerOffset, token } = verifier;
    if (
      trailer.authType !== this.params.authType ||
      trailer.authLevel !== this.params.authLevel ||
      trailer.authContextId !== this.params.authContextId
    ) {
      throw new RpcSecurityError(
        'trailer-mismatch',
        `verifier for auth_type ${trailer.authType} level ${trailer.authLevel} context ${trailer.authContextId}`,
      );
    }
    const stubLength = trailerOffset - bodyOffset - trailer.authPadLength;
    if (!this.protectsPackets) return pdu.subarray(bodyOffset, bodyOffset + stubLength);
    const protection = this.requireProtection();
    const segments = segmentsOf(pdu, bodyOffset, trailerOffset);
    try {
      if (this.seals) {
        return protection.unseal(segments, this.params.headerSigning, token).subarray(0, stubLength);
      }
      protection.verify(segments, this.params.headerSigning, token);
    } catch (e) {
      throw new RpcSecurityError('bad-signature', e instanceof Error ? e.message : String(e), { cause: e });
    }
    return pdu.subarray(bodyOffset, bodyOffset + stubLength);
  }
}

function segmentsOf(pdu: Buffer, bodyOffset: number, trailerOffset: number): PduSegments {
  return {
    header: pdu.subarray(0, bodyOffset),
    body: pdu.subarray(bodyOffset, trailerOffset),
    trailer: pdu.subarray(trailerOffset, trailerOffset + SEC_TRAILER_LENGTH),
  };
}
