/**
 * rpc_auth_3 — [MS-RPCE] 2.2.2.10: the third leg of a three-leg security provider (NTLMSSP),
 * client to server, never answered.
 *
 *   0  common header (16), PTYPE 16, auth_length > 0
 *   16 u8[4] pad (any value, ignored on receipt)
 *   20 sec_trailer (8)   28 auth token (auth_length)
 *
 * pfc_flags follow the bind's rules, so 0x04 is PFC_SUPPORT_HEADER_SIGN here ([MS-RPCE] 2.2.2.3).
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';
import { PacketType, PfcFlags } from '../constants';
import { type AuthVerifier, type SecTrailer, decodeAuthVerifier, encodeSecTrailer } from './auth-verifier';
import { decodeCommonHeader, encodeCommonHeader } from './common-header';

export interface Auth3Pdu {
  readonly callId: number;
  /** Defaults to PFC_FIRST_FRAG | PFC_LAST_FRAG. */
  readonly flags?: number;
  readonly trailer: Omit<SecTrailer, 'authPadLength'>;
  readonly token: Buffer;
}

export function encodeAuth3(pdu: Auth3Pdu): Buffer {
  const w = new BufferWriter(28 + pdu.token.length);
  const finish = encodeCommonHeader(w, {
    packetType: PacketType.AUTH3,
    flags: pdu.flags ?? PfcFlags.PFC_FIRST_FRAG | PfcFlags.PFC_LAST_FRAG,
    callId: pdu.callId,
    authLength: pdu.token.length,
  });
  w.zeros(4);
  encodeSecTrailer(w, { ...pdu.trailer, authPadLength: 0 });
  w.bytes(pdu.token);
  finish();
  return w.finish();
}

/** Decodes an rpc_auth_3; it must carry a verifier (auth_length > 0). */
export function decodeAuth3(pdu: Buffer): AuthVerifier {
  const header = decodeCommonHeader(new BufferReader(pdu));
  if (header.packetType !== PacketType.AUTH3)
    throw new MalformedPacketError(`not an rpc_auth_3: PTYPE ${header.packetType}`, { offset: 2, field: 'PTYPE' });
  return decodeAuthVerifier(pdu);
}
