/**
 * Samba's rpcclient (spoolss commands) against the real stack on 127.0.0.1: the Point-and-Print
 * calls, the CopyFiles step visible on the wire, the data calls and their access checks.
 */
import { ADMIN, ALICE, rpcclient, startRpcStack } from '../../helpers/rpc-stack';
import type { RpcStack } from '../../helpers/rpc-stack';
import { describeWithTools } from '../../helpers/interop-tools';

jest.setTimeout(60000);

describeWithTools(['rpcclient'], 'rpcclient spoolss against pointprint', () => {
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

  it('enumprinters at levels 1 and 2', async () => {
    const l1 = await ok(ALICE, 'enumprinters');
    expect(l1).toContain('name:[\\\\127.0.0.1\\HpColor]');
    expect(l1).toContain('description:[\\\\127.0.0.1\\HpColor,');
    const l2 = await ok(ALICE, 'enumprinters 2');
    expect(l2).toContain('printername:[\\\\127.0.0.1\\HpColor]');
    expect(l2).toContain('sharename:[HpColor]');
    expect(l2).toContain('drivername:[HP Color LaserJet 4500 PCL]');
  });

  it('getprinter HpColor 2', async () => {
    const out = await ok(ALICE, 'getprinter HpColor 2');
    expect(out).toContain('servername:[\\\\127.0.0.1]');
    expect(out).toContain('printername:[\\\\127.0.0.1\\HpColor]');
    expect(out).toContain('printprocessor:[winprint]');
  });

  it('getdriver HpColor (GetPrinterDriver2, level 3) for x64', async () => {
    const out = await ok(ALICE, 'getdriver HpColor');
    expect(out).toContain('[Windows x64]');
    expect(out).toMatch(/Driver Path: \[\\\\127\.0\.0\.1\\print\$\\x64\\3\\UNIDRV\.DLL\]/i);
    expect(out).toContain('Dependentfiles: [');
  });

  it('enumdrivers and getdriverdir', async () => {
    expect(await ok(ALICE, 'enumdrivers')).toContain('Driver Name: [HP Color LaserJet 4500 PCL]');
    expect(await ok(ALICE, 'getdriverdir')).toContain('Directory Name:[\\\\127.0.0.1\\print$\\W32X86]');
    expect(await ok(ALICE, 'getdriverdir "Windows x64"')).toContain('Directory Name:[\\\\127.0.0.1\\print$\\x64]');
  });

  it('enumkey HpColor and HpColor CopyFiles', async () => {
    const top = (await ok(ALICE, 'enumkey HpColor')).split('\n').filter((l) => l !== '');
    expect(top).toEqual(expect.arrayContaining(['PrinterDriverData', 'DsSpooler', 'CopyFiles']));
    expect((await ok(ALICE, 'enumkey HpColor CopyFiles')).trim()).toBe('ICM');
  });

  it('enumdataex HpColor CopyFiles\\ICM carries the server-side SourceDir and TargetDir', async () => {
    const out = await ok(ALICE, 'enumdataex HpColor CopyFiles\\\\ICM');
    expect(out.split('\n').filter((l) => l !== '')).toEqual([
      'Directory: REG_SZ: Color',
      'Files: REG_MULTI_SZ: Hpclrlsr.icm ',
      'Module: REG_SZ: mscms.dll',
      'SourceDir: REG_SZ: \\\\127.0.0.1\\PRINT$\\Color',
      'TargetDir: REG_SZ: Color',
    ]);
  });

  it('getdataex and an unknown value', async () => {
    expect(await ok(ALICE, 'getdataex HpColor CopyFiles\\\\ICM Module')).toContain('Module: REG_SZ: mscms.dll');
    const r = await rpcclient(stack.port, ALICE, 'getdataex HpColor CopyFiles\\\\ICM Nothing');
    expect(r.stdout + r.stderr).toMatch(/WERR_FILE_NOT_FOUND|WERR_BADFILE/);
  });

  it('setprinterdata: administrators may, normal users get WERR_ACCESS_DENIED', async () => {
    const denied = await rpcclient(stack.port, ALICE, 'setprinterdata HpColor dword InteropValue 7');
    expect(denied.stdout).toContain('WERR_ACCESS_DENIED');
    expect(await ok(ADMIN, 'setprinterdata HpColor dword InteropValue 7')).toContain(
      'SetPrinterData succeeded [InteropValue: 7]',
    );
    expect(await ok(ALICE, 'getdata HpColor InteropValue')).toContain('InteropValue: REG_DWORD: 0x00000007');
  });

  it('enumjobs, enumforms, enumports, enumdata', async () => {
    await ok(ALICE, 'enumjobs HpColor');
    const forms = await ok(ALICE, 'enumforms HpColor');
    expect(forms).toContain('A4\n\tflag: FORM_BUILTIN (1)\n\twidth: 210000, length: 297000');
    expect(await ok(ALICE, 'enumports 2')).toContain('Port Name:\t[IP_10.0.0.15]');
    expect(await ok(ALICE, 'enumdata HpColor')).toContain('InitDriverVersion: REG_DWORD');
  });
});
