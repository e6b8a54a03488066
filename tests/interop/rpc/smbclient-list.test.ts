/**
 * `smbclient -L` lists the shares through srvsvc NetrShareEnum (NetShareEnumAll, level 1).
 */
import { ALICE, run, startRpcStack } from '../../helpers/rpc-stack';
import type { RpcStack } from '../../helpers/rpc-stack';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';

jest.setTimeout(60000);

describeWithTools(['smbclient'], 'smbclient -L against pointprint', () => {
  let stack: RpcStack;
  beforeAll(async () => {
    stack = await startRpcStack();
  });
  afterAll(() => stack.close());

  it('lists the printers, PRINT$ and IPC$', async () => {
    const r = await run(TOOLS.smbclient, ['-p', String(stack.port), '-U', ALICE, '-L', '//127.0.0.1', '-g']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // Printer remarks come from the SMB2 server's share comments (composition), not from srvsvc.
    expect(lines).toEqual(expect.arrayContaining(['Disk|PRINT$|Printer Drivers', 'IPC|IPC$|Remote IPC']));
    expect(lines.filter((l) => l.startsWith('Printer|')).map((l) => l.split('|')[1])).toEqual([
      'HpColor',
      'HpColorPkg',
      'MktColor',
    ]);
  });
});
