/**
 * The client side of connection-oriented DCE/RPC — C706 chapter 12 (bind 12.6.4.3, request
 * 12.6.4.9, response 12.6.4.10, fault 12.6.4.7, fragmentation 12.6.3.7), [MS-RPCE] 2.2.2 and
 * 3.3.1.5.2 (authentication), over a named pipe (ncacn_np: the SMB session carries the identity,
 * [MS-RPRN] 2.1) or a TCP connection (ncacn_ip_tcp: the bind authenticates, [MS-PAR] 2.1).
 *
 *   bind:     one presentation context (client-bind.ts), optionally authenticated; the frag sizes
 *             negotiated as the server does (pdu/fragmenter.ts)
 *   request:  the stub cut into fragments of at most max_xmit_frag bytes less the verifier, each
 *             signed or sealed by the security context, with the object UUID when one is set
 *             (MS-PAR's on every call, [MS-PAR] 3.1); the earlier fragments are writes, the last
 *             a transceive (FSCTL_PIPE_TRANSCEIVE over SMB2)
 *   response: every fragment checked and unsealed, reassembled until PFC_LAST_FRAG
 *             (pdu/reassembler.ts); a fault PDU becomes RpcFaultError
 *
 * One call at a time per connection, as Windows' client does on \pipe\spoolss.
 */
import { MalformedPacketError, PointPrintError, RpcFaultError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { createSilentLogger } from '../../common/logger';
import type { RpcClientSecurity } from '../auth/client-security';
import type { RpcSecurityContext } from '../auth/security-context';
import {
  DEFAULT_MAX_FRAG,
  MIN_FRAG,
  PacketType,
  REQUEST_HEADER_LENGTH,
  RpcAuthnLevel,
  type SyntaxId,
  faultStatusName,
  packetTypeName,
  rpcAuthnLevelName,
  rpcAuthnTypeName,
} from '../constants';
import { Fragmenter, negotiateFragSizes } from '../pdu/fragmenter';
import { StubReassembler } from '../pdu/reassembler';
import { decodeFault, decodeResponse } from '../pdu/request';
import { type ClientSecurityOptions, bindInterface } from './client-bind';
import { type RpcPipeTransport, exchange, isLastFragment } from './exchange';

export type { RpcPipeTransport } from './exchange';
export { RpcBindError, type ClientSecurityOptions } from './client-bind';

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
  /** Authenticate the bind (SPNEGO or NTLMSSP) at this level; none by default. */
  readonly security?: ClientSecurityOptions;
  /** The object UUID every request carries (PFC_OBJECT_UUID); none by default. */
  readonly objectUuid?: string;
  /** Join this association group (a bind_ack's assoc_group_id); a new one by default. */
  readonly assocGroupId?: number;
  readonly logger?: Logger;
}

const CONTEXT_ID = 0;

export class RpcClient {
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly transport: RpcPipeTransport,
    private readonly fragmenter: Fragmenter,
    readonly assocGroupId: number,
    private readonly security: RpcClientSecurity | undefined,
    private nextCallId: number,
    private readonly objectUuid: string | undefined,
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

  /** The auth level the calls travel at (RPC_C_AUTHN_LEVEL_NONE without a security context). */
  get authLevel(): number {
    return this.context?.authLevel ?? RpcAuthnLevel.RPC_C_AUTHN_LEVEL_NONE;
  }

  /** The security context (and its provider's description), once the bind authenticated. */
  get context(): RpcSecurityContext | undefined {
    return this.security?.context;
  }

  /** Binds the interface; RpcBindError on bind_nak or a rejected context. */
  static async bind(
    transport: RpcPipeTransport,
    iface: RpcInterfaceId,
    options: RpcClientOptions = {},
  ): Promise<RpcClient> {
    const log = (options.logger ?? createSilentLogger()).child({ component: 'rpc-client', iface: iface.uuid });
    const ourXmit = checkFrag(options.maxXmitFrag ?? DEFAULT_MAX_FRAG, 'maxXmitFrag');
    const ourRecv = checkFrag(options.maxRecvFrag ?? DEFAULT_MAX_FRAG, 'maxRecvFrag');
    const abstractSyntax: SyntaxId = { uuid: iface.uuid, major: iface.version, minor: iface.minor ?? 0 };
    const { ack, security, nextCallId } = await bindInterface(transport, {
      abstractSyntax,
      maxXmitFrag: ourXmit,
      maxRecvFrag: ourRecv,
      assocGroupId: options.assocGroupId ?? 0,
      ...(options.security !== undefined && { security: options.security }),
    });
    // A server may answer with more than we offered; we keep to the smaller of the two.
    const sizes = negotiateFragSizes({ maxXmitFrag: ourXmit, maxRecvFrag: ourRecv }, ack);
    if (sizes.maxXmitFrag < REQUEST_HEADER_LENGTH + 64)
      throw new MalformedPacketError(`bind_ack max_recv_frag ${ack.maxRecvFrag} too small`, { field: 'max_recv_frag' });
    const context = security?.context;
    log.info('bound', {
      secAddr: ack.secondaryAddress,
      maxXmit: sizes.maxXmitFrag,
      maxRecv: sizes.maxRecvFrag,
      assocGroup: ack.assocGroupId,
      auth:
        context === undefined
          ? 'none'
          : `${rpcAuthnTypeName(context.params.authType)} ${rpcAuthnLevelName(context.authLevel)} (${context.params.description})`,
    });
    return new RpcClient(
      transport,
      new Fragmenter(sizes),
      ack.assocGroupId,
      security,
      nextCallId,
      options.objectUuid,
      log,
    );
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
    const context = this.context;
    const xmit = this.fragmenter.sizes.maxXmitFrag;
    const room = context === undefined ? undefined : (header: number) => context.maxStubLength(xmit, header);
    const call = {
      callId,
      contextId: CONTEXT_ID,
      opnum,
      ...(this.objectUuid !== undefined && { objectUuid: this.objectUuid }),
    };
    const pdus = this.fragmenter.requests(call, stub, room).map((pdu) => context?.protect(pdu) ?? pdu);
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
      const fragment = context === undefined ? res.stub : context.unprotect(pdu);
      const { abandoned, result } = reassembler.push({ callId }, res.header.flags, fragment);
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
