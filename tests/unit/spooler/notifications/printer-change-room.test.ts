/**
 * The spooler's change notifications: the queue and SetPrinter say what changed
 * (PRINTER_CHANGE_* of [MS-RPRN] 2.2.3.6), in the order it happened, and a listener that throws
 * harms neither the change nor the other listeners.
 */
import { createSilentLogger } from '../../../../lib/common/logger';
import { PrinterChangeRoom } from '../../../../lib/spooler/notifications/printer-change-room';
import { AccessMask, JobControl } from '../../../../lib/spoolss/constants';
import { PrinterChangeFlag, type PrinterChangeEvent } from '../../../../lib/spoolss/printer-notify';
import { ADMIN, ALICE, createTestServer, type TestServer } from '../../../helpers/test-print-server';
import { createPrintingServer } from '../../../helpers/printing-server';

const C = PrinterChangeFlag;

describe('printer change room', () => {
  let t: TestServer;
  let seen: PrinterChangeEvent[];
  let stop: () => void;
  beforeEach(async () => {
    t = await createTestServer({});
    seen = [];
    stop = t.server.changes.subscribe((e) => seen.push(e));
  });
  afterEach(() => stop());

  it('announces a job added, written, queued, paused and deleted, in order', async () => {
    const h = await t.server.openPrinter(
      '\\\\NTPRINT\\HpColor',
      { desiredAccess: AccessMask.PRINTER_ACCESS_USE },
      ALICE,
    );
    const jobId = await t.server.startDocPrinter(h, { documentName: 'report.pdf' });
    await t.server.writePrinter(h, Buffer.from('%!PS'));
    await t.server.endDocPrinter(h);
    await t.server.setJob(h, jobId, JobControl.JOB_CONTROL_PAUSE);
    await t.server.setJob(h, jobId, JobControl.JOB_CONTROL_DELETE);
    expect(seen.map((e) => e.change)).toEqual([
      C.PRINTER_CHANGE_ADD_JOB,
      C.PRINTER_CHANGE_WRITE_JOB,
      C.PRINTER_CHANGE_SET_JOB,
      C.PRINTER_CHANGE_SET_JOB,
      C.PRINTER_CHANGE_DELETE_JOB,
    ]);
    expect(seen.every((e) => e.printerName === 'HpColor' && e.jobId === jobId)).toBe(true);
  });

  it('announces SetPrinter on the printer, and nothing when it is refused', async () => {
    const admin = await t.server.openPrinter(
      '\\\\NTPRINT\\HpColor',
      { desiredAccess: AccessMask.PRINTER_ALL_ACCESS },
      ADMIN,
    );
    await t.server.setPrinter(admin, { command: 1 }); // PRINTER_CONTROL_PAUSE
    expect(seen).toEqual([{ printerName: 'HpColor', change: C.PRINTER_CHANGE_SET_PRINTER }]);
    const user = await t.server.openPrinter(
      '\\\\NTPRINT\\HpColor',
      { desiredAccess: AccessMask.PRINTER_ACCESS_USE },
      ALICE,
    );
    await expect(t.server.setPrinter(user, { command: 2 })).rejects.toThrow();
    expect(seen).toHaveLength(1);
  });

  it("announces a device's status change on the printers of its port", async () => {
    const p = await createPrintingServer();
    try {
      const heard: PrinterChangeEvent[] = [];
      p.server.changes.subscribe((e) => heard.push(e));
      await p.server.controlDevice('Pool3', 'LPT2:', { fault: 'paper-out' }, ADMIN);
      expect(heard).toContainEqual({ printerName: 'Pool3', change: C.PRINTER_CHANGE_SET_PRINTER });
      expect(heard.some((e) => e.printerName !== 'Pool3')).toBe(false);
    } finally {
      await p.server.close();
    }
  });

  it('keeps going when a listener throws', () => {
    const room = new PrinterChangeRoom(createSilentLogger());
    const heard: number[] = [];
    room.subscribe(() => {
      throw new Error('bad listener');
    });
    room.subscribe((e) => heard.push(e.change));
    room.changed({ printerName: 'P', change: C.PRINTER_CHANGE_SET_PRINTER });
    expect(heard).toEqual([C.PRINTER_CHANGE_SET_PRINTER]);
  });

  it('bounds its listeners and forgets one that stops', () => {
    const room = new PrinterChangeRoom(createSilentLogger(), 2);
    const stopA = room.subscribe(() => undefined);
    room.subscribe(() => undefined);
    expect(() => room.subscribe(() => undefined)).toThrow(RangeError);
    stopA();
    expect(room.listenerCount).toBe(1);
  });
});
