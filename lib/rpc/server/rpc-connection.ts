/**
 * One connection-oriented DCE/RPC association on the server, whatever carries its PDUs (a named
 * pipe open, a TCP connection) — C706 chapter 12, [MS-RPCE] 3.3.1 (server), 3.3.1.5.2
 * (authentication), 2.2.2.13 (verification trailer).
 *
 * State: unbound -> bound (bind_ack; alter_context adds contexts) -> closed. The transport hands
 * over whole PDUs (receive); this sends whole PDUs back (options.send) and asks the transport to
 * end the connection after a fault that closes it (options.disconnect), as Samba's
 * dcesrv_fault_disconnect does.
 *
 *   bind          -> RpcServerSecurity.processBind; accept: bind_ack (+ verifier), reject: bind_nak;
 *                    the client joins its association group (assoc_group_id) or starts one
 *   alter_context -> processAlterContext; alter_context_resp, or a fault and close
 *   rpc_auth_3    -> processAuth3; no answer, a fault and close for a bad one
 *   request       -> every fragment checked and unsealed (unprotectRequest), reassembled, admitted
 *                    (call-admission.ts: least auth level, verification trailer), then run by the
 *                    group's instance of the interface. Calls run concurrently: a slow call (a long
 *                    poll) does not hold the others; each answer goes out whole when it is ready.
 *   response      -> cut to max_xmit_frag less the verifier, each fragment signed or sealed.
 * A call's error becomes its fault in call-admission.ts; security failures fault and close.
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { MalformedPacketError, RpcFaultError } from '../../common/errors';
import type { AuthenticatedUser } from '../../common/identity';
import type { Logger } from '../../common/logger';
import { RpcServerSecurity } from '../auth/server-security';
import {
  BindNakReason,
  DEFAULT_MAX_FRAG,
  FaultStatus,
  MIN_FRAG,
  PacketType,
  PFC_SUPPORT_HEADER_SIGN,
  RpcAuthnLevel,
  faultStatusName,
  packetTypeName,
  rpcAuthnLevelName,
} from '../constants';
import { decodeBind, encodeBindAck, encodeBindNak, type BindPdu } from '../pdu/bind';
import { decodeCommonHeader } from '../pdu/common-header';
import { Fragmenter, negotiateFragSizes } from '../pdu/fragmenter';
import { StubReassembler } from '../pdu/reassembler';
import { type RequestPdu, decodeRequest, encodeFault } from '../pdu/request';
import type { AssociationGroup } from './association-groups';
import { admitCall, faultForError } from './call-admission';
import { type BoundContext, ContextConflictError, negotiateContexts } from './presentation-contexts';
import type { RequestCall, RpcConnectionOptions } from './rpc-connection-options';

const DEFAULT_MAX_REQUEST = 16 * 1024 * 1024;
/** What this server offers at bind, and keeps to before one. */
const SERVER_FRAG_SIZES = { maxXmitFrag: DEFAULT_MAX_FRAG, maxRecvFrag: DEFAULT_MAX_FRAG } as const;
/** Faults for calls the server never started: the client may retry them safely. */
const NOT_EXECUTED: ReadonlySet<number> = new Set([
  FaultStatus.NCA_S_OP_RNG_ERROR,
  FaultStatus.NCA_S_UNK_IF,
  FaultStatus.NCA_S_PROTO_ERROR,
  FaultStatus.NCA_S_FAULT_NDR,
  FaultStatus.NCA_S_UNSUPPORTED_TYPE,
]);
const RPC_VERSIONS = [{ major: 5, minor: 0 }];
const DONE = Promise.resolve();

export type { RpcConnectionOptions } from './rpc-connection-options';

export class RpcConnection {
  private state: 'unbound' | 'bound' | 'closed' = 'unbound';
  private readonly security: RpcServerSecurity;
  private readonly contexts = new Map<number, BoundContext>();
  private fragmenter = new Fragmenter(SERVER_FRAG_SIZES);
  private readonly reassembler: StubReassembler<RequestCall>;
  private group: AssociationGroup | undefined;
  private clientHeaderSigning = false;
  private inFlight = 0;
  private readonly log: Logger;
  /** Aborted by close(): what the interfaces keep for this connection ends with it. */
  private readonly closing = new AbortController();

  constructor(private readonly options: RpcConnectionOptions) {
    this.log = options.logger;
    this.security = new RpcServerSecurity({ acceptor: options.acceptor ?? (() => undefined) });
    this.reassembler = new StubReassembler(options.maxRequestBytes ?? DEFAULT_MAX_REQUEST);
  }

  get currentState(): 'unbound' | 'bound' | 'closed' {
    return this.state;
  }

  /** The association group, once bound. */
  get assocGroupId(): number | undefined {
    return this.group?.id;
  }

  get callsInFlight(): number {
    return this.inFlight;
  }

  /** Who the calls run as: the RPC identity, else the transport's. */
  get caller(): AuthenticatedUser | undefined {
    return this.security.user ?? this.options.transportUser;
  }

  /** Bound, and no security exchange left half-done (what a negotiation timeout waits for). */
  get established(): boolean {
    return this.state === 'bound' && this.security.state !== 'negotiating';
  }

  get authLevel(): number {
    return this.security.context?.authLevel ?? RpcAuthnLevel.RPC_C_AUTHN_LEVEL_NONE;
  }

  /**
   * One whole PDU from the client. Everything that orders the connection (binds, security legs,
   * sequence numbers, reassembly) happens before this returns; the promise is the call it
   * started, if any, and never rejects.
   */
  receive(pdu: Buffer): Promise<void> {
    if (this.state === 'closed') return DONE;
    let packetType: number;
    let callId: number;
    try {
      const h = decodeCommonHeader(new BufferReader(pdu));
      packetType = h.packetType;
      callId = h.callId;
    } catch (err) {
      // A readable call id still gets an answer.
      this.log.debug('bad PDU header', { error: String(err) });
      this.fault(pdu.length >= 16 ? pdu.readUInt32LE(12) : 0, 0, FaultStatus.NCA_S_PROTO_ERROR);
      return DONE;
    }
    this.log.debug('PDU', { ptype: packetTypeName(packetType), callId, length: pdu.length });
    switch (packetType) {
      case PacketType.BIND:
        this.bind(pdu, callId);
        return DONE;
      case PacketType.ALTER_CONTEXT:
        this.alterContext(pdu, callId);
        return DONE;
      case PacketType.AUTH3:
        this.auth3(pdu, callId);
        return DONE;
      case PacketType.REQUEST:
        return this.request(pdu, callId);
      case PacketType.SHUTDOWN:
      case PacketType.CO_CANCEL:
        // Nothing runs long enough to cancel: ignored, as Windows does.
        return DONE;
      case PacketType.ORPHANED:
        if (this.reassembler.inProgress?.callId === callId) this.reassembler.reset();
        return DONE;
      default:
        this.fault(callId, 0, FaultStatus.NCA_S_PROTO_ERROR);
        return DONE;
    }
  }

  /** The transport is gone: leave the association group (its last member runs the rundown). */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closing.abort();
    this.reassembler.reset();
    if (this.group !== undefined) this.options.groups.leave(this.group);
    this.group = undefined;
  }

  // ---- bind, alter_context, rpc_auth_3 --------------------------------------------------------

  private bind(pdu: Buffer, callId: number): void {
    const nak = (reason: number, why: string): void => {
      this.log.info('bind refused', { endpoint: this.options.endpoint, callId, reason, why });
      this.options.send(encodeBindNak({ callId, reason, versions: RPC_VERSIONS }));
    };
    if (this.state !== 'unbound') return nak(BindNakReason.REASON_NOT_SPECIFIED, 'a second bind');
    let bind: BindPdu;
    try {
      bind = decodeBind(pdu);
    } catch (err) {
      return nak(BindNakReason.REASON_NOT_SPECIFIED, `undecodable bind: ${String(err)}`);
    }
    if (bind.maxRecvFrag < MIN_FRAG || bind.maxXmitFrag < MIN_FRAG)
      return nak(BindNakReason.LOCAL_LIMIT_EXCEEDED, 'fragments below 1432 bytes');
    const outcome = this.security.processBind(pdu);
    if (outcome.result === 'reject') return nak(outcome.reason, outcome.message);
    const joining = bind.assocGroupId !== 0;
    const group = joining ? this.options.groups.join(bind.assocGroupId) : this.options.groups.create();
    if (group === undefined)
      return joining
        ? nak(BindNakReason.REASON_NOT_SPECIFIED, `unknown association group 0x${bind.assocGroupId.toString(16)}`)
        : nak(BindNakReason.TEMPORARY_CONGESTION, 'too many association groups');
    let results;
    try {
      results = negotiateContexts(bind.contexts, this.options.interfaces, this.contexts);
    } catch (err) {
      if (!(err instanceof ContextConflictError)) throw err;
      this.options.groups.leave(group);
      return nak(BindNakReason.REASON_NOT_SPECIFIED, err.message);
    }
    this.group = group;
    this.state = 'bound';
    this.clientHeaderSigning = (bind.header.flags & PFC_SUPPORT_HEADER_SIGN) !== 0;
    this.fragmenter = new Fragmenter(negotiateFragSizes(SERVER_FRAG_SIZES, bind));
    this.log.info('bind', {
      endpoint: this.options.endpoint,
      callId,
      assocGroup: `0x${group.id.toString(16)}${joining ? ' (joined)' : ''}`,
      auth: bind.authVerifier === undefined ? 'none' : this.security.state,
      contexts: bind.contexts.map((c, i) => `${c.contextId}:${c.abstractSyntax.uuid}=${results[i]?.result ?? '?'}`),
    });
    this.options.send(outcome.finishAck(this.ack(PacketType.BIND_ACK, callId, results)));
  }

  private alterContext(pdu: Buffer, callId: number): void {
    if (this.state !== 'bound')
      return this.fault(callId, 0, FaultStatus.NCA_S_PROTO_ERROR, 'alter_context before bind');
    let alter: BindPdu;
    let finish: (resp: Buffer) => Buffer;
    let results;
    try {
      alter = decodeBind(pdu);
      finish = this.security.processAlterContext(pdu);
      results = negotiateContexts(alter.contexts, this.options.interfaces, this.contexts);
    } catch (err) {
      if (err instanceof RpcFaultError) return this.fault(callId, 0, err.status, err.message);
      if (err instanceof MalformedPacketError || err instanceof ContextConflictError)
        return this.fault(callId, 0, FaultStatus.NCA_S_PROTO_ERROR, err.message);
      throw err;
    }
    this.log.info('alter_context', {
      endpoint: this.options.endpoint,
      callId,
      auth: this.security.state,
      level: rpcAuthnLevelName(this.authLevel),
      security: this.security.context?.params.description,
    });
    this.options.send(finish(this.ack(PacketType.ALTER_CONTEXT_RESP, callId, results)));
  }

  private ack(
    type: typeof PacketType.BIND_ACK | typeof PacketType.ALTER_CONTEXT_RESP,
    callId: number,
    results: Parameters<typeof encodeBindAck>[1]['results'],
  ): Buffer {
    return encodeBindAck(type, {
      callId,
      maxXmitFrag: this.fragmenter.sizes.maxXmitFrag,
      maxRecvFrag: this.fragmenter.sizes.maxRecvFrag,
      assocGroupId: this.group?.id ?? 0,
      secondaryAddress: type === PacketType.BIND_ACK ? this.options.secondaryAddress : '',
      results,
    });
  }

  private auth3(pdu: Buffer, callId: number): void {
    if (this.state !== 'bound') return this.fault(callId, 0, FaultStatus.NCA_S_PROTO_ERROR, 'rpc_auth_3 before bind');
    try {
      this.security.processAuth3(pdu);
    } catch (err) {
      if (err instanceof RpcFaultError) return this.fault(callId, 0, err.status, err.message);
      throw err;
    }
    this.log.info('rpc_auth_3', {
      endpoint: this.options.endpoint,
      auth: this.security.state,
      level: rpcAuthnLevelName(this.authLevel),
      security: this.security.context?.params.description,
    });
  }

  // ---- requests --------------------------------------------------------------------------------

  private request(pdu: Buffer, callId: number): Promise<void> {
    let req: RequestPdu;
    try {
      req = decodeRequest(pdu);
    } catch (err) {
      this.log.debug('undecodable request', { callId, error: String(err) });
      this.reassembler.reset();
      this.fault(callId, 0, FaultStatus.NCA_S_PROTO_ERROR);
      return DONE;
    }
    const { contextId, opnum } = req;
    if (this.state !== 'bound') {
      this.fault(callId, contextId, FaultStatus.NCA_S_PROTO_ERROR);
      return DONE;
    }
    if (pdu.length > this.fragmenter.sizes.maxRecvFrag) {
      this.fault(callId, contextId, FaultStatus.NCA_S_PROTO_ERROR, `a ${pdu.length}-byte fragment`);
      return DONE;
    }
    let stub: Buffer;
    try {
      stub = this.security.unprotectRequest(pdu);
    } catch (err) {
      if (err instanceof RpcFaultError) this.fault(callId, contextId, err.status, err.message);
      else if (err instanceof MalformedPacketError)
        this.fault(callId, contextId, FaultStatus.NCA_S_PROTO_ERROR, err.message);
      else throw err;
      return DONE;
    }
    const objectUuid = req.objectUuid?.toLowerCase();
    const call: RequestCall = { callId, contextId, opnum, objectUuid, drep: Buffer.from(pdu.subarray(4, 8)) };
    const { abandoned, result } = this.reassembler.push(call, req.header.flags, stub);
    // A new call while one is half-received: the old one is abandoned with a fault.
    if (abandoned !== undefined) this.fault(abandoned.callId, abandoned.contextId, FaultStatus.NCA_S_PROTO_ERROR);
    switch (result.kind) {
      case 'unexpected':
      case 'too-large':
        this.fault(callId, contextId, FaultStatus.NCA_S_PROTO_ERROR);
        return DONE;
      case 'more':
      case 'dropped':
        return DONE;
      case 'complete':
        return this.dispatch(result.call, result.stub);
    }
  }

  private async dispatch(call: RequestCall, stub: Buffer): Promise<void> {
    const bound = this.contexts.get(call.contextId);
    const group = this.group;
    if (bound === undefined || group === undefined)
      return this.fault(call.callId, call.contextId, FaultStatus.NCA_S_UNK_IF);
    const level = this.authLevel;
    const admission = admitCall(call, stub, bound, {
      authLevel: level,
      leastAuthLevel: this.options.policy.minAuthLevel(bound.definition.syntax, this.options.transport),
      clientHeaderSigning: this.clientHeaderSigning,
    });
    if (!admission.admitted) {
      this.log.info('call refused', { endpoint: this.options.endpoint, callId: call.callId, why: admission.why });
      return this.fault(call.callId, call.contextId, admission.status, admission.closes ? admission.why : undefined);
    }
    const instance = group.instance(bound.definition);
    this.inFlight++;
    let out: Buffer;
    try {
      out = await instance.call(call.opnum, admission.stub, {
        callId: call.callId,
        opnum: call.opnum,
        contextId: call.contextId,
        ...(call.objectUuid !== undefined && { objectUuid: call.objectUuid }),
        caller: this.caller,
        authLevel: level,
        transport: this.options.transport,
        connectionClosed: this.closing.signal,
      });
    } catch (err) {
      return this.callFailed(call, instance.name, err);
    } finally {
      this.inFlight--;
      this.options.onCallDone?.();
    }
    if (this.state === 'closed') return;
    const context = this.security.context;
    const xmit = this.fragmenter.sizes.maxXmitFrag;
    const room = context === undefined ? undefined : (header: number) => context.maxStubLength(xmit, header);
    for (const pdu of this.fragmenter.responses(call, out, room)) this.options.send(this.security.protectResponse(pdu));
  }

  private callFailed(call: RequestCall, iface: string, err: unknown): void {
    const { status, level, detail } = faultForError(err);
    this.log.log(level, 'call failed', {
      iface,
      opnum: call.opnum,
      callId: call.callId,
      status: faultStatusName(status),
      detail,
    });
    this.fault(call.callId, call.contextId, status);
  }

  /** Sends a fault; with `closing`, the reason the connection then ends. */
  private fault(callId: number, contextId: number, status: number, closing?: string): void {
    if (this.state === 'closed') return;
    this.options.send(encodeFault({ callId, contextId, status, didNotExecute: NOT_EXECUTED.has(status) }));
    if (closing === undefined) return;
    this.log.info('connection closed after a fault', {
      endpoint: this.options.endpoint,
      status: faultStatusName(status),
      why: closing,
    });
    this.close();
    this.options.disconnect();
  }
}
