/**
 * The client's bind — C706 12.6.4.3-5 (bind, bind_ack, bind_nak), [MS-RPCE] 3.3.1.5.2.1 (the
 * security legs): one presentation context (p_cont_id 0, the interface over NDR20); with a
 * security provider, its first token rides on the bind and the rest on rpc_auth_3 (NTLMSSP) or
 * alter_context (SPNEGO), as RpcClientSecurity says, at most four legs.
 */
import { AuthenticationError, MalformedPacketError, PointPrintError, RpcFaultError } from '../../common/errors';
import { RpcClientSecurity } from '../auth/client-security';
import type { RpcInitiatorMechanism } from '../auth/security-provider';
import { ContextResult, NDR20_SYNTAX, PacketType, type SyntaxId, faultStatusName, packetTypeName } from '../constants';
import { type BindAckPdu, type PresentationContext, decodeBindAck, decodeBindNak, encodeBind } from '../pdu/bind';
import { decodeFault } from '../pdu/request';
import { type RpcPipeTransport, exchange } from './exchange';

/** The server refused the bind (bind_nak) or every presentation context. */
export class RpcBindError extends PointPrintError {
  override readonly code = 'ERR_RPC_BIND';
  constructor(
    message: string,
    readonly reason: number,
  ) {
    super(message);
  }
}

export interface ClientSecurityOptions {
  readonly mechanism: RpcInitiatorMechanism;
  /** RPC_C_AUTHN_LEVEL_CONNECT .. PKT_PRIVACY. */
  readonly authLevel: number;
}

export interface BindRequest {
  readonly abstractSyntax: SyntaxId;
  readonly maxXmitFrag: number;
  readonly maxRecvFrag: number;
  /** 0 starts an association group; a bind_ack's id joins that group. */
  readonly assocGroupId: number;
  readonly security?: ClientSecurityOptions;
}

export interface BindOutcome {
  readonly ack: BindAckPdu;
  readonly security: RpcClientSecurity | undefined;
  /** The next free call_id. */
  readonly nextCallId: number;
}

const CONTEXT_RESULT_NAMES: Readonly<Record<number, string>> = {
  [ContextResult.USER_REJECTION]: 'user_rejection',
  [ContextResult.PROVIDER_REJECTION]: 'provider_rejection',
  [ContextResult.NEGOTIATE_ACK]: 'negotiate_ack',
};
const MAX_LEGS = 4;

export async function bindInterface(transport: RpcPipeTransport, req: BindRequest): Promise<BindOutcome> {
  const contexts: PresentationContext[] = [
    { contextId: 0, abstractSyntax: req.abstractSyntax, transferSyntaxes: [NDR20_SYNTAX] },
  ];
  const encode = (type: typeof PacketType.BIND | typeof PacketType.ALTER_CONTEXT, callId: number): Buffer =>
    encodeBind(type, {
      callId,
      maxXmitFrag: req.maxXmitFrag,
      maxRecvFrag: req.maxRecvFrag,
      assocGroupId: req.assocGroupId,
      contexts,
    });
  const security =
    req.security === undefined
      ? undefined
      : new RpcClientSecurity({ mechanism: req.security.mechanism, authLevel: req.security.authLevel });
  let callId = 1;
  const bindPdu = encode(PacketType.BIND, callId);
  let reply = await single(transport, security === undefined ? bindPdu : security.firstLeg(bindPdu));
  const ack = checkAck(reply, PacketType.BIND_ACK, callId, req.abstractSyntax);
  for (let leg = 0; security !== undefined && leg < MAX_LEGS; leg++) {
    const next = security.processAck(reply);
    if (next.send === 'nothing') break;
    callId++;
    if (next.send === 'auth3') {
      await transport.write(next.encode(callId));
      break;
    }
    reply = await single(transport, next.attach(encode(PacketType.ALTER_CONTEXT, callId)));
    checkAck(reply, PacketType.ALTER_CONTEXT_RESP, callId, req.abstractSyntax);
  }
  if (security !== undefined && security.context === undefined)
    throw new AuthenticationError('the security context was not built');
  return { ack, security, nextCallId: callId + 1 };
}

async function single(transport: RpcPipeTransport, pdu: Buffer): Promise<Buffer> {
  const replies = await exchange(transport, pdu, 0xffff, 0xffff, () => true);
  const reply = replies[0];
  if (reply === undefined) throw new MalformedPacketError('no reply to the bind', { field: 'bind_ack' });
  return reply;
}

function checkAck(reply: Buffer, expected: number, callId: number, iface: SyntaxId): BindAckPdu {
  const packetType = reply[2] ?? -1;
  if (packetType === PacketType.BIND_NAK) {
    const nak = decodeBindNak(reply);
    throw new RpcBindError(`bind refused (bind_nak reason ${nak.reason})`, nak.reason);
  }
  // A server refuses an alter_context's security leg with a fault ([MS-RPCE] 3.3.1.5.2.1).
  if (packetType === PacketType.FAULT && expected === PacketType.ALTER_CONTEXT_RESP) {
    const fault = decodeFault(reply);
    throw new RpcFaultError(fault.status, `the server refused the security context (${faultStatusName(fault.status)})`);
  }
  if (packetType !== expected)
    throw new MalformedPacketError(`expected ${packetTypeName(expected)}, got ${packetTypeName(packetType)}`, {
      field: 'PTYPE',
    });
  const ack = decodeBindAck(reply);
  if (ack.callId !== callId) throw new MalformedPacketError(`bind_ack for call ${ack.callId}`, { field: 'call_id' });
  const result = ack.results[0];
  if (result === undefined || result.result !== ContextResult.ACCEPTANCE) {
    const what = result === undefined ? 'no result' : (CONTEXT_RESULT_NAMES[result.result] ?? `${result.result}`);
    throw new RpcBindError(`interface ${iface.uuid} v${iface.major} refused: ${what}`, result?.reason ?? 0);
  }
  return ack;
}
