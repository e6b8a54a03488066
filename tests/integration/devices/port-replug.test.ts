/**
 * The devices follow the printers' ports at run time: SetPrinter taking a port off a pool
 * unplugs that port's device (no job goes there any more, its status is no longer read); tcpmon's
 * ConfigPort giving a Standard TCP/IP port another host re-plugs its device at the new address,
 * and the next job is sent there (the old address's listener is closed, so a job sent to it
 * could not print). LPR ports move the same way.
 */
import { promises as fs } from 'node:fs';
import net from 'node:net';
import { regDword, regSz } from '../../../lib/common/reg-value';
import { PRINT_KEY, type Registry } from '../../../lib/registry/registry-key';
import { AccessMask } from '../../../lib/spoolss/constants';
import { encodePortData, type PortData } from '../../../lib/spoolss/tcpxcv';
import { addPrinter, createPrintingServer, submit, type PrintingServer } from '../../helpers/printing-server';
import { ADMIN, ALICE } from '../../helpers/test-print-server';

jest.setTimeout(60_000);

function tcpPort(r: Registry, name: string, values: Record<string, string | number>): void {
  const port = r.createKey(`${PRINT_KEY}\\Monitors\\Standard TCP/IP Port\\Ports\\${name}`);
  for (const [k, v] of Object.entries(values)) port.setValue(typeof v === 'number' ? regDword(k, v) : regSz(k, v));
}

const RAW = { Protocol: 1, PortNumber: 9100, 'SNMP Community': 'public', 'SNMP Index': 1, 'SNMP Enabled': 0 };

function configure(r: Registry): void {
  tcpPort(r, 'IP_NET', { ...RAW, HostName: '127.0.0.31' });
  addPrinter(r, 'Net', 'IP_NET');
}

function portData(over: Partial<PortData>): PortData {
  return {
    version: 1,
    portName: 'IP_NET',
    protocol: 1,
    hostAddress: '127.0.0.31',
    snmpCommunity: 'public',
    doubleSpool: 0,
    queue: '',
    ipAddress: '',
    portNumber: 9100,
    snmpEnabled: 0,
    snmpDevIndex: 1,
    ...over,
  };
}

describe('devices follow the ports at run time', () => {
  let p: PrintingServer;
  afterEach(async () => {
    await p.server.close();
    await fs.rm(p.stateDir, { recursive: true, force: true });
  });

  const printedOn = (): Map<number, string> =>
    new Map(p.server.events.recent(undefined, 307).map((e) => [Number(e.data.jobId), String(e.data.portName)]));

  it('SetPrinter taking a port out of a pool unplugs its device; jobs go to the ports left', async () => {
    p = await createPrintingServer({ configure });
    expect(p.server.devicesOf('Pool3').map((d) => d.port)).toEqual(['LPT1:', 'LPT2:', 'LPT3:']);
    const h = await p.server.openPrinter('Pool3', { desiredAccess: AccessMask.PRINTER_ALL_ACCESS }, ADMIN);
    await p.server.setPrinter(h, { fields: { portNames: ['LPT1:', 'LPT2:'] } });
    expect(p.server.devicesOf('Pool3').map((d) => d.port)).toEqual(['LPT1:', 'LPT2:']);
    // Put back on the pool, the port has no device until the change is made: none is left behind.
    p.registry.getKey(`${PRINT_KEY}\\Printers\\Pool3`)?.setValue(regSz('Port', 'LPT1:,LPT2:,LPT3:'));
    expect(p.server.devicesOf('Pool3').map((d) => d.port)).toEqual(['LPT1:', 'LPT2:']);
    p.registry.getKey(`${PRINT_KEY}\\Printers\\Pool3`)?.setValue(regSz('Port', 'LPT1:,LPT2:'));

    const jobs = [
      await submit(p.server, 'Pool3', ALICE, 'one'),
      await submit(p.server, 'Pool3', ALICE, 'two'),
      await submit(p.server, 'Pool3', ALICE, 'three'),
    ];
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    const on = printedOn();
    expect(jobs.map((j) => on.get(j))).toEqual(['LPT1:', 'LPT2:', expect.stringMatching(/^LPT[12]:$/)]);
  });

  it('DeletePrinter unplugs the devices of the ports no other printer uses', async () => {
    p = await createPrintingServer({ configure });
    const h = await p.server.openPrinter('Net', { desiredAccess: AccessMask.PRINTER_ALL_ACCESS }, ADMIN);
    const address = p.server.devicesOf('Net')[0]?.address ?? '';
    expect(address).toMatch(/^127\.0\.0\.31:\d+$/);
    await p.server.deletePrinter(h);
    await p.server.closePrinter(h);
    await p.server.whenIdle();
    // The device's RAW listener is closed.
    const [host, port] = address.split(':');
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect(Number(port), host);
      s.on('connect', () => (s.destroy(), resolve(false)));
      s.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it.each([
    ['RAW', { protocol: 1 }, 'RAW'],
    ['LPR', { protocol: 2, queue: 'lp', portNumber: 515 }, 'LPR'],
  ])(
    'ConfigPort to another host re-plugs the %s device there; the next job goes to the new address',
    async (_n, over, protocol) => {
      p = await createPrintingServer({ configure });
      const first = await submit(p.server, 'Net', ALICE, 'before', 'before\f');
      await p.clock.runUntil(() => p.server.queue.all().length === 0);
      expect(p.server.devicesOf('Net')[0]?.address).toMatch(/^127\.0\.0\.31:\d+$/);

      const xcv = await p.server.openPrinter(
        '\\\\NTPRINT\\,XcvMonitor Standard TCP/IP Port',
        { desiredAccess: AccessMask.SERVER_ACCESS_ADMINISTER },
        ADMIN,
      );
      const config = await p.server.xcvData(
        xcv,
        'ConfigPort',
        encodePortData(portData({ hostAddress: '127.0.0.32', ...over })),
        0,
      );
      expect(config.status).toBe(0);
      expect(p.server.devicesOf('Net')[0]).toMatchObject({
        address: expect.stringMatching(/^127\.0\.0\.32:\d+$/) as unknown,
        protocol,
      });
      const second = await submit(p.server, 'Net', ALICE, 'after', 'after\f');
      await p.clock.runUntil(() => p.server.queue.all().length === 0);
      const on = printedOn();
      expect([on.get(first), on.get(second)]).toEqual(['IP_NET', 'IP_NET']);
      // The second job came out of the port's device, through the new address (an LPD device
      // prints after it acknowledged the job: a page later).
      await p.clock.advance(60_000);
      const dir = `${p.outputDir}/IP_NET`;
      const out = await Promise.all((await fs.readdir(dir)).map((f) => fs.readFile(`${dir}/${f}`, 'latin1')));
      expect(out.some((data) => data.includes('after'))).toBe(true);
    },
  );
});
