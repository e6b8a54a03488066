/**
 * Samba's rpcclient administering pointprint over \pipe\spoolss: addprinter (RpcAddPrinterEx) and
 * the share that follows, the forms calls (addform at levels 1 and 2, getform, setform,
 * enumforms 2, deleteform), and a normal user refused with WERR_ACCESS_DENIED while nothing
 * changes; getprintprocdir and enumprocdatatypes; deldriverex with its in-use check.
 */
import { ADMIN, ALICE, rpcclient, run, startRpcStack } from '../../helpers/rpc-stack';
import type { RpcStack } from '../../helpers/rpc-stack';
import { TOOLS, describeWithTools } from '../../helpers/interop-tools';

jest.setTimeout(60000);

describeWithTools(['rpcclient', 'smbclient'], 'rpcclient administers pointprint', () => {
  let stack: RpcStack;
  beforeAll(async () => {
    stack = await startRpcStack();
  });
  afterAll(() => stack.close());

  const ok = async (user: string, cmd: string): Promise<string> => {
    const r = await rpcclient(stack.port, user, cmd);
    expect({ cmd, code: r.code, stderr: r.stderr }).toEqual({ cmd, code: 0, stderr: '' });
    return r.stdout;
  };

  it('addprinter: RpcAddPrinterEx makes the printer, its registry key and its share', async () => {
    expect(await ok(ADMIN, 'addprinter Annex AnnexShare "HP Color LaserJet 4500 PCL" IP_10.0.0.16')).toContain(
      'Printer Annex successfully installed.',
    );
    const info = await ok(ALICE, 'getprinter Annex 2');
    expect(info).toContain('sharename:[AnnexShare]');
    expect(info).toContain('portname:[IP_10.0.0.16]');
    expect(
      stack.printServer.registry.getKey('HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\Annex'),
    ).toBeDefined();
    const shares = await run(TOOLS.smbclient, ['-L', '127.0.0.1', '-p', String(stack.port), '-U', ADMIN]);
    expect(shares.stdout).toMatch(/AnnexShare\s+Printer/);
    const again = await rpcclient(
      stack.port,
      ADMIN,
      'addprinter Annex AnnexShare "HP Color LaserJet 4500 PCL" IP_10.0.0.16',
    );
    expect(again.stdout).toContain('WERR_PRINTER_ALREADY_EXISTS');
  });

  it('addform (levels 1 and 2), getform, setform, enumforms 2 and deleteform', async () => {
    await ok(ADMIN, 'addform HpColor Label1');
    await ok(ADMIN, 'addform HpColor Label2 2');
    expect(await ok(ALICE, 'getform HpColor Label1')).toContain('flag: FORM_USER (0)');
    await ok(ADMIN, 'setform HpColor Label1');
    const changed = await ok(ALICE, 'getform HpColor Label1');
    expect(changed).toContain('flag: FORM_PRINTER (2)');
    expect(changed).toContain('left: 0, right: 2000, top: 1000, bottom: 3000');
    const all = await ok(ALICE, 'enumforms HpColor 2');
    expect(all).toContain('keyword: Letter');
    expect(all).toContain('keyword: Label2');
    await ok(ADMIN, 'deleteform HpColor Label1');
    await ok(ADMIN, 'deleteform HpColor Label2');
    expect((await rpcclient(stack.port, ADMIN, 'deleteform HpColor Label1')).stdout).toContain(
      'WERR_INVALID_FORM_NAME',
    );
    expect((await rpcclient(stack.port, ADMIN, 'deleteform HpColor Letter')).stdout).toContain(
      'WERR_INVALID_PARAMETER',
    );
  });

  it('a normal user gets WERR_ACCESS_DENIED and nothing changes', async () => {
    expect((await rpcclient(stack.port, ALICE, 'addform HpColor Mine')).stdout).toContain('WERR_ACCESS_DENIED');
    expect((await rpcclient(stack.port, ALICE, 'getform HpColor Mine')).stdout).toContain('WERR_INVALID_FORM_NAME');
    const add = await rpcclient(stack.port, ALICE, 'addprinter Mine Mine "HP Color LaserJet 4500 PCL" IP_10.0.0.16');
    expect(add.stdout + add.stderr).toContain('WERR_ACCESS_DENIED');
    expect((await rpcclient(stack.port, ALICE, 'getprinter Mine 2')).stdout).toContain('WERR_INVALID_PRINTER_NAME');
  });

  it('getprintprocdir and enumprocdatatypes answer as a Windows server', async () => {
    expect(await ok(ALICE, 'getprintprocdir "Windows x64"')).toContain('\\\\127.0.0.1\\print$\\prtprocs\\x64');
    const types = await ok(ALICE, 'enumprocdatatypes');
    expect(types).toContain('name_array: RAW');
    expect(types).toContain('name_array: NT EMF 1.008');
    expect((await rpcclient(stack.port, ALICE, 'enumprocdatatypes nosuch')).stdout).toContain(
      'WERR_UNKNOWN_PRINTPROCESSOR',
    );
  });

  it('deldriverex: an additional driver goes, one a printer uses stays (WERR_PRINTER_DRIVER_IN_USE)', async () => {
    const denied = await rpcclient(stack.port, ALICE, 'deldriverex "Contoso Proof Color PCL" "Windows NT x86" 3 2');
    expect(denied.stdout).toContain('WERR_ACCESS_DENIED');
    expect(await ok(ADMIN, 'deldriverex "Contoso Proof Color PCL" "Windows NT x86" 3 2')).toContain(
      'Driver Contoso Proof Color PCL and files removed for arch [Windows NT x86] (version: 3).',
    );
    expect(await ok(ALICE, 'enumdrivers 3 "Windows NT x86"')).not.toContain('Contoso Proof Color PCL');
    const inUse = await rpcclient(stack.port, ADMIN, 'deldriverex "Contoso Proof Color PCL" "Windows x64" 3 2');
    expect(inUse.stdout).toContain('WERR_PRINTER_DRIVER_IN_USE');
    expect(await ok(ALICE, 'enumdrivers 3 "Windows x64"')).toContain('Contoso Proof Color PCL');
  });
});
