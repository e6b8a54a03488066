/**
 * One open of an RPC named pipe (`\pipe\spoolss`, `\pipe\srvsvc`): the connection-oriented
 * DCE/RPC server side of C706 chapter 12 over ncacn_np, with [MS-RPCE] 2.2.2 extensions.
 *
 * State: unbound -> bound (after a bind_ack with at least one context; alter_context adds
 * contexts) -> closed; `broken` when the byte stream cannot be framed any more.
 * Requests are reassembled until PFC_LAST_FRAG (pdu/reassembler.ts), dispatched to the interface
 * bound to their p_cont_id, and the response is cut into fragments of at most the max_xmit_frag
 * negotiated at bind (pdu/fragmenter.ts, as the client does), each fragment one pipe message.
 *
 * Exactly one place maps errors to the wire: RpcFaultError -> its status, MalformedPacketError in a
 * stub -> nca_s_fault_ndr, anything else -> nca_s_fault_unspec (logged). A bad call fails alone.
 */
import type { Logger } from '../common/logger';
import type { NamedPipeInstance, PipeRead } from '../common/named-pipe';
import { MalformedPacketError, NtStatusError, RpcFaultError } from '../common/errors';
import { NtStatus } from '../common/status/ntstatus';
import type { SyntaxId } from './constants';
import {
  BIND_TIME_FEATURE_PREFIX,
  BindNakReason,
  BindTimeFeature,
  ContextResult,
  DEFAULT_MAX_FRAG,
  FaultStatus,
  MIN_FRAG,
  NDR20_SYNTAX,
  PacketType,
  ProviderReason,
  faultStatusName,
  packetTypeName,
} from './constants';
import type { BindPdu, ContextResultEntry } from './pdu/bind';
import { decodeBind, encodeBindAck, encodeBindNak } from './pdu/bind';
import { guidToBuffer } from '../common/binary/guid';
import { decodeCommonHeader } from './pdu/common-header';
import { BufferReader } from '../common/binary/buffer-reader';
import { Fragmenter, negotiateFragSizes } from './pdu/fragmenter';
import { PduFramer } from './pdu/pdu-framer';
import { StubReassembler } from './pdu/reassembler';
import { decodeRequest, encodeFault } from './pdu/request';
import { NULL_SYNTAX, sameSyntax } from './pdu/syntax-id';

/** What the endpoint knows about a call, for the interface's logging. */
export interface RpcCallInfo {
  readonly callId: number;
  readonly opnum: number;
  readonly contextId: number;
}

/** An RPC interface as served on one pipe open (it may keep per-pipe state: handles). */
export interface RpcInterfaceInstance {
  readonly syntax: SyntaxId;
  readonly name: string;
  /** Returns the response stub; throws RpcFaultError (or MalformedPacketError for a bad stub). */
  call(opnum: number, stub: Buffer, info: RpcCallInfo): Promise<Buffer>;
  close(): void | Promise<void>;
}

export interface RpcPipeEndpointOptions {
  readonly pipeName: string;
  readonly interfaces: readonly RpcInterfaceInstance[];
  /** bind_ack sec_addr, e.g. `\PIPE\spoolss`. */
  readonly secondaryAddress: string;
  readonly assocGroupId: number;
  readonly logger: Logger;
  /** Largest reassembled request stub accepted (WritePrinter data comes this way). */
  readonly maxRequestBytes?: number;
}

type EndpointState = 'unbound' | 'bound' | 'broken' | 'closed';

interface RequestCall {
  readonly callId: number;
  readonly contextId: number;
  readonly opnum: number;
}

const DEFAULT_MAX_REQUEST = 16 * 1024 * 1024;
/** What this server offers at bind, and keeps to before one. */
const SERVER_FRAG_SIZES = { maxXmitFrag: DEFAULT_MAX_FRAG, maxRecvFrag: DEFAULT_MAX_FRAG } as const;
/** Faults for calls the server never started: the client may retry them safely. */
const NOT_EXECUTED: ReadonlySet<number> = new Set([
  FaultStatus.NCA_S_OP_RNG_ERROR,
  FaultStatus.NCA_S_UNK_IF,
  FaultStatus.NCA_S_PROTO_ERROR,
  FaultStatus.NCA_S_FAULT_NDR,
]);

export class RpcPipeEndpoint implements NamedPipeInstance {
  private state: EndpointState = 'unbound';
  private readonly framer = new PduFramer();
  private readonly output: Buffer[] = [];
  private readonly contexts = new Map<number, RpcInterfaceInstance>();
  private fragmenter = new Fragmenter(SERVER_FRAG_SIZES);
  private readonly reassembler: StubReassembler<RequestCall>;
  private assocGroupId: number;
  private chain: Promise<void> = Promise.resolve();
  private readonly log: Logger;

  constructor(private readonly options: RpcPipeEndpointOptions) {
    this.assocGroupId = options.assocGroupId;
    this.log = options.logger;
    this.reassembler = new StubReassembler(options.maxRequestBytes ?? DEFAULT_MAX_REQUEST);
  }

  get hasOutput(): boolean {
    return this.output.length > 0;
  }

  get currentState(): EndpointState {
    return this.state;
  }

  write(data: Buffer): Promise<void> {
    const run = this.chain.then(() => this.process(data));
    this.chain = run.catch(() => undefined);
    return run;
  }

  read(max: number): PipeRead {
    const head = this.output[0];
    if (head === undefined || max <= 0) return { data: Buffer.alloc(0), more: false };
    if (head.length <= max) {
      this.output.shift();
      return { data: head, more: false };
    }
    this.output[0] = head.subarray(max);
    return { data: head.subarray(0, max), more: true };
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.output.length = 0;
    this.reassembler.reset();
    for (const iface of new Set([...this.options.interfaces])) {
      Promise.resolve()
        .then(() => iface.close())
        .catch((err: unknown) => this.log.warn('interface close failed', { iface: iface.name, error: String(err) }));
    }
  }

  private async process(data: Buffer): Promise<void> {
    if (this.state === 'closed') throw new NtStatusError(NtStatus.STATUS_PIPE_DISCONNECTED);
    if (this.state === 'broken') throw new NtStatusError(NtStatus.STATUS_PIPE_BROKEN);
    let pdus: Buffer[];
    try {
      // Before the bind we accept up to what the bind's own frag fields could be.
      const maxFrag = this.state === 'unbound' ? 0xffff : Math.max(this.fragmenter.sizes.maxRecvFrag, MIN_FRAG);
      pdus = this.framer.push(data, maxFrag);
    } catch (err) {
      this.state = 'broken';
      this.log.warn('unframeable PDU stream; pipe broken', { error: String(err) });
      throw new NtStatusError(NtStatus.STATUS_PIPE_BROKEN, 'unframeable DCE/RPC stream', { cause: err });
    }
    for (const pdu of pdus) {
      if (this.state !== 'bound' && this.state !== 'unbound') return;
      await this.handlePdu(pdu);
    }
  }

  private async handlePdu(pdu: Buffer): Promise<void> {
    let packetType: number;
    let callId: number;
    try {
      const h = decodeCommonHeader(new BufferReader(pdu));
      packetType = h.packetType;
      callId = h.callId;
    } catch (err) {
      // A readable call id still gets an answer; the pipe stays usable.
      callId = pdu.length >= 16 ? pdu.readUInt32LE(12) : 0;
      this.log.debug('bad PDU header', { error: String(err) });
      this.push(encodeFault({ callId, contextId: 0, status: FaultStatus.NCA_S_PROTO_ERROR, didNotExecute: true }));
      return;
    }
    this.log.debug('PDU', { ptype: packetTypeName(packetType), callId, length: pdu.length });
    switch (packetType) {
      case PacketType.BIND:
      case PacketType.ALTER_CONTEXT:
        this.handleBind(pdu, packetType, callId);
        return;
      case PacketType.REQUEST:
        await this.handleRequest(pdu, callId);
        return;
      case PacketType.AUTH3:
      case PacketType.SHUTDOWN:
      case PacketType.CO_CANCEL:
        // Nothing runs long enough to cancel, and we negotiate no auth: ignored as Windows does.
        return;
      case PacketType.ORPHANED:
        if (this.reassembler.inProgress?.callId === callId) this.reassembler.reset();
        return;
      default:
        this.push(encodeFault({ callId, contextId: 0, status: FaultStatus.NCA_S_PROTO_ERROR, didNotExecute: true }));
    }
  }

  // ---- bind / alter_context -------------------------------------------------------------

  private handleBind(pdu: Buffer, packetType: number, callId: number): void {
    const isBind = packetType === PacketType.BIND;
    let bind: BindPdu;
    try {
      bind = decodeBind(pdu);
    } catch (err) {
      this.log.debug('undecodable bind', { error: String(err) });
      this.push(
        encodeBindNak({ callId, reason: BindNakReason.REASON_NOT_SPECIFIED, versions: [{ major: 5, minor: 0 }] }),
      );
      return;
    }
    if (bind.authVerifier !== undefined) {
      // [MS-RPRN] 2.1: no RPC-level authentication on \pipe\spoolss; the SMB session is the caller.
      this.push(
        encodeBindNak({
          callId,
          reason: BindNakReason.AUTHENTICATION_TYPE_NOT_RECOGNIZED,
          versions: [{ major: 5, minor: 0 }],
        }),
      );
      return;
    }
    if (isBind && this.state === 'bound') {
      this.push(
        encodeBindNak({ callId, reason: BindNakReason.REASON_NOT_SPECIFIED, versions: [{ major: 5, minor: 0 }] }),
      );
      return;
    }
    if (isBind) {
      if (bind.maxRecvFrag < MIN_FRAG || bind.maxXmitFrag < MIN_FRAG) {
        this.push(
          encodeBindNak({ callId, reason: BindNakReason.LOCAL_LIMIT_EXCEEDED, versions: [{ major: 5, minor: 0 }] }),
        );
        return;
      }
      this.fragmenter = new Fragmenter(negotiateFragSizes(SERVER_FRAG_SIZES, bind));
      if (bind.assocGroupId !== 0) this.assocGroupId = bind.assocGroupId;
    }
    const results = bind.contexts.map((c) => this.negotiateContext(c.contextId, c.abstractSyntax, c.transferSyntaxes));
    if (isBind) this.state = 'bound';
    this.log.info(isBind ? 'bind' : 'alter_context', {
      pipe: this.options.pipeName,
      callId,
      contexts: bind.contexts.map(
        (c, i) =>
          `${c.contextId}:${c.abstractSyntax.uuid} v${c.abstractSyntax.major}.${c.abstractSyntax.minor}=${results[i]?.result ?? '?'}`,
      ),
    });
    this.push(
      encodeBindAck(isBind ? PacketType.BIND_ACK : PacketType.ALTER_CONTEXT_RESP, {
        callId,
        maxXmitFrag: this.fragmenter.sizes.maxXmitFrag,
        maxRecvFrag: this.fragmenter.sizes.maxRecvFrag,
        assocGroupId: this.assocGroupId,
        secondaryAddress: isBind ? this.options.secondaryAddress : '',
        results,
      }),
    );
  }

  private negotiateContext(contextId: number, abstract: SyntaxId, transfers: readonly SyntaxId[]): ContextResultEntry {
    const btfn = transfers.find((t) => t.uuid.toLowerCase().startsWith(BIND_TIME_FEATURE_PREFIX));
    if (btfn !== undefined) {
      // [MS-RPCE] 3.3.1.5.3: the bitmask is bytes 8..15 of the "uuid"; answer the bits we honour.
      const bits = guidToBuffer(btfn.uuid).readUInt16LE(8);
      const supported =
        BindTimeFeature.SECURITY_CONTEXT_MULTIPLEXING_SUPPORTED | BindTimeFeature.KEEP_CONNECTION_ON_ORPHAN_SUPPORTED;
      return { result: ContextResult.NEGOTIATE_ACK, reason: bits & supported, transferSyntax: NULL_SYNTAX };
    }
    const iface = this.options.interfaces.find(
      (i) =>
        i.syntax.uuid.toLowerCase() === abstract.uuid.toLowerCase() &&
        i.syntax.major === abstract.major &&
        abstract.minor <= i.syntax.minor,
    );
    if (iface === undefined) {
      return {
        result: ContextResult.PROVIDER_REJECTION,
        reason: ProviderReason.ABSTRACT_SYNTAX_NOT_SUPPORTED,
        transferSyntax: NULL_SYNTAX,
      };
    }
    if (!transfers.some((t) => sameSyntax(t, NDR20_SYNTAX))) {
      return {
        result: ContextResult.PROVIDER_REJECTION,
        reason: ProviderReason.PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED,
        transferSyntax: NULL_SYNTAX,
      };
    }
    this.contexts.set(contextId, iface);
    return { result: ContextResult.ACCEPTANCE, reason: 0, transferSyntax: NDR20_SYNTAX };
  }

  // ---- requests ---------------------------------------------------------------------------

  private async handleRequest(pdu: Buffer, callId: number): Promise<void> {
    let req;
    try {
      req = decodeRequest(pdu);
    } catch (err) {
      this.log.debug('undecodable request', { callId, error: String(err) });
      this.reassembler.reset();
      this.fault(callId, 0, FaultStatus.NCA_S_PROTO_ERROR);
      return;
    }
    const { header, contextId, opnum, stub } = req;
    if (this.state !== 'bound' || header.authLength > 0) {
      this.fault(callId, contextId, FaultStatus.NCA_S_PROTO_ERROR);
      return;
    }
    const { abandoned, result } = this.reassembler.push({ callId, contextId, opnum }, header.flags, stub);
    // A new call while one is half-received: the old one is abandoned with a fault.
    if (abandoned !== undefined) this.fault(abandoned.callId, abandoned.contextId, FaultStatus.NCA_S_PROTO_ERROR);
    switch (result.kind) {
      case 'unexpected':
      case 'too-large':
        this.fault(callId, contextId, FaultStatus.NCA_S_PROTO_ERROR);
        return;
      case 'more':
      case 'dropped':
        return;
      case 'complete':
        await this.dispatch(result.call.callId, result.call.contextId, result.call.opnum, result.stub);
    }
  }

  private async dispatch(callId: number, contextId: number, opnum: number, stub: Buffer): Promise<void> {
    const iface = this.contexts.get(contextId);
    if (iface === undefined) {
      this.fault(callId, contextId, FaultStatus.NCA_S_UNK_IF);
      return;
    }
    let out: Buffer;
    try {
      out = await iface.call(opnum, stub, { callId, opnum, contextId });
    } catch (err) {
      if (err instanceof RpcFaultError) {
        this.log.debug('call fault', { iface: iface.name, opnum, callId, status: faultStatusName(err.status) });
        this.fault(callId, contextId, err.status);
      } else if (err instanceof MalformedPacketError) {
        this.log.debug('bad stub', { iface: iface.name, opnum, callId, error: err.message });
        this.fault(callId, contextId, FaultStatus.NCA_S_FAULT_NDR);
      } else {
        this.log.error('call failed', {
          iface: iface.name,
          opnum,
          callId,
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        });
        this.fault(callId, contextId, FaultStatus.NCA_S_FAULT_UNSPEC);
      }
      return;
    }
    if (this.state === 'closed') return;
    this.pushResponse(callId, contextId, out);
  }

  private pushResponse(callId: number, contextId: number, stub: Buffer): void {
    for (const pdu of this.fragmenter.responses({ callId, contextId }, stub)) this.push(pdu);
  }

  private fault(callId: number, contextId: number, status: number): void {
    this.push(encodeFault({ callId, contextId, status, didNotExecute: NOT_EXECUTED.has(status) }));
  }

  private push(pdu: Buffer): void {
    if (this.state === 'closed') return;
    this.output.push(pdu);
  }
}
