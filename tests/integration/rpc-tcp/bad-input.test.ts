/**
 * Bad input on DCE/RPC over TCP (the acceptance): a forged or replayed signature, a wrong
 * sequence number, a truncated auth_verifier, a bad auth_pad_length, an rpc_auth_3 without a
 * bind, a handle used from another association group, and 10,000 binds that never authenticate.
 * Each gets a fault or a closed connection ([MS-RPCE] 3.3.1.5.2; Samba's dcesrv_fault_disconnect),
 * the server keeps serving, and what it holds stays bounded.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { ntlmInitiatorMechanism } from '../../../lib/rpc/auth/ntlm-mechanism';
import { RpcClientSecurity } from '../../../lib/rpc/auth/client-security';
import type { RpcSecurityContext } from '../../../lib/rpc/auth/security-context';
import { RpcClient } from '../../../lib/rpc/client/rpc-client';
import { connectTcpTransport } from '../../../lib/rpc/client/tcp-transport';
import { FaultStatus, NDR20_SYNTAX, PacketType, RpcAuthnLevel, RpcAuthnType } from '../../../lib/rpc/constants';
import { IREMOTEWINSPOOL_OBJECT_UUID, IREMOTEWINSPOOL_SYNTAX } from '../../../lib/rpc/par/constants';
import { PAR_OPNUMS } from '../../../lib/rpc/par/par-opnums';
import { encodeAuth3 } from '../../../lib/rpc/pdu/auth3';
import { encodeBind } from '../../../lib/rpc/pdu/bind';
import { decodeFault, encodeRequest } from '../../../lib/rpc/pdu/request';
import { RprnClient } from '../../../lib/rpc/rprn/client/rprn-client';
import { RpcFaultError } from '../../../lib/common/errors';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { RawRpc } from '../../helpers/raw-rpc';

jest.setTimeout(180_000);

const ALICE = { user: 'alice', password: 'Passw0rd!', domain: '', workstation: 'PPCLIENT' };
/** RpcAsyncEnumPrinters (PAR opnum 38): PRINTER_ENUM_LOCAL, NULL name, level 1, NULL buffer, cbBuf 0. */
const ENUM_STUB = Buffer.from('02000000' + '00000000' + '01000000' + '00000000' + '00000000', 'hex');
const CONTEXTS = [{ contextId: 0, abstractSyntax: IREMOTEWINSPOOL_SYNTAX, transferSyntaxes: [NDR20_SYNTAX] }];
const bind = (callId = 1): Buffer =>
  encodeBind(PacketType.BIND, { callId, maxXmitFrag: 4280, maxRecvFrag: 4280, assocGroupId: 0, contexts: CONTEXTS });
const request = (callId: number): Buffer =>
  encodeRequest({
    callId,
    flags: 3,
    allocHint: ENUM_STUB.length,
    contextId: 0,
    opnum: 38,
    objectUuid: IREMOTEWINSPOOL_OBJECT_UUID,
    stub: ENUM_STUB,
  });

describe('bad input on DCE/RPC over TCP', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());

  /** A raw connection with an NTLMSSP context at PKT_PRIVACY (bind, bind_ack, rpc_auth_3). */
  const session = async (): Promise<{ raw: RawRpc; context: RpcSecurityContext }> => {
    const raw = await RawRpc.connect(server.host, server.rpcPort);
    const security = new RpcClientSecurity({
      mechanism: ntlmInitiatorMechanism(ALICE),
      authLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
    });
    raw.send(security.firstLeg(bind()));
    const ack = await raw.next();
    if (ack === 'closed') throw new Error('closed at bind');
    const next = security.processAck(ack);
    if (next.send !== 'auth3') throw new Error(`NTLMSSP ends with rpc_auth_3, not ${next.send}`);
    raw.send(next.encode(1));
    return { raw, context: security.context! };
  };

  const faultThenClose = async (raw: RawRpc, ...statuses: number[]): Promise<void> => {
    const pdu = await raw.next();
    if (pdu === 'closed') throw new Error('closed without a fault');
    expect(pdu[2]).toBe(PacketType.FAULT);
    expect(statuses).toContain(decodeFault(pdu).status);
    expect(await raw.next()).toBe('closed');
  };

  const stillServing = async (): Promise<void> => {
    const { raw, context } = await session();
    raw.send(context.protect(request(2)));
    const pdu = await raw.next();
    expect(pdu !== 'closed' && pdu[2]).toBe(PacketType.RESPONSE);
    raw.destroy();
  };

  it('a good call is answered, sealed', async () => {
    await stillServing();
  });

  it('a forged signature: RPC_S_SEC_PKG_ERROR, then the connection closes', async () => {
    const { raw, context } = await session();
    const pdu = context.protect(request(2));
    pdu[pdu.length - 3] = (pdu[pdu.length - 3] ?? 0) ^ 0x55;
    raw.send(pdu);
    await faultThenClose(raw, FaultStatus.RPC_S_SEC_PKG_ERROR);
    await stillServing();
  });

  it('a replayed request: the copy is refused and the connection closes', async () => {
    const { raw, context } = await session();
    const pdu = context.protect(request(2));
    raw.send(pdu);
    const first = await raw.next();
    expect(first !== 'closed' && first[2]).toBe(PacketType.RESPONSE);
    raw.send(pdu);
    await faultThenClose(raw, FaultStatus.RPC_S_SEC_PKG_ERROR);
  });

  it('a wrong sequence number (the second request sent first) is refused', async () => {
    const { raw, context } = await session();
    context.protect(request(2)); // sequence number 0, never sent
    raw.send(context.protect(request(3))); // sequence number 1
    await faultThenClose(raw, FaultStatus.RPC_S_SEC_PKG_ERROR);
  });

  it('a truncated auth_verifier: a fault, then the connection closes', async () => {
    const { raw, context } = await session();
    const whole = context.protect(request(2));
    const cut = Buffer.from(whole.subarray(0, whole.length - 6));
    cut.writeUInt16LE(cut.length, 8); // frag_length says the cut length; auth_length still 16
    raw.send(cut);
    // The sec_trailer is then read 6 bytes early, from sealed bytes: either its pad count does not
    // fit (nca_s_proto_error) or it names another context (rpc_s_access_denied).
    await faultThenClose(raw, FaultStatus.NCA_S_PROTO_ERROR, FaultStatus.NCA_S_FAULT_ACCESS_DENIED);
  });

  it('a bad auth_pad_length: nca_s_proto_error, then the connection closes', async () => {
    const { raw, context } = await session();
    const pdu = context.protect(request(2));
    const trailer = pdu.length - pdu.readUInt16LE(10) - 8;
    pdu[trailer + 2] = 200; // more pad than the stub has
    raw.send(pdu);
    await faultThenClose(raw, FaultStatus.NCA_S_PROTO_ERROR);
  });

  it('an rpc_auth_3 without a bind: nca_s_proto_error, then the connection closes', async () => {
    const raw = await RawRpc.connect(server.host, server.rpcPort);
    raw.send(
      encodeAuth3({
        callId: 1,
        trailer: { authType: RpcAuthnType.RPC_C_AUTHN_WINNT, authLevel: 6, authContextId: 0 },
        token: Buffer.alloc(64, 1),
      }),
    );
    await faultThenClose(raw, FaultStatus.NCA_S_PROTO_ERROR);
  });

  it('a handle is valid in its association group only; a connection that joins the group may use it', async () => {
    const connect = async (assocGroupId?: number): Promise<{ rpc: RpcClient; par: RprnClient }> => {
      const rpc = await RpcClient.bind(
        await connectTcpTransport(server.host, server.rpcPort),
        { uuid: IREMOTEWINSPOOL_SYNTAX.uuid, version: 1 },
        {
          security: {
            mechanism: ntlmInitiatorMechanism(ALICE),
            authLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
          },
          objectUuid: IREMOTEWINSPOOL_OBJECT_UUID,
          ...(assocGroupId !== undefined && { assocGroupId }),
        },
      );
      return { rpc, par: new RprnClient(rpc, { opnums: PAR_OPNUMS }) };
    };
    const a = await connect();
    const other = await connect();
    const joined = await connect(a.rpc.assocGroupId);
    expect(joined.rpc.assocGroupId).toBe(a.rpc.assocGroupId);
    expect(other.rpc.assocGroupId).not.toBe(a.rpc.assocGroupId);
    const handle = await a.par.openPrinterEx(`\\\\${server.host}\\HpColor`, 8);
    await expect(other.par.getPrinter(handle, 2)).rejects.toMatchObject({
      status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
    });
    expect((await joined.par.getPrinter(handle, 2)).printerName).toMatch(/HpColor$/);
    // When the group's first connection goes, the handle lives on in the group.
    await a.rpc.close();
    await joined.par.closePrinter(handle);
    await expect(joined.par.closePrinter(handle)).rejects.toBeInstanceOf(RpcFaultError);
    await joined.rpc.close();
    await other.rpc.close();
  });

  it('10,000 binds that never authenticate: each answered, none kept, memory bounded, still serving', async () => {
    const endpoints = server.printServerHost.rpcTcp.rpc;
    // A collected heap on both sides, or the figure says more about the collector than the server.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const BATCH = 100;
    for (let round = 0; round < 10_000 / BATCH; round++) {
      await Promise.all(
        Array.from({ length: BATCH }, async () => {
          const raw = await RawRpc.connect(server.host, server.rpcPort);
          const security = new RpcClientSecurity({ mechanism: ntlmInitiatorMechanism(ALICE), authLevel: 6 });
          raw.send(security.firstLeg(bind()));
          const ack = await raw.next();
          expect(ack !== 'closed' && ack[2]).toBe(PacketType.BIND_ACK);
          raw.destroy(); // the NTLM AUTHENTICATE never comes
        }),
      );
      expect(endpoints.connectionCount).toBeLessThanOrEqual(BATCH);
    }
    for (let i = 0; i < 100 && (endpoints.connectionCount > 0 || endpoints.associationGroupCount > 0); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(endpoints.connectionCount).toBe(0);
    expect(endpoints.associationGroupCount).toBe(0);
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
    await stillServing();
  });
});
