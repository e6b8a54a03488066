/**
 * The emulated device as its SNMP agent sees it (PrintDevice as PrinterMibSource): the course's
 * faults as Printer MIB alerts, toner and trays as supplies and inputs, the page counter.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualClock } from '../../../lib/common/clock';
import { createSilentLogger } from '../../../lib/common/logger';
import { PrintDevice, type PrintDeviceSettings } from '../../../lib/devices/print-device';
import { buildPrinterMibView, detectedErrorsOf } from '../../../lib/devices/snmp/printer-mib-view';
import { PrinterAlertTable } from '../../../lib/devices/snmp/printer-alert-table';
import { parseOid } from '../../../lib/devices/snmp/oid';

describe('PrintDevice as a PrinterMibSource', () => {
  let dir: string;
  let clock: VirtualClock;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-devmib-'));
    clock = new VirtualClock();
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const device = (over: Partial<PrintDeviceSettings> = {}): PrintDevice =>
    new PrintDevice({ name: 'IP_10.0.0.15', ppm: 6, outputDir: dir, ...over }, clock, createSilentLogger());

  it('an idle device: its toner in percent, its trays in sheets, no alerts', () => {
    const snap = device().mibSnapshot();
    expect(snap).toEqual({
      sysDescr: 'pointprint emulated laser printer, 6 ppm',
      sysName: 'IP_10.0.0.15',
      activity: 'idle',
      offline: false,
      alerts: [],
      markerSupplies: [
        { description: 'Black Toner Cartridge', type: 'tonerCartridge', unit: 'percent', maxCapacity: 100, level: 100 },
      ],
      inputTrays: [
        { name: 'Tray 1', mediaName: 'Letter', maxCapacity: 100, currentLevel: 100 },
        { name: 'Tray 2', mediaName: 'A4', maxCapacity: 500, currentLevel: 500 },
      ],
      lifeCount: 0,
    });
  });

  it.each([
    ['jam', [{ kind: 'jam' }], ['jammed']],
    ['door-open', [{ kind: 'doorOpen' }], ['doorOpen']],
    ['toner-out', [{ kind: 'tonerOut', subunit: 1 }], ['noToner']],
    ['offline', [], ['offline']],
  ] as const)('%s: its alert and hrPrinterDetectedErrorState condition', (fault, alerts, conditions) => {
    const d = device();
    d.injectFault(fault);
    const snap = d.mibSnapshot();
    expect(snap.alerts).toEqual(alerts);
    expect([...detectedErrorsOf(snap)]).toEqual(conditions);
  });

  it('an injected paper-out names the tray the next page would come from', () => {
    const d = device({
      supplies: {
        trays: [
          { name: 'Tray 1', sheets: 0, capacity: 50 },
          { name: 'Tray 2', capacity: 20 },
        ],
      },
    });
    d.injectFault('paper-out');
    expect(d.mibSnapshot().alerts).toEqual([{ kind: 'paperOut', subunit: 2 }]);
  });

  it('paper run out on every tray: one paperOut alert per empty tray, levels at zero', async () => {
    const d = device({
      supplies: {
        tonerCapacityPages: 100,
        tonerPercent: 12,
        trays: [
          { name: 'Tray 1', capacity: 1 },
          { name: 'Tray 2', capacity: 1 },
        ],
      },
    });
    void d.print({ jobId: 1, documentName: 'd', data: Buffer.from('1\f2\f3\f'), pages: 3 });
    expect(d.mibSnapshot().activity).toBe('printing');
    await clock.advance(30_000);
    const snap = d.mibSnapshot();
    expect(snap.alerts).toEqual([
      { kind: 'paperOut', subunit: 1 },
      { kind: 'paperOut', subunit: 2 },
      { kind: 'tonerLow', subunit: 1 },
    ]);
    expect(snap.inputTrays.map((t) => t.currentLevel)).toEqual([0, 0]);
    expect(snap.markerSupplies[0]?.level).toBe(10);
    expect(snap.lifeCount).toBe(2);
    // Stopped, it is no longer printing: hrPrinterStatus says other(1) for the critical condition.
    expect(snap.activity).toBe('idle');
    d.abort();
  });

  it("the agent's view: prtMarkerLifeCount counts the pages, prtAlertTable names the empty tray", async () => {
    const d = device({ supplies: { trays: [{ name: 'Tray 1', capacity: 1 }] } });
    void d.print({ jobId: 1, documentName: 'd', data: Buffer.from('1\f2\f'), pages: 2 });
    await clock.advance(20_000);
    const snap = d.mibSnapshot();
    const view = buildPrinterMibView(snap, {
      deviceIndex: 1,
      upTimeTicks: 100,
      alerts: new PrinterAlertTable().update(snap.alerts, 100),
      alertsAdded: 1,
    });
    expect(view.get(parseOid('1.3.6.1.2.1.43.10.2.1.4.1.1'))).toEqual({ type: 'Counter32', value: 1 });
    expect(view.get(parseOid('1.3.6.1.2.1.43.10.2.1.3.1.1'))).toEqual({ type: 'Integer', value: 7 }); // impressions
    expect(view.get(parseOid('1.3.6.1.2.1.43.18.1.1.8.1.1'))).toEqual({
      type: 'OctetString',
      value: Buffer.from('Out of paper: Tray 1'),
    });
    d.abort();
  });
});
