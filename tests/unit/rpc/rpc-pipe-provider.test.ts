import type { AuthenticatedUser } from '../../../lib/common/identity';
import { callerFromUser, createRpcPipeProvider } from '../../../lib/rpc/rpc-pipe-provider';
import { MSRPC_UUID_SRVSVC, NDR20_SYNTAX, PacketType } from '../../../lib/rpc/constants';
import { decodeBindAck, encodeBind } from '../../../lib/rpc/pdu/bind';
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
