/**
 * RpcTcpServer on a real loopback socket: several calls in flight on one connection, the caller
 * of each call (none without authentication, the RPC identity with it), and the bounds a TCP
 * endpoint needs (the negotiation timeout, the connection limit, an unframeable stream).
 */
import { createSilentLogger } from '../../../../lib/common/logger';
import { RpcClientSecurity } from '../../../../lib/rpc/auth/client-security';
import { ntlmInitiatorMechanism } from '../../../../lib/rpc/auth/ntlm-mechanism';
import { serverAcceptors } from '../../../../lib/rpc/auth/providers';
import { RpcClient } from '../../../../lib/rpc/client/rpc-client';
import { connectTcpTransport } from '../../../../lib/rpc/client/tcp-transport';
import { NDR20_SYNTAX, PacketType, RpcAuthnLevel } from '../../../../lib/rpc/constants';
import { encodeBind } from '../../../../lib/rpc/pdu/bind';
import { decodeResponse, encodeRequest } from '../../../../lib/rpc/pdu/request';
import { createAuthPolicy } from '../../../../lib/rpc/server/auth-policy';
import type { RpcCallInfo, RpcInterfaceDefinition } from '../../../../lib/rpc/server/rpc-interface';
import { RpcTcpServer } from '../../../../lib/rpc/tcp/rpc-tcp-server';
import { RawRpc } from '../../../helpers/raw-rpc';
import { ALICE, acceptorOptions } from '../auth/harness';

const SYNTAX = { uuid: '3f99b900-4d87-101b-99b7-aa0004007f07', major: 1, minor: 0 };

/**
 * TEST DOUBLE: an interface whose opnum 0 waits until opnum 1 has run (a long poll and what ends
 * it), and whose opnum 2 answers with who called.
 */
function pollInterface(): RpcInterfaceDefinition {
  let release: (() => void) | undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const instance = {
    syntax: SYNTAX,
    name: 'poll',
    async call(opnum: number, _stub: Buffer, info: RpcCallInfo): Promise<Buffer> {
      if (opnum === 0) {
        await released;
        return Buffer.from('poll');
      }
      if (opnum === 1) {
        release?.();
        return Buffer.from('kick');
      }
      return Buffer.from(`${info.caller?.userName ?? '(nobody)'} ${info.authLevel}`);
    },
    close() {},
  };
  return { syntax: SYNTAX, name: 'poll', instantiate: () => instance };
}

const bind = (): Buffer =>
  encodeBind(PacketType.BIND, {
    callId: 1,
    maxXmitFrag: 4280,
    maxRecvFrag: 4280,
    assocGroupId: 0,
    contexts: [{ contextId: 0, abstractSyntax: SYNTAX, transferSyntaxes: [NDR20_SYNTAX] }],
  });
const request = (callId: number, opnum: number): Buffer =>
  encodeRequest({ callId, flags: 3, allocHint: 4, contextId: 0, opnum, stub: Buffer.alloc(4) });

describe('RpcTcpServer', () => {
  let server: RpcTcpServer;
  let port: number;
  const start = async (limits: { negotiationTimeoutMs?: number; maxConnections?: number } = {}): Promise<void> => {
    server = new RpcTcpServer({
      name: 'test-rpc',
      interfaces: () => [pollInterface()],
      acceptor: serverAcceptors(acceptorOptions()),
      // Nothing required: this interface is not a print interface.
      policy: createAuthPolicy({ tcp: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_NONE }),
      logger: createSilentLogger(),
      ...limits,
    });
    port = (await server.listen(0, '127.0.0.1')).port;
  };
  afterEach(() => server.close());

  it('runs several calls in flight: a call that waits does not hold the next one', async () => {
    await start();
    const raw = await RawRpc.connect('127.0.0.1', port);
    raw.send(bind());
    expect(((await raw.next()) as Buffer)[2]).toBe(PacketType.BIND_ACK);
    raw.send(request(2, 0));
    raw.send(request(3, 1));
    const first = (await raw.next()) as Buffer;
    const second = (await raw.next()) as Buffer;
    expect([decodeResponse(first).header.callId, decodeResponse(first).stub.toString()]).toEqual([3, 'kick']);
    expect([decodeResponse(second).header.callId, decodeResponse(second).stub.toString()]).toEqual([2, 'poll']);
    raw.destroy();
  });

  it('the caller is nobody without authentication, the RPC identity with it', async () => {
    await start();
    const anonymous = await RpcClient.bind(await connectTcpTransport('127.0.0.1', port), {
      uuid: SYNTAX.uuid,
      version: 1,
    });
    expect((await anonymous.call(2, Buffer.alloc(4))).toString()).toBe('(nobody) 1');
    await anonymous.close();
    const alice = await RpcClient.bind(
      await connectTcpTransport('127.0.0.1', port),
      { uuid: SYNTAX.uuid, version: 1 },
      {
        security: {
          mechanism: ntlmInitiatorMechanism({
            user: ALICE.name,
            password: ALICE.password,
            domain: '',
            workstation: 'PC',
          }),
          authLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_INTEGRITY,
        },
      },
    );
    expect((await alice.call(2, Buffer.alloc(4))).toString()).toBe('alice 5');
    await alice.close();
  });

  it('closes a connection that is not bound, or whose security context is not built, in time', async () => {
    await start({ negotiationTimeoutMs: 200 });
    const silent = await RawRpc.connect('127.0.0.1', port);
    const halfway = await RawRpc.connect('127.0.0.1', port);
    const mechanism = ntlmInitiatorMechanism({ user: 'alice', password: 'x', domain: '', workstation: 'PC' });
    // The NTLM NEGOTIATE rides on the bind; the AUTHENTICATE never comes.
    halfway.send(new RpcClientSecurity({ mechanism, authLevel: 6 }).firstLeg(bind()));
    expect(((await halfway.next()) as Buffer)[2]).toBe(PacketType.BIND_ACK);
    expect(await silent.next(3000)).toBe('closed');
    expect(await halfway.next(3000)).toBe('closed');
  });

  it('refuses connections beyond the limit, and closes a stream it cannot frame', async () => {
    await start({ maxConnections: 1 });
    const first = await RawRpc.connect('127.0.0.1', port);
    const second = await RawRpc.connect('127.0.0.1', port);
    expect(await second.next(3000)).toBe('closed');
    first.send(Buffer.from('05000b030800000004000000', 'hex')); // frag_length 4: no PDU is that short
    expect(await first.next(3000)).toBe('closed');
  });
});
