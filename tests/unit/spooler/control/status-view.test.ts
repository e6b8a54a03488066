import { AccessMask, PrinterControl } from '../../../../lib/spoolss/constants';
import { ADMIN, ALICE } from '../../../helpers/test-print-server';
import { createPrintingServer, submit, type PrintingServer } from '../../../helpers/printing-server';

describe('status view (pointprint status)', () => {
  let p: PrintingServer;
  afterEach(async () => {
    await p.server.close();
  });

  it('shows each printer with its state, hours, queue and devices, then usage and the newest events', async () => {
    p = await createPrintingServer();
    const single = await p.server.openPrinter('Single', { desiredAccess: AccessMask.PRINTER_ACCESS_ADMINISTER }, ADMIN);
    await p.server.setPrinter(single, { command: PrinterControl.PRINTER_CONTROL_PAUSE });
    await p.server.setPrinter(single, { fields: { startTime: 600, untilTime: 720 } });
    const jobId = await submit(p.server, 'Single', ALICE, 'held.txt');
    await p.server.controlDevice('Pool3', 'LPT2:', { fault: 'paper-out' }, ADMIN);

    const status = p.server.statusSnapshot(2);
    expect(status.serverName).toBe('NTPRINT');
    expect(status.time).toBe(new Date(p.clock.now()).toISOString());
    expect(status.printers.map((v) => v.name)).toEqual(['HpColor', 'LabPrinter', 'Pool3', 'Single']);

    const s = status.printers.find((v) => v.name === 'Single');
    expect(s).toMatchObject({ ports: ['LPT4:'], pool: false, availability: '10:00-12:00 UTC', available: false });
    expect(s?.statusNames).toEqual(expect.arrayContaining(['PRINTER_STATUS_PAUSED', 'PRINTER_STATUS_WAITING']));
    expect(s?.jobs.map((j) => [j.jobId, j.documentName, j.userName])).toEqual([[jobId, 'held.txt', 'alice']]);
    expect(s?.devices.map((d) => [d.port, d.state])).toEqual([['LPT4:', 'idle']]);

    const pool = status.printers.find((v) => v.name === 'Pool3');
    expect(pool).toMatchObject({ pool: true, availability: 'always', available: true, jobs: [] });
    expect(pool?.devices.map((d) => [d.port, d.faults])).toEqual([
      ['LPT1:', []],
      ['LPT2:', ['paper-out']],
      ['LPT3:', []],
    ]);
    // A pool shows the faults of any of its devices.
    expect(pool?.statusNames).toContain('PRINTER_STATUS_PAPER_OUT');

    expect(status.usage).toEqual({ printers: {}, users: {} });
    expect(status.events.map((e) => e.id)).toEqual([303, 306]);
  });
});
