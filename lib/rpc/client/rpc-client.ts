/**
 * The client side of connection-oriented DCE/RPC over a named pipe (ncacn_np) — C706 chapter 12
 * (bind 12.6.4.3, bind_ack 12.6.4.4, bind_nak 12.6.4.5, request 12.6.4.9, response 12.6.4.10,
 * fault 12.6.4.7, fragmentation 12.6.3.7), [MS-RPCE] 2.2.2. No RPC-level authentication: the SMB
 * session carries the identity ([MS-RPRN] 2.1).
 *
 *   bind:     one presentation context (p_cont_id 0): the interface, NDR20 only
 *   bind_ack: the frag sizes negotiated as the server does (pdu/fragmenter.ts): we send no more
 *             than its max_recv_frag and expect no more than its max_xmit_frag
 *   request:  the stub cut into fragments of at most max_xmit_frag bytes (pdu/fragmenter.ts); the
 *             earlier fragments are pipe writes, the last a transceive (FSCTL_PIPE_TRANSCEIVE
 *             over SMB2)
 *   response: fragments reassembled until PFC_LAST_FRAG (pdu/reassembler.ts), reading the pipe
 *             while a fragment or the last one is missing; a fault PDU becomes RpcFaultError
 *
 * One call at a time per pipe (a client does not multiplex calls on \pipe\spoolss).
 */
import { MalformedPacketError, PointPrintError, RpcFaultError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { createSilentLogger } from '../../common/logger';
import type { SyntaxId } from '../constants';
import {
  ContextResult,
  DEFAULT_MAX_FRAG,
  MIN_FRAG,
  NDR20_SYNTAX,
  PacketType,
  PfcFlags,
  REQUEST_HEADER_LENGTH,
  faultStatusName,
  packetTypeName,
} from '../constants';
import { decodeBindAck, decodeBindNak, encodeBind } from '../pdu/bind';
import { Fragmenter, negotiateFragSizes } from '../pdu/fragmenter';
import { PduFramer } from '../pdu/pdu-framer';
import { StubReassembler } from '../pdu/reassembler';
import { decodeFault, decodeResponse } from '../pdu/request';

/** What the client needs of an open pipe (an SMB2 pipe open, or an in-process pipe instance). */
export interface RpcPipeTransport {
  /** Writes `data` and returns the first reply message (at most `maxOutput` bytes of it). */
  transceive(data: Buffer, maxOutput?: number): Promise<Buffer>;
  write(data: Buffer): Promise<void>;
  /** Up to `max` bytes of the pending reply (the rest of a message, or the next one). */
  read(max: number): Promise<Buffer>;
  close(): Promise<void>;
}

export interface RpcInterfaceId {
  readonly uuid: string;
  readonly version: number;
  readonly minor?: number;
}

export interface RpcClientOptions {
  /** Largest fragment we send; the server's max_recv_frag may lower it. 4280 by default. */
  readonly maxXmitFrag?: number;
  /** Largest fragment we accept; the server's max_xmit_frag may lower it. 4280 by default. */
  readonly maxRecvFrag?: number;
  readonly logger?: Logger;
}

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

/** What a bind_ack's context results mean, for the error message. */
const CONTEXT_RESULT_NAMES: Readonly<Record<number, string>> = {
  [ContextResult.USER_REJECTION]: 'user_rejection',
  [ContextResult.PROVIDER_REJECTION]: 'provider_rejection',
  [ContextResult.NEGOTIATE_ACK]: 'negotiate_ack',
};

const CONTEXT_ID = 0;

export class RpcClient {
  private nextCallId = 2;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly transport: RpcPipeTransport,
    private readonly fragmenter: Fragmenter,
    readonly assocGroupId: number,
    private readonly log: Logger,
  ) {}

  /** Negotiated: the largest fragment we send. */
  get maxXmitFrag(): number {
    return this.fragmenter.sizes.maxXmitFrag;
  }

  /** Negotiated: the largest fragment the server sends us. */
  get maxRecvFrag(): number {
    return this.fragmenter.sizes.maxRecvFrag;
  }

  /** Binds the interface on the pipe; RpcBindError on bind_nak or a rejected context. */
  static async bind(
    transport: RpcPipeTransport,
    iface: RpcInterfaceId,
    options: RpcClientOptions = {},
  ): Promise<RpcClient> {
    const log = (options.logger ?? createSilentLogger()).child({ component: 'rpc-client', iface: iface.uuid });
    const ourXmit = checkFrag(options.maxXmitFrag ?? DEFAULT_MAX_FRAG, 'maxXmitFrag');
    const ourRecv = checkFrag(options.maxRecvFrag ?? DEFAULT_MAX_FRAG, 'maxRecvFrag');
    const abstractSyntax: SyntaxId = { uuid: iface.uuid, major: iface.version, minor: iface.minor ?? 0 };
    const callId = 1;
    const pdu = encodeBind(PacketType.BIND, {
      callId,
      maxXmitFrag: ourXmit,
      maxRecvFrag: ourRecv,
      assocGroupId: 0,
      contexts: [{ contextId: CONTEXT_ID, abstractSyntax, transferSyntaxes: [NDR20_SYNTAX] }],
    });
    const replies = await exchange(transport, pdu, ourRecv, 0xffff, () => true);
    const reply = replies[0];
    if (reply === undefined) throw new MalformedPacketError('no reply to the bind', { field: 'bind_ack' });
    const packetType = reply[2];
    if (packetType === PacketType.BIND_NAK) {
      const nak = decodeBindNak(reply);
      throw new RpcBindError(`bind refused (bind_nak reason ${nak.reason})`, nak.reason);
    }
    if (packetType !== PacketType.BIND_ACK) {
      throw new MalformedPacketError(`expected bind_ack, got ${packetTypeName(packetType ?? -1)}`, { field: 'PTYPE' });
    }
    const ack = decodeBindAck(reply);
    if (ack.callId !== callId) throw new MalformedPacketError(`bind_ack for call ${ack.callId}`, { field: 'call_id' });
    const result = ack.results[0];
    if (result === undefined || result.result !== ContextResult.ACCEPTANCE) {
      const what = result === undefined ? 'no result' : (CONTEXT_RESULT_NAMES[result.result] ?? `${result.result}`);
      throw new RpcBindError(`interface ${iface.uuid} v${iface.version} refused: ${what}`, result?.reason ?? 0);
    }
    // A server may answer with more than we offered; we keep to the smaller of the two.
    const sizes = negotiateFragSizes({ maxXmitFrag: ourXmit, maxRecvFrag: ourRecv }, ack);
    if (sizes.maxXmitFrag < REQUEST_HEADER_LENGTH + 8)
      throw new MalformedPacketError(`bind_ack max_recv_frag ${ack.maxRecvFrag} too small`, { field: 'max_recv_frag' });
    log.info('bound', {
      secAddr: ack.secondaryAddress,
      maxXmit: sizes.maxXmitFrag,
      maxRecv: sizes.maxRecvFrag,
      assocGroup: ack.assocGroupId,
    });
    return new RpcClient(transport, new Fragmenter(sizes), ack.assocGroupId, log);
  }

  /** Calls `opnum` with `stub` and returns the reassembled response stub. */
  call(opnum: number, stub: Buffer): Promise<Buffer> {
    const run = this.chain.then(() => this.callNow(opnum, stub));
    this.chain = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.chain;
    await this.transport.close();
  }

  private async callNow(opnum: number, stub: Buffer): Promise<Buffer> {
    if (this.closed) throw new PointPrintError('RPC client closed');
    const callId = this.nextCallId++;
    const pdus = this.fragmenter.requests({ callId, contextId: CONTEXT_ID, opnum }, stub);
    this.log.debug('request', { opnum, callId, stub: stub.length, fragments: pdus.length });
    for (const pdu of pdus.slice(0, -1)) await this.transport.write(pdu);
    const last = pdus[pdus.length - 1] as Buffer;
    const replies = await exchange(this.transport, last, this.maxRecvFrag, this.maxRecvFrag, isLastFragment);
    const reassembler = new StubReassembler<{ readonly callId: number }>();
    let out: Buffer | undefined;
    for (const pdu of replies) {
      const packetType = pdu[2];
      const replyCallId = pdu.readUInt32LE(12);
      if (replyCallId !== callId) {
        throw new MalformedPacketError(`reply for call ${replyCallId} while waiting for ${callId}`, {
          field: 'call_id',
        });
      }
      if (packetType === PacketType.FAULT) {
        const fault = decodeFault(pdu);
        this.log.debug('fault', { opnum, callId, status: faultStatusName(fault.status) });
        throw new RpcFaultError(fault.status, `RPC fault ${faultStatusName(fault.status)} on opnum ${opnum}`);
      }
      if (packetType !== PacketType.RESPONSE) {
        throw new MalformedPacketError(`expected a response, got ${packetTypeName(packetType ?? -1)}`, {
          field: 'PTYPE',
        });
      }
      const res = decodeResponse(pdu);
      const { abandoned, result } = reassembler.push({ callId }, res.header.flags, res.stub);
      if (abandoned !== undefined || result.kind === 'unexpected')
        throw new MalformedPacketError('response fragments out of order', { field: 'pfc_flags' });
      if (result.kind === 'complete') out = result.stub;
    }
    // exchange() stops at the fragment with PFC_LAST_FRAG: the stub is complete.
    if (out === undefined) throw new MalformedPacketError('no last response fragment', { field: 'pfc_flags' });
    this.log.debug('response', { opnum, callId, stub: out.length, fragments: replies.length });
    return out;
  }
}

function checkFrag(n: number, name: string): number {
  if (!Number.isInteger(n) || n < MIN_FRAG || n > 0xffff)
    throw new RangeError(`${name} ${n} outside ${MIN_FRAG}..65535`);
  return n;
}

/** The reply is complete once a fault or a PDU with PFC_LAST_FRAG arrived. */
function isLastFragment(pdu: Buffer): boolean {
  return pdu[2] !== PacketType.RESPONSE || ((pdu[3] ?? 0) & PfcFlags.PFC_LAST_FRAG) !== 0;
}

/**
 * Sends `pdu` and collects reply PDUs until `done` says the last one came. A message larger than
 * the read size arrives in pieces (STATUS_BUFFER_OVERFLOW over SMB2); the framer puts PDUs back
 * together whatever the cut.
 */
async function exchange(
  transport: RpcPipeTransport,
  pdu: Buffer,
  readSize: number,
  maxFrag: number,
  done: (pdu: Buffer) => boolean,
): Promise<Buffer[]> {
  const framer = new PduFramer();
  const out: Buffer[] = [];
  let data = await transport.transceive(pdu, readSize);
  for (;;) {
    for (const reply of framer.push(data, maxFrag)) {
      out.push(Buffer.from(reply));
      if (done(reply)) {
        if (framer.buffered > 0)
          throw new MalformedPacketError(`${framer.buffered} bytes after the last fragment`, { field: 'frag_length' });
        return out;
      }
    }
    data = await transport.read(readSize);
    if (data.length === 0) {
      throw new MalformedPacketError('the pipe has no more data but the reply is incomplete', {
        field: 'pfc_flags',
      });
    }
  }
}
