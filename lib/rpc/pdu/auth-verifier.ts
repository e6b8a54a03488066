/**
 * The auth verifier of a connection-oriented PDU — [MS-RPCE] 2.2.2.11 (sec_trailer), C706 13.2.6.1
 * (auth_verifier_co_t). When auth_length > 0 the PDU ends with
 *
 *   ... PDU body | auth pad (auth_pad_length) | sec_trailer (8) | auth token (auth_length)
 *
 *   sec_trailer: 0 u8 auth_type   1 u8 auth_level   2 u8 auth_pad_length   3 u8 auth_reserved
 *                4 u32 auth_context_id
 *
 * and the sec_trailer starts at frag_length - auth_length - 8. Where the body starts depends on
 * the PTYPE: the stub of a request (24, or 40 with an object UUID) or a response (24); the end of
 * the context list of a bind/alter_context, of the result list of a bind_ack/alter_context_resp,
 * and byte 20 of an rpc_auth_3. Requests and responses pad the stub to 16 bytes from its start
 * (Windows and Samba); for the others the pad must be exactly what lies between the body and the
 * trailer (Samba's dcerpc_pull_auth_trailer, with its tolerance for a stray pad count on an empty
 * gap). Pure and bounds-checked: every problem is a MalformedPacketError.
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { BufferWriter } from '../../common/binary/buffer-writer';
import { EncodingError, MalformedPacketError } from '../../common/errors';
import {
  AUTH3_HEADER_LENGTH,
  AUTH_PAD_ALIGNMENT,
  COMMON_HEADER_LENGTH,
  PacketType,
  PfcFlags,
  REQUEST_HEADER_LENGTH,
  RESPONSE_HEADER_LENGTH,
  SEC_TRAILER_LENGTH,
} from '../constants';
import { type CommonHeader, decodeCommonHeader } from './common-header';
import { SYNTAX_ID_LENGTH } from './syntax-id';

export interface SecTrailer {
  readonly authType: number;
  readonly authLevel: number;
  readonly authPadLength: number;
  readonly authContextId: number;
}

export interface AuthVerifier {
  readonly header: CommonHeader;
  readonly trailer: SecTrailer;
  /** The auth token (a view into the PDU), auth_length bytes. */
  readonly token: Buffer;
  /** Where the sec_trailer starts: frag_length - auth_length - 8. */
  readonly trailerOffset: number;
  /** Where the body starts (the stub of a request/response, the auth pad of the others). */
  readonly bodyOffset: number;
}

/** Decodes and checks the auth verifier of a whole PDU with auth_length > 0. */
export function decodeAuthVerifier(pdu: Buffer): AuthVerifier {
  const header = decodeCommonHeader(new BufferReader(pdu));
  if (header.fragLength !== pdu.length) {
    throw new MalformedPacketError(`frag_length ${header.fragLength} but PDU has ${pdu.length} bytes`, {
      field: 'frag_length',
    });
  }
  if (header.authLength === 0)
    throw new MalformedPacketError('no auth verifier (auth_length 0)', { field: 'auth_length' });
  const trailerOffset = header.fragLength - header.authLength - SEC_TRAILER_LENGTH;
  const bodyOffset = payloadEnd(pdu, header);
  if (trailerOffset < bodyOffset) {
    throw new MalformedPacketError(`auth_length ${header.authLength} overlaps the PDU body (ends at ${bodyOffset})`, {
      offset: 10,
      field: 'auth_length',
    });
  }
  const r = new BufferReader(pdu, trailerOffset);
  const authType = r.u8('auth_type');
  const authLevel = r.u8('auth_level');
  let authPadLength = r.u8('auth_pad_length');
  r.skip(1, 'auth_reserved');
  const authContextId = r.u32('auth_context_id');
  const token = r.bytes(header.authLength, 'auth_token');
  const gap = trailerOffset - bodyOffset;
  if (carriesStub(header.packetType)) {
    if (authPadLength > gap) {
      throw new MalformedPacketError(`auth_pad_length ${authPadLength} larger than the ${gap}-byte stub`, {
        offset: trailerOffset + 2,
        field: 'auth_pad_length',
      });
    }
  } else if (gap === 0) {
    authPadLength = 0; // old Samba put a pad count on bind_ack/alter_resp with no pad
  } else if (gap !== authPadLength) {
    throw new MalformedPacketError(`auth_pad_length ${authPadLength} but ${gap} bytes precede the sec_trailer`, {
      offset: trailerOffset + 2,
      field: 'auth_pad_length',
    });
  }
  return {
    header,
    trailer: { authType, authLevel, authPadLength, authContextId },
    token,
    trailerOffset,
    bodyOffset,
  };
}

function carriesStub(packetType: number): boolean {
  return packetType === PacketType.REQUEST || packetType === PacketType.RESPONSE;
}

/** Where the PTYPE-specific part ends and the body (stub, or auth pad) begins. */
export function payloadEnd(pdu: Buffer, header: CommonHeader): number {
  const end = header.authLength > 0 ? header.fragLength - header.authLength - SEC_TRAILER_LENGTH : header.fragLength;
  const r = new BufferReader(pdu, 0, Math.max(COMMON_HEADER_LENGTH, end));
  switch (header.packetType) {
    case PacketType.REQUEST:
      return (header.flags & PfcFlags.PFC_OBJECT_UUID) !== 0 ? REQUEST_HEADER_LENGTH + 16 : REQUEST_HEADER_LENGTH;
    case PacketType.RESPONSE:
      return RESPONSE_HEADER_LENGTH;
    case PacketType.AUTH3:
      return AUTH3_HEADER_LENGTH;
    case PacketType.BIND:
    case PacketType.ALTER_CONTEXT: {
      r.seek(24, 'n_context_elem');
      const n = r.u8('n_context_elem');
      r.skip(3, 'reserved');
      for (let i = 0; i < n; i++) {
        r.skip(2, 'p_cont_id');
        const nTransfer = r.u8('n_transfer_syn');
        r.skip(1 + SYNTAX_ID_LENGTH * (1 + nTransfer), 'p_cont_elem');
      }
      return r.offset;
    }
    case PacketType.BIND_ACK:
    case PacketType.ALTER_CONTEXT_RESP: {
      r.seek(24, 'sec_addr');
      r.skip(r.u16('sec_addr.length'), 'sec_addr');
      r.align(4);
      const n = r.u8('n_results');
      r.skip(3 + n * (4 + SYNTAX_ID_LENGTH), 'p_result_list');
      return r.offset;
    }
    default:
      throw new MalformedPacketError(`PTYPE ${header.packetType} carries no auth verifier here`, { field: 'PTYPE' });
  }
}

export function encodeSecTrailer(w: BufferWriter, t: SecTrailer): void {
  w.u8(t.authType).u8(t.authLevel).u8(t.authPadLength).u8(0).u32(t.authContextId);
}

/** The pad that makes `bodyLength` a multiple of `alignment`. */
export function authPadLength(bodyLength: number, alignment: number = AUTH_PAD_ALIGNMENT): number {
  return (alignment - (bodyLength % alignment)) % alignment;
}

/**
 * Appends pad, sec_trailer and a token of `tokenLength` zero bytes to a PDU that has no verifier
 * (frag_length and auth_length patched). The body is padded to `alignment` from `bodyOffset`.
 * Returns the new PDU and where the sec_trailer and the token start, for a signer to fill in.
 */
export function appendAuthVerifier(
  pdu: Buffer,
  options: {
    readonly bodyOffset: number;
    readonly alignment: number;
    readonly trailer: Omit<SecTrailer, 'authPadLength'>;
    readonly tokenLength: number;
  },
): { readonly pdu: Buffer; readonly trailerOffset: number; readonly tokenOffset: number } {
  const header = decodeCommonHeader(new BufferReader(pdu));
  if (header.authLength !== 0 || header.fragLength !== pdu.length || options.bodyOffset > pdu.length) {
    throw new MalformedPacketError('appendAuthVerifier needs a whole PDU without a verifier', { field: 'auth_length' });
  }
  const pad = authPadLength(pdu.length - options.bodyOffset, options.alignment);
  const w = new BufferWriter(pdu.length + pad + SEC_TRAILER_LENGTH + options.tokenLength);
  w.bytes(pdu).zeros(pad);
  const trailerOffset = w.offset;
  encodeSecTrailer(w, { ...options.trailer, authPadLength: pad });
  const tokenOffset = w.offset;
  w.zeros(options.tokenLength);
  const out = w.finish();
  if (out.length > 0xffff) throw new EncodingError(`a ${out.length}-byte PDU does not fit frag_length`);
  out.writeUInt16LE(out.length, 8);
  out.writeUInt16LE(options.tokenLength, 10);
  return { pdu: out, trailerOffset, tokenOffset };
}
