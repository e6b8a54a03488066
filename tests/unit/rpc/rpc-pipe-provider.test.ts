import type { AuthenticatedUser } from '../../../lib/common/identity';
import { callerFromUser, createRpcPipeProvider } from '../../../lib/rpc/rpc-pipe-provider';
import { RpcClientSecurity } from '../../../lib/rpc/auth/client-security';
import { FaultStatus, MSRPC_UUID_SRVSVC, NDR20_SYNTAX, PacketType, RpcAuthnLevel } from '../../../lib/rpc/constants';
import { decodeBindAck, encodeBind } from '../../../lib/rpc/pdu/bind';
import { decodeFault, encodeRequest } from '../../../lib/rpc/pdu/request';
import { acceptorOptions, initiator } from './auth/harness';
import { Bytes } from '../../helpers/hex';
import type { PrintProvider } from '../../../lib/spoolss/print-provider';

const alice: AuthenticatedUser = {
  userName: 'alice',
  domain: 'WORKGROUP',
  groups: ['Users'],
  isAdministrator: false,
  isGuest: false,
  isAnonymous: false,
  machineName: 'PC1',
};
// The srvsvc pipe never reaches the print provider: an empty object stands in for it here.
const provider = {} as PrintProvider;

describe('createRpcPipeProvider', () => {
  const pipes = createRpcPipeProvider({
    printProvider: provider,
    shares: () => [{ name: 'IPC$', type: 0x80000003, comment: 'Remote IPC' }],
    serverName: 'NTPRINT',
  });

  it('serves spoolss and srvsvc, case-insensitively, with or without \\pipe\\', () => {
    expect(pipes.pipeNames).toEqual(['spoolss', 'srvsvc']);
    for (const name of ['spoolss', 'SPOOLSS', '\\pipe\\spoolss', 'srvsvc', 'SrvSvc'])
      expect(pipes.open(name, alice, { connectionId: 'c1', serverName: 'NTPRINT' })).toBeDefined();
    expect(pipes.open('lsarpc', alice, { connectionId: 'c1', serverName: 'NTPRINT' })).toBeUndefined();
  });

  it('each open is its own association, with the secondary address of its pipe', async () => {
    const a = pipes.open('srvsvc', alice, { connectionId: 'c1', serverName: 'NTPRINT' })!;
    const b = pipes.open('srvsvc', alice, { connectionId: 'c1', serverName: 'NTPRINT' })!;
    const bind = encodeBind(PacketType.BIND, {
      callId: 1,
      maxXmitFrag: 4280,
      maxRecvFrag: 4280,
      assocGroupId: 0,
      contexts: [{ contextId: 0, abstractSyntax: MSRPC_UUID_SRVSVC, transferSyntaxes: [NDR20_SYNTAX] }],
    });
    await a.write(bind);
    await b.write(bind);
    const ackA = decodeBindAck(a.read(4096).data);
    const ackB = decodeBindAck(b.read(4096).data);
    expect(ackA.secondaryAddress).toBe('\\PIPE\\srvsvc');
    expect(ackA.assocGroupId).not.toBe(ackB.assocGroupId);
    a.close();
    b.close();
  });

  it('turns the SMB session user into a remote CallerContext', () => {
    expect(callerFromUser(alice)).toEqual({
      userName: 'alice',
      domain: 'WORKGROUP',
      groups: ['Users'],
      isAdministrator: false,
      remote: true,
      machineName: 'PC1',
    });
  });
});

describe('createRpcPipeProvider: authenticated binds and the pipes least auth level', () => {
  // The same accounts as the SMB2 server's; alice signs her binds in the second case.
  const acceptor = acceptorOptions();
  const bindSrvsvc = encodeBind(PacketType.BIND, {
    callId: 1,
    maxXmitFrag: 4280,
    maxRecvFrag: 4280,
    assocGroupId: 0,
    contexts: [{ contextId: 0, abstractSyntax: MSRPC_UUID_SRVSVC, transferSyntaxes: [NDR20_SYNTAX] }],
  });
  /** NetrServerGetInfo (opnum 21), level 101: needs no rights. */
  const getInfo = (callId: number): Buffer =>
    encodeRequest({
      callId,
      flags: 3,
      allocHint: 0,
      contextId: 0,
      opnum: 21,
      stub: new Bytes().u32(0x20000).ndrString('\\\\NTPRINT').pad(4).u32(101).build(),
    });

  it('accepts unauthenticated binds by default; refuses their calls when a level is required', async () => {
    const open = (pipeMinAuthLevel?: number) =>
      createRpcPipeProvider({
        printProvider: provider,
        shares: () => [],
        serverName: 'NTPRINT',
        acceptor,
        ...(pipeMinAuthLevel !== undefined && { pipeMinAuthLevel }),
      }).open('srvsvc', alice, { connectionId: 'c1', serverName: 'NTPRINT' })!;
    const lax = open();
    await lax.write(bindSrvsvc);
    lax.read(4096);
    await lax.write(getInfo(2));
    expect(lax.read(4096).data[2]).toBe(PacketType.RESPONSE);
    const strict = open(RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_INTEGRITY);
    await strict.write(bindSrvsvc);
    strict.read(4096);
    await strict.write(getInfo(2));
    expect(decodeFault(strict.read(4096).data).status).toBe(FaultStatus.NCA_S_FAULT_ACCESS_DENIED);
  });

  it('a signed bind on the strict pipe is served', async () => {
    const pipe = createRpcPipeProvider({
      printProvider: provider,
      shares: () => [],
      serverName: 'NTPRINT',
      acceptor,
      pipeMinAuthLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_INTEGRITY,
    }).open('srvsvc', alice, { connectionId: 'c1', serverName: 'NTPRINT' })!;
    const security = new RpcClientSecurity({
      mechanism: initiator('ntlm'),
      authLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_INTEGRITY,
    });
    await pipe.write(security.firstLeg(bindSrvsvc));
    const next = security.processAck(pipe.read(4096).data);
    if (next.send !== 'auth3') throw new Error('NTLMSSP ends with rpc_auth_3');
    await pipe.write(next.encode(1));
    await pipe.write(security.context!.protect(getInfo(2)));
    const answer = pipe.read(8192).data;
    expect(answer[2]).toBe(PacketType.RESPONSE);
    expect(security.context!.unprotect(answer).readUInt32LE(0)).toBe(101);
  });
});
