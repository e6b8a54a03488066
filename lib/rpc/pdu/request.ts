/**
 * request, response and fault PDUs — C706 12.6.4.9 (request), 12.6.4.10 (response),
 * 12.6.4.7 (fault).
 *
 * request:   16 u32 alloc_hint  20 u16 p_cont_id  22 u16 opnum  [24 object UUID (16) if PFC_OBJECT_UUID]
 *            stub ... [sec_trailer + auth verifier when auth_length > 0]
 * response:  16 u32 alloc_hint  20 u16 p_cont_id  22 u8 cancel_count  23 u8 reserved  24 stub ...
 * fault:     16 u32 alloc_hint  20 u16 p_cont_id  22 u8 cancel_count  23 u8 reserved
 *            24 u32 status  28 u32 reserved (32 bytes in all)
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { BufferWriter } from '../../common/binary/buffer-writer';
import { guidFromBuffer, guidToBuffer } from '../../common/binary/guid';
import { MalformedPacketError } from '../../common/errors';
import { PacketType, PfcFlags, REQUEST_HEADER_LENGTH } from '../constants';
import { checkFragLength } from './bind';
import type { CommonHeader } from './common-header';
import { decodeCommonHeader, encodeCommonHeader } from './common-header';

export interface RequestPdu {
  readonly header: CommonHeader;
  readonly allocHint: number;
  readonly contextId: number;
  readonly opnum: number;
  readonly objectUuid?: string;
  /** This fragment's stub bytes (a view into the PDU). */
  readonly stub: Buffer;
}

export interface ResponsePdu {
  readonly header: CommonHeader;
  readonly allocHint: number;
  readonly contextId: number;
  readonly cancelCount: number;
  readonly stub: Buffer;
}

export interface FaultPdu {
  readonly header: CommonHeader;
  readonly allocHint: number;
  readonly contextId: number;
  readonly cancelCount: number;
  readonly status: number;
}

/** Where the stub ends: before the sec_trailer and auth verifier, when there is one. */
function stubEnd(header: CommonHeader): number {
  return header.authLength > 0 ? header.fragLength - header.authLength - 8 : header.fragLength;
}

export function decodeRequest(pdu: Buffer): RequestPdu {
  const r = new BufferReader(pdu);
  const header = decodeCommonHeader(r);
  if (header.packetType !== PacketType.REQUEST)
    throw new MalformedPacketError(`not a request: PTYPE ${header.packetType}`, { field: 'PTYPE' });
  checkFragLength(pdu, header);
  const end = stubEnd(header);
  const body = new BufferReader(pdu, 0, end);
  body.seek(16, 'request header');
  const allocHint = body.u32('alloc_hint');
  const contextId = body.u16('p_cont_id');
  const opnum = body.u16('opnum');
  const objectUuid =
    (header.flags & PfcFlags.PFC_OBJECT_UUID) !== 0 ? guidFromBuffer(body.bytes(16, 'object')) : undefined;
  const stub = body.bytes(body.remaining, 'stub');
  return { header, allocHint, contextId, opnum, ...(objectUuid !== undefined && { objectUuid }), stub };
}

export function encodeRequest(pdu: {
  callId: number;
  flags: number;
  allocHint: number;
  contextId: number;
  opnum: number;
  objectUuid?: string;
  stub: Buffer;
}): Buffer {
  const w = new BufferWriter(REQUEST_HEADER_LENGTH + pdu.stub.length + 16);
  const flags = pdu.objectUuid !== undefined ? pdu.flags | PfcFlags.PFC_OBJECT_UUID : pdu.flags;
  const finish = encodeCommonHeader(w, { packetType: PacketType.REQUEST, flags, callId: pdu.callId });
  w.u32(pdu.allocHint).u16(pdu.contextId).u16(pdu.opnum);
  if (pdu.objectUuid !== undefined) w.bytes(guidToBuffer(pdu.objectUuid));
  w.bytes(pdu.stub);
  finish();
  return w.finish();
}

export function encodeResponse(pdu: {
  callId: number;
  flags: number;
  allocHint: number;
  contextId: number;
  stub: Buffer;
}): Buffer {
  const w = new BufferWriter(REQUEST_HEADER_LENGTH + pdu.stub.length);
  const finish = encodeCommonHeader(w, { packetType: PacketType.RESPONSE, flags: pdu.flags, callId: pdu.callId });
  w.u32(pdu.allocHint).u16(pdu.contextId).u8(0).u8(0);
  w.bytes(pdu.stub);
  finish();
  return w.finish();
}

export function decodeResponse(pdu: Buffer): ResponsePdu {
  const r = new BufferReader(pdu);
  const header = decodeCommonHeader(r);
  if (header.packetType !== PacketType.RESPONSE)
    throw new MalformedPacketError(`not a response: PTYPE ${header.packetType}`, { field: 'PTYPE' });
  checkFragLength(pdu, header);
  const body = new BufferReader(pdu, 0, stubEnd(header));
  body.seek(16, 'response header');
  const allocHint = body.u32('alloc_hint');
  const contextId = body.u16('p_cont_id');
  const cancelCount = body.u8('cancel_count');
  body.skip(1, 'reserved');
  return { header, allocHint, contextId, cancelCount, stub: body.bytes(body.remaining, 'stub') };
}

export function encodeFault(pdu: {
  callId: number;
  contextId: number;
  status: number;
  didNotExecute?: boolean;
}): Buffer {
  const w = new BufferWriter(32);
  const flags =
    PfcFlags.PFC_FIRST_FRAG | PfcFlags.PFC_LAST_FRAG | (pdu.didNotExecute === true ? PfcFlags.PFC_DID_NOT_EXECUTE : 0);
  const finish = encodeCommonHeader(w, { packetType: PacketType.FAULT, flags, callId: pdu.callId });
  w.u32(0).u16(pdu.contextId).u8(0).u8(0);
  w.u32(pdu.status).u32(0);
  finish();
  return w.finish();
}

export function decodeFault(pdu: Buffer): FaultPdu {
  const r = new BufferReader(pdu);
  const header = decodeCommonHeader(r);
  if (header.packetType !== PacketType.FAULT)
    throw new MalformedPacketError(`not a fault: PTYPE ${header.packetType}`, { field: 'PTYPE' });
  checkFragLength(pdu, header);
  const body = new BufferReader(pdu, 0, stubEnd(header));
  body.seek(16, 'fault header');
  const allocHint = body.u32('alloc_hint');
  const contextId = body.u16('p_cont_id');
  const cancelCount = body.u8('cancel_count');
  body.skip(1, 'reserved');
  const status = body.u32('status');
  return { header, allocHint, contextId, cancelCount, status };
}
