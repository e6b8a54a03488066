/**
 * A printer's ChangeID (PRINTER_INFO_0 cChangeID, and PrinterDriverData's ChangeID) moves on with
 * each change of that printer and is its key's `ChangeID` value: a restart on the same state
 * folder keeps it, so a client comparing it with the one it cached sees no change where there was
 * none; a change of another printer leaves it where it was.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { regSz } from '../../../../lib/common/reg-value';
import { AccessMask } from '../../../../lib/spoolss/constants';
import { ADMIN, createTestServer, openPrinter } from '../../../helpers/test-print-server';

describe('printer ChangeID', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'pp-changeid-'));
  });
  afterEach(() => rm(stateDir, { recursive: true, force: true }));

  it('moves on with each change of its printer only, and a restart keeps it', async () => {
    const t = await createTestServer({ stateDir });
    const hp = await openPrinter(t.server, 'HpColor', ADMIN, AccessMask.PRINTER_ALL_ACCESS);
    const lab = await openPrinter(t.server, 'LabPrinter', ADMIN, AccessMask.PRINTER_ALL_ACCESS);
    const start = (await t.server.getPrinter(hp)).changeId;
    const labStart = (await t.server.getPrinter(lab)).changeId;

    await t.server.setPrinter(hp, { fields: { comment: 'new toner' } });
    await t.server.setPrinterDataEx(hp, 'Restart', regSz('Note', 'kept'));
    await t.server.deletePrinterDataEx(hp, 'Restart', 'Note');
    await t.server.deletePrinterKey(hp, 'Restart');
    const changed = (await t.server.getPrinter(hp)).changeId;
    expect(changed).toBe(start + 4);
    expect((await t.server.getPrinterDataEx(hp, 'PrinterDriverData', 'ChangeID')).value).toBe(changed);
    expect((await t.server.getPrinter(lab)).changeId).toBe(labStart);
    await t.server.close();

    const again = await createTestServer({ stateDir });
    const h = await openPrinter(again.server, 'HpColor', ADMIN, AccessMask.PRINTER_ALL_ACCESS);
    expect((await again.server.getPrinter(h)).changeId).toBe(changed);
    await again.server.close();
  });
});
