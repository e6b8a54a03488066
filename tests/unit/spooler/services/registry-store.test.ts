/**
 * Persistence: what an administrator changes over the wire survives a restart on the same state
 * folder, from `<state>/registry.reg` (a regedit export), which a .reg reader reads back.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { regSz } from '../../../../lib/common/reg-value';
import { PRINT_KEY } from '../../../../lib/registry/registry-key';
import { parseRegFileToRegistry } from '../../../../lib/registry/reg-file';
import { AccessMask } from '../../../../lib/spoolss/constants';
import { FormFlags } from '../../../../lib/spooler/forms/builtin-forms';
import {
  encodePrinterSecurityDescriptor,
  SidResolver,
} from '../../../../lib/spooler/handles/printer-security-descriptor';
import { PrinterPermission, WellKnownTrustee } from '../../../../lib/spooler/handles/printer-security';
import { STATE_REGISTRY_FILE } from '../../../../lib/spooler/services/registry-store';
import {
  ADMIN,
  ALICE,
  DRIVER_NAME,
  createTestServer,
  expectWin32,
  openPrinter,
} from '../../../helpers/test-print-server';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';

describe('the registry in the state folder', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'pp-registry-'));
  });
  afterEach(() => rm(stateDir, { recursive: true, force: true }));

  it('keeps forms, printers, printer data and security descriptors across a restart', async () => {
    const first = await createTestServer({ stateDir });
    const server = await openPrinter(first.server, '', ADMIN, AccessMask.MAXIMUM_ALLOWED);
    await first.server.addForm(server, {
      flags: FormFlags.FORM_USER,
      name: 'Label 4x6',
      width: 101600,
      height: 152400,
      imageableArea: { left: 0, top: 0, right: 101600, bottom: 152400 },
    });
    const added = await first.server.addPrinter(
      undefined,
      { printerName: 'Annex', portNames: ['LPT1:'], driverName: DRIVER_NAME, comment: 'second floor' },
      { desiredAccess: 0 },
      ADMIN,
    );
    await first.server.setPrinterDataEx(added, 'PrinterDriverData', regSz('Tray', 'Upper'));
    // Only administrators may print on Annex from now on.
    const sids = new SidResolver('NTPRINT', []);
    const sd = encodePrinterSecurityDescriptor(
      [
        {
          trustee: WellKnownTrustee.ADMINISTRATORS,
          type: 'allow',
          permissions: [PrinterPermission.PRINT, PrinterPermission.MANAGE_PRINTER, PrinterPermission.MANAGE_DOCUMENTS],
        },
      ],
      sids,
    );
    await first.server.setPrinter(added, { fields: { securityDescriptor: sd } });
    await first.server.close();

    const file = path.join(stateDir, STATE_REGISTRY_FILE);
    const onDisk = parseRegFileToRegistry(await readFile(file), file);
    expect(onDisk.getKey(`${PRINT_KEY}\\Printers\\Annex`)).toBeDefined();

    const second = await createTestServer({ stateDir });
    const h = await openPrinter(second.server, 'Annex', ADMIN, AccessMask.PRINTER_ALL_ACCESS);
    const info = await second.server.getPrinter(h);
    expect([info.comment, info.portNames, info.driverName]).toEqual(['second floor', ['LPT1:'], DRIVER_NAME]);
    expect((await second.server.getForm(h, 'label 4x6')).width).toBe(101600);
    expect((await second.server.getPrinterDataEx(h, 'PrinterDriverData', 'Tray')).value).toBe('Upper');
    expect(info.securityDescriptor).toEqual(sd);
    await expectWin32(openPrinter(second.server, 'Annex', ALICE), Win32ErrorCode.ERROR_ACCESS_DENIED);
    expect(second.registry.getKey(`${PRINT_KEY}\\Forms`)?.getValue('Label 4x6')).toBeDefined();

    await second.server.deletePrinter(h);
    await second.server.close();
    const third = await createTestServer({ stateDir });
    await expectWin32(openPrinter(third.server, 'Annex', ADMIN), Win32ErrorCode.ERROR_INVALID_PRINTER_NAME);
    await third.server.close();
  });
});
