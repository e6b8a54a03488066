import { promises as fs } from 'node:fs';
import path from 'node:path';
import { VirtualClock } from '../../../../lib/common/clock';
import { AccessMask, JobControl, JobStatus, PrinterControl, PrinterStatus } from '../../../../lib/spoolss/constants';
import { ADMIN, ALICE, BOB } from '../../../helpers/test-print-server';
import { createPrintingServer, printedTimes, submit, type PrintingServer } from '../../../helpers/printing-server';

const PAGE_MS = 10_000; // 6 ppm
// 18 jobs are fsynced before they are acknowledged: a busy disk needs more than jest's 5 s default.
jest.setTimeout(30_000);

describe('spooler dispatch on a virtual clock', () => {
  let p: PrintingServer;
  afterEach(async () => {
    await p.server.close();
  });

  it('one device prints 9 one-page jobs one by one; a pool of 3 drains them 3x faster, first idle port in order', async () => {
    p = await createPrintingServer();
    const t0 = p.clock.now();
    const single: number[] = [];
    const pooled: number[] = [];
    for (let i = 0; i < 9; i++) single.push(await submit(p.server, 'Single', ALICE, `s${i}`));
    for (let i = 0; i < 9; i++) pooled.push(await submit(p.server, 'Pool3', ALICE, `p${i}`));
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    const times = printedTimes(p.server, t0);
    const singleDone = Math.max(...single.map((j) => times.get(j) ?? NaN));
    const poolDone = Math.max(...pooled.map((j) => times.get(j) ?? NaN));
    expect(singleDone).toBe(9 * PAGE_MS);
    expect(poolDone).toBe(3 * PAGE_MS);
    expect(singleDone / poolDone).toBe(3);
    // Jobs 1-3 went to LPT1:, LPT2:, LPT3: in port order, and so on.
    const ports = p.server.events.recent(undefined, 307).filter((e) => pooled.includes(Number(e.data.jobId)));
    expect(ports.slice(0, 3).map((e) => e.data.portName)).toEqual(['LPT1:', 'LPT2:', 'LPT3:']);
    for (const j of pooled) {
      const port = ports.find((e) => Number(e.data.jobId) === j)?.data.portName;
      const dir = String(port)
        .replace(/[^A-Za-z0-9._-]/g, '_')
        .replace(/_+$/, '');
      expect(await fs.readFile(path.join(p.outputDir, dir, `job-${String(j).padStart(5, '0')}.prn`), 'latin1')).toBe(
        'page\f',
      );
    }
  });

  it('orders by job priority, then arrival; a printing job is not pre-empted', async () => {
    p = await createPrintingServer();
    const a = await submit(p.server, 'Single', ALICE, 'a');
    const b = await submit(p.server, 'Single', ALICE, 'b');
    const c = await submit(p.server, 'Single', ALICE, 'c');
    p.server.queue.setPriority(c, 50);
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    expect(p.server.events.recent(undefined, 307).map((e) => Number(e.data.jobId))).toEqual([a, c, b]);
  });

  it('307 carries the job, document, owner, machine, printer, port, bytes and pages', async () => {
    p = await createPrintingServer();
    const id = await submit(p.server, 'Single', { ...BOB, machineName: 'WS01' }, 'report.txt', 'one\ftwo\fthree');
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    const [e] = p.server.events.recent(undefined, 307);
    expect(e?.data).toEqual({
      jobId: id,
      status: 0,
      documentName: 'report.txt',
      userName: 'bob',
      machineName: 'WS01',
      printerName: 'Single',
      portName: 'LPT4:',
      size: 13,
      totalPages: 3,
    });
    expect(e?.message).toContain(
      `Document ${id}, report.txt owned by bob on WS01 was printed on Single through port LPT4:`,
    );
    expect(p.server.usage.snapshot().users.bob).toEqual({ jobs: 1, pages: 3, bytes: 13 });
  });

  it('availability hours: a job outside the window is accepted, waits, and prints when it opens', async () => {
    // 09:00 UTC now; the printer prints 10:00-12:00.
    const clock = new VirtualClock(Date.UTC(2025, 0, 6, 9, 0));
    p = await createPrintingServer({ clock, configure: (r) => void r });
    const h = await p.server.openPrinter('Single', { desiredAccess: AccessMask.PRINTER_ACCESS_ADMINISTER }, ADMIN);
    await p.server.setPrinter(h, { fields: { startTime: 600, untilTime: 720 } });
    const id = await submit(p.server, 'Single', ALICE, 'held');
    await clock.advance(59 * 60_000);
    expect((await p.server.getJob(h, id)).status & JobStatus.JOB_STATUS_PRINTING).toBe(0);
    expect((await p.server.getPrinter(h)).status & PrinterStatus.PRINTER_STATUS_WAITING).toBeTruthy();
    await clock.runUntil(() => p.server.queue.all().length === 0);
    const [e] = p.server.events.recent(undefined, 307);
    expect(e?.time).toBe(new Date(Date.UTC(2025, 0, 6, 10, 0) + PAGE_MS).toISOString());
  });

  it('pause / resume / purge the printer; pause / resume / restart / cancel a job', async () => {
    p = await createPrintingServer();
    const admin = await p.server.openPrinter('Single', { desiredAccess: AccessMask.PRINTER_ACCESS_ADMINISTER }, ADMIN);
    await p.server.setPrinter(admin, { command: PrinterControl.PRINTER_CONTROL_PAUSE });
    const a = await submit(p.server, 'Single', ALICE, 'a', 'x\fy\fz\f');
    await p.clock.advance(60_000);
    expect(p.server.queue.get(a)?.status).toBe(0);
    await p.server.setPrinter(admin, { command: PrinterControl.PRINTER_CONTROL_RESUME });
    await p.clock.advance(PAGE_MS);
    const job = await p.server.getJob(admin, a);
    expect(job.status & JobStatus.JOB_STATUS_PRINTING).toBeTruthy();
    expect(job.pagesPrinted).toBe(1);
    await p.server.setJob(admin, a, JobControl.JOB_CONTROL_RESTART);
    await p.clock.advance(PAGE_MS);
    expect((await p.server.getJob(admin, a)).pagesPrinted).toBe(1);
    await p.server.setJob(admin, a, JobControl.JOB_CONTROL_CANCEL);
    await p.server.setPrinter(admin, { command: PrinterControl.PRINTER_CONTROL_PAUSE });
    const b = await submit(p.server, 'Single', ALICE, 'b');
    await p.server.setJob(admin, b, JobControl.JOB_CONTROL_PAUSE);
    const c = await submit(p.server, 'Single', ALICE, 'c');
    await p.server.setPrinter(admin, { command: PrinterControl.PRINTER_CONTROL_RESUME });
    await p.clock.runUntil(() => p.server.queue.get(c) === undefined);
    expect(p.server.queue.get(b)?.status).toBe(JobStatus.JOB_STATUS_PAUSED);
    await p.server.setPrinter(admin, { command: PrinterControl.PRINTER_CONTROL_PURGE });
    expect(p.server.queue.all()).toEqual([]);
    expect(p.server.events.recent().map((e) => e.id)).toEqual(expect.arrayContaining([303, 304, 308, 310, 307]));
    expect(p.server.events.recent(undefined, 307).map((e) => Number(e.data.jobId))).toEqual([c]);
  });

  it('device faults show in PRINTER_STATUS and JOB_STATUS; the job resumes when cleared', async () => {
    p = await createPrintingServer();
    const h = await p.server.openPrinter('Single', { desiredAccess: 0 }, ALICE);
    const id = await submit(p.server, 'Single', ALICE, 'a', '1\f2\f3\f');
    await p.clock.advance(PAGE_MS);
    await p.server.controlDevice('Single', undefined, { fault: 'jam' }, ADMIN);
    await p.clock.advance(5 * 60_000);
    expect((await p.server.getPrinter(h)).status & PrinterStatus.PRINTER_STATUS_PAPER_JAM).toBeTruthy();
    expect((await p.server.getJob(h, id)).status & JobStatus.JOB_STATUS_USER_INTERVENTION).toBeTruthy();
    expect((await p.server.getJob(h, id)).pagesPrinted).toBe(1);
    await expect(p.server.controlDevice('Single', undefined, { clear: 'jam' }, ALICE)).rejects.toThrow(/access denied/);
    await p.server.controlDevice('Single', undefined, { clear: 'jam' }, ADMIN);
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    for (const fault of ['paper-out', 'toner-out', 'offline'] as const) {
      await p.server.controlDevice('Single', 'LPT4:', { fault }, ADMIN);
    }
    const status = (await p.server.getPrinter(h)).status;
    expect(status & PrinterStatus.PRINTER_STATUS_PAPER_OUT).toBeTruthy();
    expect(status & PrinterStatus.PRINTER_STATUS_NO_TONER).toBeTruthy();
    expect(status & PrinterStatus.PRINTER_STATUS_OFFLINE).toBeTruthy();
  });

  it('toner and paper deplete per page: TONER_LOW, then PAPER_OUT stops the device until paper is loaded', async () => {
    p = await createPrintingServer({
      printing: {
        devices: {
          'LPT4:': {
            ppm: 6,
            supplies: { tonerCapacityPages: 100, tonerPercent: 12, trays: [{ name: 'Tray 1', capacity: 2 }] },
          },
        },
      },
    });
    const h = await p.server.openPrinter('Single', { desiredAccess: 0 }, ALICE);
    await submit(p.server, 'Single', ALICE, 'a', '1\f2\f3\f');
    await p.clock.advance(3 * PAGE_MS);
    const [dev] = p.server.devicesOf('Single');
    expect(dev).toMatchObject({ tonerPercent: 10, state: 'stopped', faults: ['paper-out'] });
    expect(dev?.trays?.[0]?.sheets).toBe(0);
    const status = (await p.server.getPrinter(h)).status;
    expect(status & PrinterStatus.PRINTER_STATUS_TONER_LOW).toBeTruthy();
    expect(status & PrinterStatus.PRINTER_STATUS_PAPER_OUT).toBeTruthy();
    await p.server.controlDevice('Single', undefined, { clear: 'paper-out' }, ADMIN);
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    expect(p.server.devicesOf('Single')[0]?.trays?.[0]?.sheets).toBe(1);
  });

  it('pool: a device failing mid-job gets its job redirected after RestartJobOnPoolError; later jobs use the others', async () => {
    p = await createPrintingServer({ printing: { restartJobOnPoolErrorSeconds: 60 } });
    const t0 = p.clock.now();
    const a = await submit(p.server, 'Pool3', ALICE, 'a', '1\f2\f');
    await p.clock.advance(PAGE_MS);
    await p.server.controlDevice('Pool3', 'LPT1:', { fault: 'offline' }, ADMIN);
    const b = await submit(p.server, 'Pool3', ALICE, 'b');
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    const times = printedTimes(p.server, t0);
    const printed = p.server.events.recent(undefined, 307);
    expect(printed.find((e) => Number(e.data.jobId) === b)?.data.portName).toBe('LPT2:');
    expect(printed.find((e) => Number(e.data.jobId) === a)?.data.portName).toBe('LPT2:');
    // Redirected at 10 s + 60 s, then printed its 2 pages from the start.
    expect(times.get(a)).toBe(PAGE_MS + 60_000 + 2 * PAGE_MS);
    expect(p.server.events.recent(undefined, 314)).toHaveLength(1);
  });

  it('pool: an error that clears before the timeout keeps the job on its port', async () => {
    p = await createPrintingServer({ printing: { restartJobOnPoolErrorSeconds: 60 } });
    const a = await submit(p.server, 'Pool3', ALICE, 'a', '1\f2\f');
    await p.clock.advance(PAGE_MS);
    await p.server.controlDevice('Pool3', 'LPT1:', { fault: 'jam' }, ADMIN);
    await p.clock.advance(30_000);
    await p.server.controlDevice('Pool3', 'LPT1:', { clear: 'jam' }, ADMIN);
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    const [e] = p.server.events.recent(undefined, 307);
    expect(e?.data).toMatchObject({ jobId: a, portName: 'LPT1:' });
    expect(p.server.events.recent(undefined, 314)).toHaveLength(0);
  });
});
