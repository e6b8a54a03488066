/**
 * Renaming a printer with SetPrinter level 2 (smbtorture's printer_rename, from Windows): the key,
 * open handles, ACL and queue move; the old name opens nothing; ChangeID advances; a restart keeps it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { PRINTERS_KEY } from '../../../../lib/registry/registry-key';
import { AccessMask, PrinterControl } from '../../../../lib/spoolss/constants';
import { PrinterPermission, WellKnownTrustee } from '../../../../lib/spooler/handles/printer-security';
import { ADMIN, ALICE, createTestServer, expectWin32, openPrinter } from '../../../helpers/test-print-server';

describe('renaming a printer', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'pp-rename-'));
  });
  afterEach(() => rm(stateDir, { recursive: true, force: true }));

  it('moves the key, handles, ACL and jobs to the new name, and the old name opens nothing', async () => {
    const t = await createTestServer({ stateDir });
    const s = t.server;
    const admin = await openPrinter(s, 'HpColor', ADMIN, AccessMask.PRINTER_ALL_ACCESS);
    await s.setPrinter(admin, { command: PrinterControl.PRINTER_CONTROL_PAUSE });
    const user = await openPrinter(s, 'HpColor', ALICE);
    const jobId = await s.startDocPrinter(user, { documentName: 'queued' });
    await s.endDocPrinter(user);
    s.setPrinterAcl('HpColor', [
      { trustee: WellKnownTrustee.ADMINISTRATORS, type: 'allow', permissions: [PrinterPermission.MANAGE_PRINTER] },
    ]);
    const before = (await s.getPrinter(admin)).changeId;

    await s.setPrinter(admin, { fields: { printerName: '\\\\NTPRINT\\Colour Laser (2nd floor)' } });

    const info = await s.getPrinter(admin);
    expect(info.printerName).toContain('Colour Laser (2nd floor)');
    expect(info.shareName).toBe('HpColor');
    expect(info.changeId).toBeGreaterThan(before);
    expect(t.registry.getKey(`${PRINTERS_KEY}\\HpColor`)).toBeUndefined();
    const key = t.registry.getKey(`${PRINTERS_KEY}\\Colour Laser (2nd floor)`);
    expect(key?.getKey('CopyFiles\\ICM')?.getValue('Module')?.value).toBe('mscms.dll');
    // The handle opened before the rename still reaches the printer, and its job.
    expect((await s.enumJobs(user, 0, 10)).map((j) => [j.jobId, j.printerName])).toEqual([
      [jobId, 'Colour Laser (2nd floor)'],
    ]);
    await expectWin32(
      openPrinter(s, '\\\\NTPRINT\\Colour Laser 2nd', ALICE),
      Win32ErrorCode.ERROR_INVALID_PRINTER_NAME,
    );
    // Only administrators now: the ACL moved with the printer.
    await expectWin32(openPrinter(s, 'Colour Laser (2nd floor)', ALICE), Win32ErrorCode.ERROR_ACCESS_DENIED);
    // The old name is free, but the share name still opens the printer.
    expect((await s.getPrinter(await openPrinter(s, '\\\\NTPRINT\\HpColor', ADMIN))).printerName).toContain(
      'Colour Laser',
    );
    const lab = await openPrinter(s, 'LabPrinter', ADMIN, AccessMask.PRINTER_ALL_ACCESS);
    await expectWin32(
      s.setPrinter(lab, { fields: { printerName: 'colour laser (2nd floor)' } }),
      Win32ErrorCode.ERROR_PRINTER_ALREADY_EXISTS,
    );
    await expectWin32(s.setPrinter(lab, { fields: { printerName: 'a,b' } }), Win32ErrorCode.ERROR_INVALID_PRINTER_NAME);
    await s.close();

    const again = await createTestServer({ stateDir });
    const h = await openPrinter(again.server, 'Colour Laser (2nd floor)', ADMIN, AccessMask.PRINTER_ALL_ACCESS);
    expect((await again.server.enumJobs(h, 0, 10)).map((j) => j.jobId)).toEqual([jobId]);
    await again.server.close();
  });
});
