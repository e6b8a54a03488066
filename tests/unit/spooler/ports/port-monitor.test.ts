import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock, VirtualClock, type SpoolerClock } from '../../../../lib/common/clock';
import { createSilentLogger } from '../../../../lib/common/logger';
import { DeviceFleet } from '../../../../lib/devices/device-fleet';
import { PrinterStatus } from '../../../../lib/spoolss/constants';
import { PortMonitors } from '../../../../lib/spooler/ports/port-monitor';
import type { StandardTcpIpPortConfig } from '../../../../lib/spooler/ports/standard-tcpip-port';
import { until } from '../../../helpers/until';

const RAW_PORT: StandardTcpIpPortConfig = {
  portName: 'IP_10.0.0.5',
  host: '127.0.0.1',
  portNumber: 9100,
  protocol: 'raw',
  queue: '',
  byteCounting: false,
  snmpEnabled: true,
  snmpCommunity: 'public',
  snmpDeviceIndex: 1,
};
const LPR_PORT: StandardTcpIpPortConfig = {
  ...RAW_PORT,
  portName: 'IP_10.0.0.6',
  portNumber: 515,
  protocol: 'lpr',
  queue: 'PASSTHRU',
  byteCounting: true,
  snmpEnabled: false,
};
const MINUTE = 60_000;

describe('port monitors', () => {
  let dir: string;
  let fleet: DeviceFleet;
  let monitors: PortMonitors;

  const start = async (clock: SpoolerClock, ppm = 600): Promise<void> => {
    const tcp = [RAW_PORT, LPR_PORT];
    fleet = await DeviceFleet.create(
      [
        { portName: 'LPT1:' },
        ...tcp.map((t) => ({ portName: t.portName, tcp: { host: t.host, port: t.portNumber, protocol: t.protocol } })),
      ],
      // 600 ppm: a page takes 100 ms.
      { clock, logger: createSilentLogger(), outputDir: dir, devices: { '*': { ppm } } },
    );
    monitors = new PortMonitors({
      fleet,
      tcpPort: (name) => tcp.find((t) => t.portName.toLowerCase() === name.toLowerCase()),
      statusUpdate: { enabled: true, intervalMs: MINUTE },
      serverName: 'NTPRINT',
      clock,
      logger: createSilentLogger(),
      // Real UDP to an agent in this process: long enough for a loaded CI machine (the silence
      // check waits it out once).
      snmpTimeoutMs: 2000,
      snmpRetries: 0,
    });
    monitors.start();
  };

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-monitors-'));
  });
  afterEach(async () => {
    monitors.close();
    await monitors.whenIdle();
    await fleet.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reaches an attached device through Local Port and network devices through Standard TCP/IP', async () => {
    await start(systemClock);
    expect(monitors.port('lpt1:')).toMatchObject({ monitor: 'Local Port' });
    const [, raw, lpr] = fleet.all();
    expect(monitors.port('IP_10.0.0.5')).toMatchObject({
      monitor: 'Standard TCP/IP Port',
      protocol: 'RAW',
      address: `127.0.0.1:${raw?.network?.port}`,
    });
    expect(monitors.port('ip_10.0.0.6')).toMatchObject({
      protocol: 'LPR',
      address: `127.0.0.1:${lpr?.network?.lpdPort}`,
    });
    expect(monitors.port('LPT2:')).toBeUndefined();
    expect(monitors.all().map((t) => t.portName)).toEqual(['LPT1:', 'IP_10.0.0.5', 'IP_10.0.0.6']);
    expect(monitors.port('LPT1:')?.status()).toMatchObject({ source: 'device', state: 'idle', tonerPercent: 100 });
    expect(monitors.port('IP_10.0.0.6')?.status()).toEqual({
      source: 'none',
      state: 'unknown',
      status: 0,
      faults: [],
      blocked: false,
    });
  });

  it("RAW: the job goes in PJL; the device's page status counts its pages and USTATUS JOB END says it printed", async () => {
    // 30 ppm: the second page comes 2 s after the first.
    await start(systemClock, 30);
    const send = monitors.port('IP_10.0.0.5')!.send({
      jobId: 7,
      documentName: 'report.txt',
      data: Buffer.from('one\ftwo\f'),
      pages: 2,
    });
    expect(await until('the first page status', () => Promise.resolve(send.pagesPrinted() || undefined))).toBe(1);
    const outcome = await send.done;
    expect(outcome).toMatchObject({ outcome: 'printed', pages: 2 });
    expect(send.pagesPrinted()).toBe(2);
    if (outcome.outcome !== 'printed') return;
    expect(await fs.readFile(outcome.outputFile, 'latin1')).toBe('one\ftwo\f');
  });

  it('LPR: the job goes to the device LPD for the queue; the device prints it after the handover', async () => {
    await start(systemClock);
    const send = monitors.port('IP_10.0.0.6')!.send({
      jobId: 8,
      documentName: 'memo\n.txt',
      userName: 'alice',
      data: Buffer.from('lpr page\f'),
      pages: 1,
    });
    const outcome = await send.done;
    expect(outcome).toMatchObject({ outcome: 'printed', pages: 1 });
    if (outcome.outcome !== 'printed') return;
    const printed = await until('the output', () => fs.readFile(outcome.outputFile, 'latin1').catch(() => undefined));
    expect(printed).toBe('lpr page\f');
  });

  it('LPR to a device whose LPD is gone: the job did not print', async () => {
    await start(systemClock);
    await fleet.network('IP_10.0.0.6')!.close();
    const send = monitors.port('IP_10.0.0.6')!.send({ jobId: 9, documentName: 'd', data: Buffer.from('x'), pages: 1 });
    expect(await send.done).toEqual({ outcome: 'aborted', pagesPrinted: 0 });
  });

  it('a job aborted on a local port is not printed', async () => {
    await start(systemClock);
    const send = monitors
      .port('LPT1:')!
      .send({ jobId: 8, documentName: 'd', data: Buffer.from('a\fb\fc\f'), pages: 3 });
    send.abort();
    expect((await send.done).outcome).toBe('aborted');
  });

  it('SNMP status: what the last poll said, at the status update interval; silence turns the port offline', async () => {
    const clock = new VirtualClock();
    await start(clock);
    const port = monitors.port('IP_10.0.0.5')!;
    const changes: string[] = [];
    port.onStatusChange(() => changes.push(port.status().state));
    await monitors.whenIdle();
    expect(port.status()).toMatchObject({
      source: 'snmp',
      state: 'idle',
      status: 0,
      faults: [],
      blocked: false,
      tonerPercent: 100,
      pagesPrinted: 0,
      trays: [
        { name: 'Tray 1', mediaName: 'Letter', sheets: 100, capacity: 100 },
        { name: 'Tray 2', mediaName: 'A4', sheets: 500, capacity: 500 },
      ],
      snmp: { address: `127.0.0.1:${fleet.all()[1]?.network?.snmpPort}`, answering: true },
    });

    // The device jams: nothing changes for the spooler until the next poll.
    port.device.injectFault('jam');
    await clock.advance(MINUTE - 1);
    expect(port.status().faults).toEqual([]);
    await clock.advance(1);
    await monitors.whenIdle();
    expect(port.status()).toMatchObject({ state: 'stopped', faults: ['jam'], blocked: true, alerts: ['Paper jam'] });
    expect(port.status().status).toBe(PrinterStatus.PRINTER_STATUS_PAPER_JAM | PrinterStatus.PRINTER_STATUS_ERROR);

    // The agent goes silent: offline, state unknown, faults no longer known.
    await fleet.network('IP_10.0.0.5')!.setSnmpAgent(false);
    await clock.advance(MINUTE);
    await monitors.whenIdle();
    expect(port.status()).toMatchObject({
      state: 'unknown',
      status: PrinterStatus.PRINTER_STATUS_OFFLINE,
      faults: [],
      blocked: true,
      snmp: { answering: false },
    });
    expect(port.status().tonerPercent).toBeUndefined();

    await fleet.network('IP_10.0.0.5')!.setSnmpAgent(true);
    port.device.clearFault();
    await clock.advance(MINUTE);
    await monitors.whenIdle();
    expect(port.status()).toMatchObject({ state: 'idle', status: 0, blocked: false, snmp: { answering: true } });
    expect(changes).toEqual(['idle', 'stopped', 'unknown', 'idle']);
  });

  it('no SNMP polls when the monitor does not update status (StatusUpdateEnabled 0)', async () => {
    const clock = new VirtualClock();
    fleet = await DeviceFleet.create([{ portName: 'IP_10.0.0.5', tcp: { host: '127.0.0.1', port: 9100 } }], {
      clock,
      logger: createSilentLogger(),
      outputDir: dir,
    });
    monitors = new PortMonitors({
      fleet,
      tcpPort: () => RAW_PORT,
      statusUpdate: { enabled: false, intervalMs: MINUTE },
      serverName: 'NTPRINT',
      clock,
      logger: createSilentLogger(),
    });
    monitors.start();
    monitors.port('IP_10.0.0.5')!.device.injectFault('paper-out');
    await clock.advance(10 * MINUTE);
    expect(monitors.port('IP_10.0.0.5')!.status()).toMatchObject({ source: 'none', faults: [], blocked: false });
  });
});
