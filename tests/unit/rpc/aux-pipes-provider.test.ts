/**
 * The pipe provider with the server's accounts and registry: lsarpc, lsass and samr carry both
 * LSA and SAMR (as Windows' LSA process serves them, with sec_addr \PIPE\lsass), winreg carries
 * winreg only; without accounts and registry none of them is offered.
 */
import type { AuthenticatedUser } from '../../../lib/common/identity';
import { createAccountDirectory } from '../../../lib/host/account-directory';
import { ContextResult, NDR20_SYNTAX, PacketType, type SyntaxId } from '../../../lib/rpc/constants';
import { MSRPC_UUID_LSARPC } from '../../../lib/rpc/lsarpc/lsarpc-constants';
import { decodeBindAck, encodeBind } from '../../../lib/rpc/pdu/bind';
import { createRpcPipeProvider } from '../../../lib/rpc/rpc-pipe-provider';
import { MSRPC_UUID_SAMR } from '../../../lib/rpc/samr/samr-constants';
import { MSRPC_UUID_WINREG } from '../../../lib/rpc/winreg/winreg-constants';
import { Registry } from '../../../lib/registry/registry-key';
import type { PrintProvider } from '../../../lib/spoolss/print-provider';

const alice: AuthenticatedUser = {
  userName: 'alice',
  domain: 'NTPRINT',
  groups: ['Users'],
  isAdministrator: false,
  isGuest: false,
  isAnonymous: false,
};
const context = { connectionId: 'c1', serverName: 'NTPRINT' };

describe('createRpcPipeProvider with accounts and a registry', () => {
  const pipes = createRpcPipeProvider({
    // These pipes never reach the print provider.
    printProvider: {} as PrintProvider,
    shares: () => [],
    serverName: 'NTPRINT',
    accounts: createAccountDirectory('NTPRINT', 'WORKGROUP', []),
    registry: () => new Registry(),
  });

  const bind = async (pipe: string, syntaxes: SyntaxId[]) => {
    const open = pipes.open(pipe, alice, context)!;
    await open.write(
      encodeBind(PacketType.BIND, {
        callId: 1,
        maxXmitFrag: 4280,
        maxRecvFrag: 4280,
        assocGroupId: 0,
        contexts: syntaxes.map((s, i) => ({ contextId: i, abstractSyntax: s, transferSyntaxes: [NDR20_SYNTAX] })),
      }),
    );
    const ack = decodeBindAck(open.read(4096).data);
    open.close();
    return { sec: ack.secondaryAddress, accepted: ack.results.map((r) => r.result === ContextResult.ACCEPTANCE) };
  };

  it('lists the pipes', () => {
    expect(pipes.pipeNames).toEqual(['spoolss', 'srvsvc', 'lsarpc', 'lsass', 'samr', 'winreg']);
  });

  it.each(['lsarpc', 'lsass', 'samr', '\\pipe\\LSARPC'])('%s accepts LSA and SAMR, not winreg', async (pipe) => {
    expect(await bind(pipe, [MSRPC_UUID_LSARPC, MSRPC_UUID_SAMR, MSRPC_UUID_WINREG])).toEqual({
      sec: '\\PIPE\\lsass',
      accepted: [true, true, false],
    });
  });

  it('winreg accepts winreg only', async () => {
    expect(await bind('winreg', [MSRPC_UUID_WINREG, MSRPC_UUID_LSARPC])).toEqual({
      sec: '\\PIPE\\winreg',
      accepted: [true, false],
    });
  });

  it('without accounts and registry, none of them', () => {
    const plain = createRpcPipeProvider({
      printProvider: {} as PrintProvider,
      shares: () => [],
      serverName: 'NTPRINT',
    });
    expect(plain.pipeNames).toEqual(['spoolss', 'srvsvc']);
    for (const name of ['lsarpc', 'samr', 'winreg']) expect(plain.open(name, alice, context)).toBeUndefined();
  });
});
