/**
 * bind / alter_context, bind_ack / alter_context_resp, bind_nak — C706 12.6.4.3-12.6.4.5,
 * [MS-RPCE] 2.2.2.4 (negotiate_ack), 2.2.2.14 (bind-time feature negotiation).
 *
 * bind, alter_context (after the 16-byte common header):
 *   16 u16 max_xmit_frag   18 u16 max_recv_frag   20 u32 assoc_group_id
 *   24 u8  n_context_elem  25 u8[3] reserved
 *   per element: u16 p_cont_id, u8 n_transfer_syn, u8 reserved, abstract p_syntax_id_t (20),
 *                n_transfer_syn x p_syntax_id_t (20)
 *   [auth verifier: sec_trailer (8) + auth_length bytes, at frag_length - auth_length - 8]
 *
 * bind_ack, alter_context_resp:
 *   16 u16 max_xmit_frag   18 u16 max_recv_frag   20 u32 assoc_group_id
 *   24 u16 sec_addr length (with the NUL; 0 = none)  26 char[] sec_addr  pad to 4 (from PDU start)
 *   u8 n_results, u8[3] reserved; per result: u16 result, u16 reason, transfer p_syntax_id_t (20)
 *
 * bind_nak:
 *   16 u16 provider_reject_reason   18 u8 n_protocols, then per protocol u8 major, u8 minor
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';
import type { SyntaxId } from '../constants';
import { PacketType, PfcFlags } from '../constants';
import type { CommonHeader } from './common-header';
import { decodeCommonHeader, encodeCommonHeader } from './common-header';
import { decodeSyntaxId, encodeSyntaxId } from './syntax-id';

export interface PresentationContext {
  readonly contextId: number;
  readonly abstractSyntax: SyntaxId;
  readonly transferSyntaxes: readonly SyntaxId[];
}

export interface BindPdu {
  readonly header: CommonHeader;
  readonly maxXmitFrag: number;
  readonly maxRecvFrag: number;
  readonly assocGroupId: number;
  readonly contexts: readonly PresentationContext[];
  /** The auth verifier bytes when auth_length > 0 (we accept none; the caller refuses). */
  readonly authVerifier?: Buffer;
}

export interface ContextResultEntry {
  readonly result: number;
  readonly reason: number;
  readonly transferSyntax: SyntaxId;
}

export interface BindAckPdu {
  readonly callId: number;
  readonly flags?: number;
  readonly maxXmitFrag: number;
  readonly maxRecvFrag: number;
  readonly assocGroupId: number;
  /** `\PIPE\spoolss` on bind_ack; "" (length 0) on alter_context_resp. */
  readonly secondaryAddress: string;
  readonly results: readonly ContextResultEntry[];
}

export interface BindNakPdu {
  readonly callId: number;
  readonly reason: number;
  readonly versions: readonly { readonly major: number; readonly minor: number }[];
}

const FIRST_LAST = PfcFlags.PFC_FIRST_FRAG | PfcFlags.PFC_LAST_FRAG;

/** Decodes a whole bind or alter_context PDU. */
export function decodeBind(pdu: Buffer): BindPdu {
  const r = new BufferReader(pdu);
  const header = decodeCommonHeader(r);
  if (header.packetType !== PacketType.BIND && header.packetType !== PacketType.ALTER_CONTEXT) {
    throw new MalformedPacketError(`not a bind: PTYPE ${header.packetType}`, { field: 'PTYPE' });
  }
  const body = new BufferReader(pdu, 0, checkFragLength(pdu, header));
  body.seek(16);
  const maxXmitFrag = body.u16('max_xmit_frag');
  const maxRecvFrag = body.u16('max_recv_frag');
  const assocGroupId = body.u32('assoc_group_id');
  const n = body.u8('n_context_elem');
  body.skip(3, 'reserved');
  const contexts: PresentationContext[] = [];
  for (let i = 0; i < n; i++) {
    const contextId = body.u16('p_cont_id');
    const nTransfer = body.u8('n_transfer_syn');
    body.skip(1, 'reserved');
    const abstractSyntax = decodeSyntaxId(body, 'abstract_syntax');
    const transferSyntaxes: SyntaxId[] = [];
    for (let j = 0; j < nTransfer; j++) transferSyntaxes.push(decodeSyntaxId(body, 'transfer_syntax'));
    contexts.push({ contextId, abstractSyntax, transferSyntaxes });
  }
  const authVerifier =
    header.authLength > 0
      ? body.slice(header.fragLength - header.authLength - 8, header.authLength + 8, 'auth_verifier')
      : undefined;
  return { header, maxXmitFrag, maxRecvFrag, assocGroupId, contexts, ...(authVerifier && { authVerifier }) };
}

/** A bind or alter_context PDU (our client's, and the tests'). */
export function encodeBind(
  packetType: typeof PacketType.BIND | typeof PacketType.ALTER_CONTEXT,
  pdu: {
    callId: number;
    maxXmitFrag: number;
    maxRecvFrag: number;
    assocGroupId: number;
    contexts: readonly PresentationContext[];
  },
): Buffer {
  const w = new BufferWriter(128);
  const finish = encodeCommonHeader(w, { packetType, flags: FIRST_LAST, callId: pdu.callId });
  w.u16(pdu.maxXmitFrag).u16(pdu.maxRecvFrag).u32(pdu.assocGroupId);
  w.u8(pdu.contexts.length).zeros(3);
  for (const c of pdu.contexts) {
    w.u16(c.contextId).u8(c.transferSyntaxes.length).u8(0);
    encodeSyntaxId(w, c.abstractSyntax);
    for (const t of c.transferSyntaxes) encodeSyntaxId(w, t);
  }
  finish();
  return w.finish();
}

export function encodeBindAck(
  packetType: typeof PacketType.BIND_ACK | typeof PacketType.ALTER_CONTEXT_RESP,
  pdu: BindAckPdu,
): Buffer {
  const w = new BufferWriter(128);
  const finish = encodeCommonHeader(w, { packetType, flags: pdu.flags ?? FIRST_LAST, callId: pdu.callId });
  w.u16(pdu.maxXmitFrag).u16(pdu.maxRecvFrag).u32(pdu.assocGroupId);
  if (pdu.secondaryAddress.length > 0) {
    const addr = Buffer.from(`${pdu.secondaryAddress}\0`, 'latin1');
    w.u16(addr.length).bytes(addr);
  } else {
    w.u16(0);
  }
  w.align(4);
  w.u8(pdu.results.length).zeros(3);
  for (const res of pdu.results) {
    w.u16(res.result).u16(res.reason);
    encodeSyntaxId(w, res.transferSyntax);
  }
  finish();
  return w.finish();
}

export function decodeBindAck(pdu: Buffer): BindAckPdu & { readonly packetType: number } {
  const r = new BufferReader(pdu);
  const header = decodeCommonHeader(r);
  if (header.packetType !== PacketType.BIND_ACK && header.packetType !== PacketType.ALTER_CONTEXT_RESP) {
    throw new MalformedPacketError(`not a bind_ack: PTYPE ${header.packetType}`, { field: 'PTYPE' });
  }
  const body = new BufferReader(pdu, 0, checkFragLength(pdu, header));
  body.seek(16);
  const maxXmitFrag = body.u16('max_xmit_frag');
  const maxRecvFrag = body.u16('max_recv_frag');
  const assocGroupId = body.u32('assoc_group_id');
  const addrLen = body.u16('sec_addr.length');
  const addr = body.bytes(addrLen, 'sec_addr');
  const secondaryAddress = addr.toString('latin1').replace(/\0.*$/s, '');
  body.align(4);
  const n = body.u8('n_results');
  body.skip(3, 'reserved');
  const results: ContextResultEntry[] = [];
  for (let i = 0; i < n; i++) {
    const result = body.u16('result');
    const reason = body.u16('reason');
    results.push({ result, reason, transferSyntax: decodeSyntaxId(body, 'transfer_syntax') });
  }
  return {
    packetType: header.packetType,
    callId: header.callId,
    flags: header.flags,
    maxXmitFrag,
    maxRecvFrag,
    assocGroupId,
    secondaryAddress,
    results,
  };
}

export function encodeBindNak(pdu: BindNakPdu): Buffer {
  const w = new BufferWriter(32);
  const finish = encodeCommonHeader(w, { packetType: PacketType.BIND_NAK, flags: FIRST_LAST, callId: pdu.callId });
  w.u16(pdu.reason).u8(pdu.versions.length);
  for (const v of pdu.versions) w.u8(v.major).u8(v.minor);
  w.align(4);
  finish();
  return w.finish();
}

export function decodeBindNak(pdu: Buffer): BindNakPdu {
  const r = new BufferReader(pdu);
  const header = decodeCommonHeader(r);
  if (header.packetType !== PacketType.BIND_NAK)
    throw new MalformedPacketError(`not a bind_nak: PTYPE ${header.packetType}`, { field: 'PTYPE' });
  const body = new BufferReader(pdu, 0, checkFragLength(pdu, header));
  body.seek(16);
  const reason = body.u16('provider_reject_reason');
  const versions: { major: number; minor: number }[] = [];
  // The version list is optional in practice (Windows sends it, some peers stop at the reason).
  if (body.remaining > 0) {
    const n = body.u8('n_protocols');
    for (let i = 0; i < n; i++) versions.push({ major: body.u8('major'), minor: body.u8('minor') });
  }
  return { callId: header.callId, reason, versions };
}

/** The PDU must be exactly frag_length bytes and hold its auth verifier. */
export function checkFragLength(pdu: Buffer, header: CommonHeader): number {
  if (header.fragLength !== pdu.length) {
    throw new MalformedPacketError(`frag_length ${header.fragLength} but PDU has ${pdu.length} bytes`, {
      field: 'frag_length',
    });
  }
  if (header.authLength > 0 && header.authLength + 8 + 16 > header.fragLength) {
    throw new MalformedPacketError(`auth_length ${header.authLength} larger than the PDU`, { field: 'auth_length' });
  }
  return header.fragLength;
}
