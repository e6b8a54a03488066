import { MalformedPacketError } from '../../../lib/common/errors';
import { createSilentLogger } from '../../../lib/common/logger';
import type { SyntaxId } from '../../../lib/rpc/constants';
import {
  ContextResult,
  FaultStatus,
  MSRPC_UUID_RPRN,
  NDR20_SYNTAX,
  NDR64_SYNTAX,
  PacketType,
  PfcFlags,
  ProviderReason,
} from '../../../lib/rpc/constants';
import { decodeBindAck, decodeBindNak, encodeBind } from '../../../lib/rpc/pdu/bind';
import { decodeFault, decodeResponse, encodeRequest } from '../../../lib/rpc/pdu/request';
import { RpcPipeEndpoint } from '../../../lib/rpc/pipe-endpoint';
import { AssociationGroupTable } from '../../../lib/rpc/server/association-groups';
import { createAuthPolicy } from '../../../lib/rpc/server/auth-policy';
import type { RpcInterfaceDefinition, RpcInterfaceInstance } from '../../../lib/rpc/server/rpc-interface';
import { hex } from '../../helpers/hex';

/**
 * TEST DOUBLE: an RPC interface for exercising the endpoint alone. Opnum 0 echoes the stub,
 * opnum 1 returns `n` bytes (n = first u32 of the stub), opnum 2 throws a decode error.
 */
function echoInterface(
  syntax: SyntaxId = MSRPC_UUID_RPRN,
): RpcInterfaceInstance & RpcInterfaceDefinition & { closed: boolean } {
  return {
    syntax,
    name: 'echo',
    closed: false,
    instantiate() {
      return this;
    },
    call(opnum, stub) {
      if (opnum === 0) return Promise.resolve(Buffer.from(stub));
      if (opnum === 1)
        return Promise.resolve(Buffer.from(Array.from({ length: stub.readUInt32LE(0) }, (_, i) => i & 0xff)));
      if (opnum === 2) return Promise.reject(new MalformedPacketError('bad stub'));
      return Promise.reject(new Error('boom'));
    },
    close() {
      this.closed = true;
    },
  };
}

const groups = new AssociationGroupTable(createSilentLogger());

function endpoint(iface = echoInterface(), maxRequestBytes?: number): RpcPipeEndpoint {
  return new RpcPipeEndpoint({
    pipeName: 'spoolss',
    interfaces: [iface],
    secondaryAddress: '\\PIPE\\spoolss',
    groups,
    policy: createAuthPolicy(),
    logger: createSilentLogger(),
    ...(maxRequestBytes !== undefined && { maxRequestBytes }),
  });
}

function readAll(ep: RpcPipeEndpoint): Buffer[] {
  const out: Buffer[] = [];
  while (ep.hasOutput) out.push(ep.read(65536).data);
  return out;
}

const bind = (
  contexts: { id: number; abstract: SyntaxId; transfers: SyntaxId[] }[],
  maxRecv = 4280,
  callId = 1,
): Buffer =>
  encodeBind(PacketType.BIND, {
    callId,
    maxXmitFrag: 4280,
    maxRecvFrag: maxRecv,
    assocGroupId: 0,
    contexts: contexts.map((c) => ({ contextId: c.id, abstractSyntax: c.abstract, transferSyntaxes: c.transfers })),
  });

async function bound(maxRecv = 4280): Promise<RpcPipeEndpoint> {
  const ep = endpoint();
  await ep.write(bind([{ id: 0, abstract: MSRPC_UUID_RPRN, transfers: [NDR20_SYNTAX] }], maxRecv));
  readAll(ep);
  return ep;
}

describe('RpcPipeEndpoint bind', () => {
  it('acknowledges an NDR20 bind with \\PIPE\\spoolss', async () => {
    const ep = endpoint();
    await ep.write(bind([{ id: 0, abstract: MSRPC_UUID_RPRN, transfers: [NDR20_SYNTAX] }]));
    const [ack] = readAll(ep);
    const a = decodeBindAck(ack!);
    expect(a.packetType).toBe(PacketType.BIND_ACK);
    expect(a.secondaryAddress).toBe('\\PIPE\\spoolss');
    expect(a.assocGroupId).not.toBe(0);
    expect(a.assocGroupId).toBe(ep.assocGroupId);
    expect(a.maxXmitFrag).toBe(4280);
    expect(a.results).toEqual([{ result: ContextResult.ACCEPTANCE, reason: 0, transferSyntax: NDR20_SYNTAX }]);
  });

  it('refuses NDR64 and unknown interfaces per context, accepts the rest', async () => {
    const ep = endpoint();
    const unknown = { uuid: '11111111-2222-3333-4444-555555555555', major: 1, minor: 0 };
    await ep.write(
      bind([
        { id: 0, abstract: MSRPC_UUID_RPRN, transfers: [NDR64_SYNTAX] },
        { id: 1, abstract: MSRPC_UUID_RPRN, transfers: [NDR64_SYNTAX, NDR20_SYNTAX] },
        { id: 2, abstract: unknown, transfers: [NDR20_SYNTAX] },
      ]),
    );
    const a = decodeBindAck(readAll(ep)[0]!);
    expect(a.results.map((r) => [r.result, r.reason])).toEqual([
      [ContextResult.PROVIDER_REJECTION, ProviderReason.PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED],
      [ContextResult.ACCEPTANCE, 0],
      [ContextResult.PROVIDER_REJECTION, ProviderReason.ABSTRACT_SYNTAX_NOT_SUPPORTED],
    ]);
  });

  it('answers bind-time feature negotiation with negotiate_ack and KEEP_CONNECTION_ON_ORPHAN only', async () => {
    const ep = endpoint();
    const btfn = { uuid: '6cb71c2c-9812-4540-0300-000000000000', major: 1, minor: 0 };
    await ep.write(
      bind([
        { id: 0, abstract: MSRPC_UUID_RPRN, transfers: [NDR20_SYNTAX] },
        { id: 1, abstract: MSRPC_UUID_RPRN, transfers: [btfn] },
      ]),
    );
    const ack = readAll(ep)[0]!;
    const a = decodeBindAck(ack);
    expect(a.results[1]).toEqual({
      result: ContextResult.NEGOTIATE_ACK,
      reason: 2,
      transferSyntax: { uuid: '00000000-0000-0000-0000-000000000000', major: 0, minor: 0 },
    });
    // result 3 / reason 2 on the wire: no security context multiplexing (one context per connection)
    expect(ack.subarray(ack.length - 24, ack.length - 20).toString('hex')).toBe('03000200');
  });

  it('naks a bind whose auth type the pipe does not serve, and a second bind', async () => {
    const ep = endpoint();
    const withAuth = Buffer.concat([
      bind([{ id: 0, abstract: MSRPC_UUID_RPRN, transfers: [NDR20_SYNTAX] }]),
      hex('0a 02 00 00 00 00 00 00  01 02 03 04 05 06 07 08'),
    ]);
    withAuth.writeUInt16LE(withAuth.length, 8);
    withAuth.writeUInt16LE(8, 10);
    await ep.write(withAuth);
    expect(decodeBindNak(readAll(ep)[0]!).reason).toBe(8);
    const ep2 = await bound();
    await ep2.write(bind([{ id: 0, abstract: MSRPC_UUID_RPRN, transfers: [NDR20_SYNTAX] }]));
    expect(readAll(ep2)[0]![2]).toBe(PacketType.BIND_NAK);
  });

  it('joins the association group another pipe started, and refuses an unknown one', async () => {
    const first = await bound();
    const join = (assocGroupId: number): Buffer =>
      encodeBind(PacketType.BIND, {
        callId: 1,
        maxXmitFrag: 4280,
        maxRecvFrag: 4280,
        assocGroupId,
        contexts: [{ contextId: 0, abstractSyntax: MSRPC_UUID_RPRN, transferSyntaxes: [NDR20_SYNTAX] }],
      });
    const second = endpoint();
    await second.write(join(first.assocGroupId!));
    expect(decodeBindAck(readAll(second)[0]!).assocGroupId).toBe(first.assocGroupId);
    const stranger = endpoint();
    await stranger.write(join(first.assocGroupId! ^ 0x5a5a || 7));
    expect(decodeBindNak(readAll(stranger)[0]!).reason).toBe(0);
  });

  it('adds contexts with alter_context', async () => {
    const ep = await bound();
    await ep.write(
      encodeBind(PacketType.ALTER_CONTEXT, {
        callId: 2,
        maxXmitFrag: 4280,
        maxRecvFrag: 4280,
        assocGroupId: 0x1234,
        contexts: [{ contextId: 5, abstractSyntax: MSRPC_UUID_RPRN, transferSyntaxes: [NDR20_SYNTAX] }],
      }),
    );
    const resp = decodeBindAck(readAll(ep)[0]!);
    expect(resp.packetType).toBe(PacketType.ALTER_CONTEXT_RESP);
    expect(resp.secondaryAddress).toBe('');
    await ep.write(
      encodeRequest({ callId: 3, flags: 3, allocHint: 0, contextId: 5, opnum: 0, stub: Buffer.from([9, 9, 9, 9]) }),
    );
    expect([...decodeResponse(readAll(ep)[0]!).stub]).toEqual([9, 9, 9, 9]);
  });
});

describe('RpcPipeEndpoint requests', () => {
  /** The stub, then a verification trailer with HEADER2 only ([MS-RPCE] 2.2.2.13.3), built by hand. */
  const withTrailer = (stub: number[], callId: number, opnum: number): Buffer =>
    Buffer.from([
      ...stub,
      ...[0x8a, 0xe3, 0x13, 0x71, 0x02, 0xf4, 0x36, 0x71], // signature (the stub is 4 bytes: aligned)
      ...[0x03, 0x40, 0x10, 0x00], // SEC_VT_COMMAND_HEADER2 | SEC_VT_COMMAND_END, length 16
      ...[0x00, 0x00, 0x00, 0x00], // PTYPE request, reserved
      ...[0x10, 0x00, 0x00, 0x00], // drep
      ...[callId, 0x00, 0x00, 0x00], // call_id
      ...[0x00, 0x00, opnum, 0x00], // p_cont_id 0, opnum
    ]);

  it('checks and removes a verification trailer; one for another call is refused', async () => {
    const ep = await bound();
    await ep.write(
      encodeRequest({
        callId: 7,
        flags: 3,
        allocHint: 0,
        contextId: 0,
        opnum: 0,
        stub: withTrailer([1, 2, 3, 4], 7, 0),
      }),
    );
    expect([...decodeResponse(readAll(ep)[0]!).stub]).toEqual([1, 2, 3, 4]);
    await ep.write(
      encodeRequest({
        callId: 8,
        flags: 3,
        allocHint: 0,
        contextId: 0,
        opnum: 0,
        stub: withTrailer([1, 2, 3, 4], 9, 0),
      }),
    );
    expect(decodeFault(readAll(ep)[0]!).status).toBe(FaultStatus.NCA_S_FAULT_ACCESS_DENIED);
  });

  it('faults a request before the bind', async () => {
    const ep = endpoint();
    await ep.write(encodeRequest({ callId: 4, flags: 3, allocHint: 0, contextId: 0, opnum: 0, stub: Buffer.alloc(4) }));
    expect(decodeFault(readAll(ep)[0]!).status).toBe(FaultStatus.NCA_S_PROTO_ERROR);
  });

  it('faults an unknown context and a bad stub; the pipe keeps working', async () => {
    const ep = await bound();
    await ep.write(encodeRequest({ callId: 4, flags: 3, allocHint: 0, contextId: 9, opnum: 0, stub: Buffer.alloc(4) }));
    expect(decodeFault(readAll(ep)[0]!).status).toBe(FaultStatus.NCA_S_UNK_IF);
    await ep.write(encodeRequest({ callId: 5, flags: 3, allocHint: 0, contextId: 0, opnum: 2, stub: Buffer.alloc(4) }));
    const f = readAll(ep)[0]!;
    expect(decodeFault(f).status).toBe(FaultStatus.NCA_S_FAULT_NDR);
    expect(f[3]! & PfcFlags.PFC_DID_NOT_EXECUTE).toBe(PfcFlags.PFC_DID_NOT_EXECUTE);
    await ep.write(encodeRequest({ callId: 6, flags: 3, allocHint: 0, contextId: 0, opnum: 3, stub: Buffer.alloc(4) }));
    expect(decodeFault(readAll(ep)[0]!).status).toBe(FaultStatus.NCA_S_FAULT_UNSPEC);
    await ep.write(
      encodeRequest({ callId: 7, flags: 3, allocHint: 0, contextId: 0, opnum: 0, stub: Buffer.from([1, 2, 3, 4]) }),
    );
    const r = decodeResponse(readAll(ep)[0]!);
    expect(r.header.callId).toBe(7);
    expect([...r.stub]).toEqual([1, 2, 3, 4]);
  });

  const stub = Buffer.from(Array.from({ length: 40 }, (_, i) => i + 1));
  it.each(Array.from({ length: 39 }, (_, i) => i + 1))(
    'reassembles a request cut into fragments at %i',
    async (cut) => {
      const ep = await bound();
      const a = encodeRequest({
        callId: 8,
        flags: PfcFlags.PFC_FIRST_FRAG,
        allocHint: 40,
        contextId: 0,
        opnum: 0,
        stub: stub.subarray(0, cut),
      });
      const b = encodeRequest({
        callId: 8,
        flags: PfcFlags.PFC_LAST_FRAG,
        allocHint: 40 - cut,
        contextId: 0,
        opnum: 0,
        stub: stub.subarray(cut),
      });
      // and the byte stream itself split inside the second PDU
      const stream = Buffer.concat([a, b]);
      await ep.write(stream.subarray(0, a.length + 5));
      expect(ep.hasOutput).toBe(false);
      await ep.write(stream.subarray(a.length + 5));
      const out = readAll(ep);
      expect(out).toHaveLength(1);
      expect(decodeResponse(out[0]!).stub).toEqual(stub);
    },
  );

  it('fragments a large response by the client max_recv_frag', async () => {
    const ep = await bound(1432);
    const n = 5000;
    const req = Buffer.alloc(4);
    req.writeUInt32LE(n);
    await ep.write(encodeRequest({ callId: 9, flags: 3, allocHint: 4, contextId: 0, opnum: 1, stub: req }));
    const frags = readAll(ep).map(decodeResponse);
    expect(frags.length).toBe(Math.ceil(n / 1408));
    let left = n;
    frags.forEach((f, i) => {
      expect(f.header.fragLength).toBeLessThanOrEqual(1432);
      expect(f.allocHint).toBe(left);
      expect((f.header.flags & PfcFlags.PFC_FIRST_FRAG) !== 0).toBe(i === 0);
      expect((f.header.flags & PfcFlags.PFC_LAST_FRAG) !== 0).toBe(i === frags.length - 1);
      if (i < frags.length - 1) expect(f.stub.length % 8).toBe(0);
      left -= f.stub.length;
    });
    expect(Buffer.concat(frags.map((f) => f.stub))).toEqual(Buffer.from(Array.from({ length: n }, (_, i) => i & 0xff)));
  });

  it('reads a message in pieces with `more`', async () => {
    const ep = await bound();
    await ep.write(
      encodeRequest({ callId: 10, flags: 3, allocHint: 0, contextId: 0, opnum: 0, stub: Buffer.alloc(100) }),
    );
    const first = ep.read(50);
    expect(first.more).toBe(true);
    const rest = ep.read(1000);
    expect(rest.more).toBe(false);
    expect(decodeResponse(Buffer.concat([first.data, rest.data])).stub.length).toBe(100);
  });

  it('breaks only this pipe on an unframeable stream', async () => {
    const ep = await bound();
    const other = await bound();
    await expect(ep.write(hex('05 00 00 03 10 00 00 00 04 00 00 00 01 00 00 00'))).rejects.toThrow();
    await expect(ep.write(Buffer.alloc(4))).rejects.toThrow();
    await other.write(
      encodeRequest({ callId: 1, flags: 3, allocHint: 0, contextId: 0, opnum: 0, stub: Buffer.from([5, 6, 7, 8]) }),
    );
    expect([...decodeResponse(readAll(other)[0]!).stub]).toEqual([5, 6, 7, 8]);
  });

  it('answers a PDU with a bad version with a fault', async () => {
    const ep = await bound();
    const pdu = encodeRequest({ callId: 11, flags: 3, allocHint: 0, contextId: 0, opnum: 0, stub: Buffer.alloc(4) });
    pdu[0] = 4;
    await ep.write(pdu);
    const f = decodeFault(readAll(ep)[0]!);
    expect(f.header.callId).toBe(11);
    expect(f.status).toBe(FaultStatus.NCA_S_PROTO_ERROR);
  });

  it('faults an oversized request once and drops its fragments', async () => {
    const ep = endpoint(echoInterface(), 100);
    await ep.write(bind([{ id: 0, abstract: MSRPC_UUID_RPRN, transfers: [NDR20_SYNTAX] }]));
    readAll(ep);
    await ep.write(
      encodeRequest({
        callId: 12,
        flags: PfcFlags.PFC_FIRST_FRAG,
        allocHint: 0,
        contextId: 0,
        opnum: 0,
        stub: Buffer.alloc(80),
      }),
    );
    await ep.write(
      encodeRequest({ callId: 12, flags: 0, allocHint: 0, contextId: 0, opnum: 0, stub: Buffer.alloc(80) }),
    );
    await ep.write(
      encodeRequest({
        callId: 12,
        flags: PfcFlags.PFC_LAST_FRAG,
        allocHint: 0,
        contextId: 0,
        opnum: 0,
        stub: Buffer.alloc(80),
      }),
    );
    const out = readAll(ep);
    expect(out).toHaveLength(1);
    expect(decodeFault(out[0]!).status).toBe(FaultStatus.NCA_S_PROTO_ERROR);
  });

  it('closes its interfaces when the last pipe of the association group goes', async () => {
    const iface = echoInterface();
    const ep = endpoint(iface);
    await ep.write(bind([{ id: 0, abstract: MSRPC_UUID_RPRN, transfers: [NDR20_SYNTAX] }]));
    await ep.write(encodeRequest({ callId: 2, flags: 3, allocHint: 0, contextId: 0, opnum: 0, stub: Buffer.alloc(4) }));
    ep.close();
    await new Promise((r) => setImmediate(r));
    expect(iface.closed).toBe(true);
    await expect(ep.write(Buffer.alloc(16))).rejects.toThrow();
  });
});
