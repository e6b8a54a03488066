/**
 * What the DCE/RPC runtime asks of a security provider — [MS-RPCE] 3.3.1.5.2 and 2.2.2.12: the
 * legs that build a context (GSS_Accept_sec_context / GSS_Init_sec_context carried by bind,
 * alter_context, rpc_auth_3 and their answers), then the protection of request and response PDUs
 * (GSS_GetMICEx / GSS_VerifyMICEx below PKT_PRIVACY, GSS_WrapEx / GSS_UnwrapEx at it).
 *
 * A PDU is cut into the segments of [MS-RPCE] 2.2.2.1: header (everything before the body), body
 * (stub and auth pad), sec_trailer; the token travels after them. The body is always signed and,
 * at PKT_PRIVACY, sealed; header and sec_trailer are signed when both sides agreed on header
 * signing (3.3.1.5.2.2) — whether that changes the signature is the provider's business.
 */
import type { AuthenticatedUser } from '../../common/identity';

export interface PduSegments {
  readonly header: Buffer;
  readonly body: Buffer;
  readonly trailer: Buffer;
}

/** The protection an established context gives a PDU. */
export interface PacketProtection {
  /** auth_length of a signed PDU, and of a sealed one unless sealedTokenLength says otherwise. */
  readonly tokenLength: number;
  /** auth_length of a sealed PDU when it differs (Kerberos: a Wrap token, longer than its MIC token). */
  readonly sealedTokenLength?: number;
  /** The context can sign (PKT, PKT_INTEGRITY). */
  readonly integrity: boolean;
  /** The context can seal (PKT_PRIVACY). */
  readonly confidentiality: boolean;
  sign(segments: PduSegments, headerSigning: boolean): Buffer;
  /** Throws when the token does not verify. */
  verify(segments: PduSegments, headerSigning: boolean, token: Buffer): void;
  seal(segments: PduSegments, headerSigning: boolean): { readonly body: Buffer; readonly token: Buffer };
  /** The plaintext body; throws when the token does not verify. */
  unseal(segments: PduSegments, headerSigning: boolean, token: Buffer): Buffer;
}

/** What a finished exchange leaves: the protection (none without a session key) and a name for logs. */
export interface EstablishedSecurity {
  readonly protection: PacketProtection | undefined;
  readonly description: string;
}

export type AcceptorLeg =
  | { readonly state: 'continue'; readonly token: Buffer }
  | {
      readonly state: 'done';
      /** The last token (may be empty); an rpc_auth_3 cannot carry it back, so it is then dropped. */
      readonly token: Buffer;
      readonly user: AuthenticatedUser;
      readonly security: EstablishedSecurity;
    }
  | { readonly state: 'failed'; readonly reason: string };

/** The server side of one security context (GSS_Accept_sec_context). */
export interface RpcAcceptorMechanism {
  readonly authType: number;
  step(token: Buffer): AcceptorLeg;
}

export type InitiatorLeg =
  /** Send the token and expect the server's answer (bind, or alter_context). */
  | { readonly state: 'continue'; readonly token: Buffer }
  /** The last client token, in an rpc_auth_3: the context is built. */
  | {
      readonly state: 'done';
      readonly token: Buffer;
      readonly expectsReply: false;
      readonly security: EstablishedSecurity;
    }
  /** The last client token, in an alter_context: `finish` checks the answer and builds the context. */
  | { readonly state: 'done'; readonly token: Buffer; readonly expectsReply: true };

/** The client side of one security context (GSS_Init_sec_context). Throws AuthenticationError. */
export interface RpcInitiatorMechanism {
  readonly authType: number;
  step(serverToken: Buffer | undefined): InitiatorLeg;
  finish(serverToken: Buffer): EstablishedSecurity;
}
