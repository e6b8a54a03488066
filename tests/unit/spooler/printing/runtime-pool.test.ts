/**
 * A pool made at run time: a port added over XcvData, then SetPrinter level 2 with a
 * comma-separated port list. The new port gets a device at once, and the spooler feeds the pool
 * one job per device (a job prints on the second device while the first is busy).
 */
import { rm } from 'node:fs/promises';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { AccessMask } from '../../../../lib/spoolss/constants';
import { ADMIN, ALICE, expectWin32 } from '../../../helpers/test-print-server';
import { createPrintingServer, printedTimes, submit, type PrintingServer } from '../../../helpers/printing-server';

const PAGE_MS = 10_000; // 6 ppm
jest.setTimeout(30_000);

describe('a printer pool made at run time', () => {
  let p: PrintingServer;
  afterEach(async () => {
    await p.server.close();
    await rm(p.stateDir, { recursive: true, force: true });
  });

  it('prints on the port added over the wire while the first device is busy', async () => {
    p = await createPrintingServer();
    const xcv = await p.server.openPrinter(
      '\\\\NTPRINT\\,XcvMonitor Local Port',
      { desiredAccess: AccessMask.SERVER_ACCESS_ADMINISTER },
      ADMIN,
    );
    const added = await p.server.xcvData(xcv, 'AddPort', Buffer.from('LPT7:\0', 'utf16le'), 0);
    expect(added.status).toBe(0);
    const h = await p.server.openPrinter('Single', { desiredAccess: AccessMask.PRINTER_ALL_ACCESS }, ADMIN);
    await expectWin32(
      p.server.setPrinter(h, { fields: { portNames: ['LPT4:', 'NOPE:'] } }),
      Win32ErrorCode.ERROR_UNKNOWN_PORT,
    );
    expect(p.server.devicesOf('Single').map((d) => d.port)).toEqual(['LPT4:']);
    await p.server.setPrinter(h, { fields: { portNames: ['LPT4:', 'LPT7:'] } });
    expect(p.server.devicesOf('Single').map((d) => d.port)).toEqual(['LPT4:', 'LPT7:']);
    expect((await p.server.getPrinter(h)).portNames).toEqual(['LPT4:', 'LPT7:']);

    const t0 = p.clock.now();
    const first = await submit(p.server, 'Single', ALICE, 'first', 'a\fb\f');
    const second = await submit(p.server, 'Single', ALICE, 'second');
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    const printedOn = new Map(
      p.server.events.recent(undefined, 307).map((e) => [Number(e.data.jobId), String(e.data.portName)]),
    );
    expect([printedOn.get(first), printedOn.get(second)]).toEqual(['LPT4:', 'LPT7:']);
    const times = printedTimes(p.server, t0);
    // The second job did not wait for the first's two pages.
    expect(times.get(second)).toBe(PAGE_MS);
    expect(times.get(first)).toBe(2 * PAGE_MS);
  });
});
