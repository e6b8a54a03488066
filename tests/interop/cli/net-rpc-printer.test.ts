/**
 * Samba's `net rpc printer` against pointprint: `list` and `driver` read our printers and drivers
 * (net first needs \pipe\lsarpc for the domain SID), and `migrate` copies from pointprint to a
 * Samba smbd on another loopback address. net uses one port for both servers, so pointprint
 * listens on 127.0.0.N at smbd's port.
 *
 * What net 4.17 itself cannot do, whatever the source (found in its source, net_rpc_printer.c):
 *   - `migrate drivers` copies the files, then crashes marshalling AddPrinterDriver: it passes a
 *     spoolss_DriverInfo3 as a spoolss_AddDriverInfo3, whose fields are in another order;
 *   - `migrate settings` without a printer name stops after the first printer: its loop over the
 *     printer's keys reuses the printers' loop index, so it runs per printer here;
 *   - `migrate security` reads our PRINTER_INFO_3 but puts the descriptor in the SetPrinter level 2
 *     structure's placeholder and sends an empty SECURITY_CONTAINER: no descriptor reaches smbd;
 *   - printers are not created on smbd (no `addprinter command`): they exist there beforehand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { run } from '../../helpers/rpc-stack';
import { startSamba, type SambaServer } from '../../helpers/samba-server';

jest.setTimeout(180_000);

describeWithTools(['net', 'rpcclient', 'smbd', 'smbpasswd'], 'net rpc printer against pointprint', () => {
  const address = `127.0.0.${40 + ((process.pid + 61) % 150)}`;
  let samba: SambaServer;
  let host: PrintServerHost;
  let emptyPrintDollar: string;
  let account: string;

  beforeAll(async () => {
    emptyPrintDollar = mkdtempSync(path.join(os.tmpdir(), 'pointprint-net-print-'));
    // smbd's printer shares carry our share names: HpColor, HpColorPkg, and Marketing's MktColor.
    samba = await startSamba({ printDollar: emptyPrintDollar, printers: ['HpColor', 'HpColorPkg', 'MktColor'] });
    // net logs on to both servers with the same account: smbd's root, an administrator here too.
    account = `${samba.user}%${samba.password}`;
    host = await PrintServerHost.create({
      users: [{ name: samba.user, password: samba.password, groups: ['Administrators'] }],
      rpc: { port: false },
    });
    await host.listen(samba.port, address);
  });
  afterAll(async () => {
    await host?.close();
    await samba?.stop();
    rmSync(emptyPrintDollar, { recursive: true, force: true });
  });

  const net = (...args: string[]): ReturnType<typeof run> =>
    run(TOOLS.net, ['rpc', 'printer', ...args, '-S', address, '-p', String(samba.port), '-U', account], 60_000);
  const migrate = (what: string, ...printer: string[]): ReturnType<typeof run> =>
    net('migrate', what, ...printer, '--destination=127.0.0.1');
  const onSamba = async (command: string): Promise<string> =>
    (await run(TOOLS.rpcclient, ['-p', String(samba.port), '-U', account, '-c', command, '127.0.0.1'])).stdout;

  it('net rpc printer list: every printer with its share', async () => {
    const r = await net('list');
    expect(r.stdout).toContain('printer 1: \\\\NTPRINT\\HpColor, shared as: HpColor');
    expect(r.stdout).toContain('printer 3: \\\\NTPRINT\\Marketing, shared as: MktColor');
  });

  it('net rpc printer driver: the drivers of each architecture, their files on print$', async () => {
    const r = await net('driver');
    expect(r.stdout).toMatch(/got \d+ printer-drivers for architecture: \[Windows x64\]/);
    expect(r.stdout).toContain('Driver Name: [HP Color LaserJet 4500 PCL]');
    expect(r.stdout).toContain(`Driver Path: [\\\\${address}\\print$\\x64\\3\\UNIDRV.DLL]`);
    expect(r.stdout).toContain(`Dependentfiles: [\\\\${address}\\print$\\x64\\3\\STDNAMES.GPD]`);
  });

  it('net rpc printer migrate printers, forms and settings from pointprint to smbd', async () => {
    const printers = await migrate('printers');
    expect(printers.stdout).toContain('migrating printer queue for:    [\\\\NTPRINT\\Marketing] / [MktColor]');
    expect(printers.stdout).not.toMatch(/could not|cannot/);
    const forms = await migrate('forms');
    expect(forms.stdout).toContain('migrating printer forms for:    [\\\\NTPRINT\\HpColor] / [HpColor]');
    for (const share of ['HpColor', 'MktColor']) {
      const settings = await migrate('settings', share);
      expect(settings.stdout).toContain(`/ [${share}]`);
      expect(settings.stdout).not.toMatch(/could not|cannot|failed/);
    }
    const mkt = await onSamba('enumdataex MktColor DsSpooler');
    expect(mkt).toContain('location: REG_SZ: Building B, marketing');
    expect(mkt).toContain('description: REG_SZ: Proofing printer of the marketing team');
    expect(mkt).toContain('driverName: REG_SZ: Contoso Proof Color PCL');
    const hp = await onSamba('enumdataex HpColor DsSpooler');
    expect(hp).toContain('location: REG_SZ: Building A, floor 2, copy room');
    expect(hp).toContain('driverName: REG_SZ: HP Color LaserJet 4500 PCL');
  });
});
