/**
 * Our SNMP manager (the Standard TCP/IP port monitor's side) against our agent on 127.0.0.1
 * serving an emulated PrintDevice: typed GET and GETNEXT, the port monitor's polls following
 * the device as it prints and as faults come and go, v1 and v2c, retries with the same
 * request-id, and a timeout when the agent stays silent.
 */
import dgram from 'node:dgram';
import { VirtualClock } from '../../../lib/common/clock';
import { createSilentLogger } from '../../../lib/common/logger';
import { PrintDevice } from '../../../lib/devices/print-device';
import { parseOid } from '../../../lib/devices/snmp/oid';
import {
  pollAlerts,
  pollInputTrays,
  pollMarkerLifeCount,
  pollMarkerSupplies,
  pollPrinterStatus,
} from '../../../lib/devices/snmp/printer-status-poll';
import { SnmpAgent } from '../../../lib/devices/snmp/snmp-agent';
import { ErrorStatus } from '../../../lib/devices/snmp/snmp-constants';
import { SnmpErrorStatusError, SnmpTimeoutError } from '../../../lib/devices/snmp/snmp-errors';
import { SnmpManager } from '../../../lib/devices/snmp/snmp-manager';
import { decodeSnmpMessage } from '../../../lib/devices/snmp/snmp-message';

jest.setTimeout(20000);

/** HpColor's device: 6 ppm, toner for 4 more pages (20 %), Letter and A4 trays. */
function hpColor(clock: VirtualClock): PrintDevice {
  return new PrintDevice(
    {
      name: 'HpColor',
      ppm: 6,
      outputDir: '/nonexistent',
      supplies: {
        tonerCapacityPages: 20,
        tonerPercent: 20,
        trays: [
          { name: 'Tray 1', mediaName: 'Letter', capacity: 100 },
          { name: 'Tray 2', mediaName: 'A4', capacity: 500, sheets: 250 },
        ],
      },
    },
    clock,
    createSilentLogger(),
  );
}

describe('SnmpManager against SnmpAgent', () => {
  const clock = new VirtualClock();
  // A fresh device for each test, behind the one agent.
  let printer = hpColor(clock);
  const agent = new SnmpAgent({
    source: { mibSnapshot: () => printer.mibSnapshot() },
    community: 'public',
    logger: createSilentLogger(),
  });
  let port = 0;
  const managers: SnmpManager[] = [];
  const manager = (options: Partial<ConstructorParameters<typeof SnmpManager>[0]> = {}): SnmpManager => {
    const m = new SnmpManager({ host: '127.0.0.1', port, timeoutMs: 300, retries: 1, ...options });
    managers.push(m);
    return m;
  };

  beforeAll(async () => {
    ({ port } = await agent.listen(0, '127.0.0.1'));
  });
  afterAll(async () => {
    for (const m of managers) m.close();
    await agent.close();
  });
  beforeEach(() => {
    printer.abort();
    printer = hpColor(clock);
  });

  it('GET returns typed values and v2c exceptions', async () => {
    const [descr, name, missing] = await manager().get([
      parseOid('1.3.6.1.2.1.1.1.0'),
      parseOid('1.3.6.1.2.1.1.5.0'),
      parseOid('1.3.6.1.2.1.1.5.7'),
    ]);
    expect(descr?.value).toEqual({ type: 'OctetString', value: Buffer.from(printer.mibSnapshot().sysDescr) });
    expect(name?.value).toEqual({ type: 'OctetString', value: Buffer.from('HpColor') });
    expect(missing?.value).toEqual({ type: 'noSuchInstance' });
  });

  it('concurrent requests on a fresh manager each get their own answer', async () => {
    const m = manager();
    const oids = ['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.7.0', '1.3.6.1.2.1.43.11.1.1.9.1.1', '1.3.6.1.2.1.25.3.5.1.1.1'];
    const answers = await Promise.all(oids.map((o) => m.get([parseOid(o)])));
    expect(answers.map(([vb]) => vb?.oid.join('.'))).toEqual(oids);
    expect(answers.map(([vb]) => vb?.value.type)).toEqual(['OctetString', 'Integer', 'Integer', 'Integer']);
  });

  it('GETNEXT steps to the successor', async () => {
    const [next] = await manager().getNext([parseOid('1.3.6.1.2.1.43.11.1.1.9')]);
    expect(next).toEqual({ oid: parseOid('1.3.6.1.2.1.43.11.1.1.9.1.1'), value: { type: 'Integer', value: 20 } });
  });

  it('v1: a missing variable is SnmpErrorStatusError noSuchName naming it', async () => {
    const err = await manager({ version: 'v1' })
      .get([parseOid('1.3.6.1.2.1.1.1.0'), parseOid('1.3.6.1.2.1.1.9.0')])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SnmpErrorStatusError);
    expect(err).toMatchObject({ errorStatus: ErrorStatus.noSuchName, errorIndex: 2 });
  });

  it.each(['v1', 'v2c'] as const)(
    '%s: the port monitor polls follow the device as it prints and as faults come and go',
    async (version) => {
      const m = manager({ version });
      expect(await pollPrinterStatus(m)).toEqual({
        deviceStatus: 'running',
        printerStatus: 'idle',
        detectedErrors: new Set(),
      });
      const pagesBefore = await pollMarkerLifeCount(m);
      void printer.print({ jobId: 1, documentName: 'd', data: Buffer.from('1\f2\f3\f'), pages: 3 });
      expect(await pollPrinterStatus(m)).toMatchObject({ printerStatus: 'printing' });
      // Two pages out: two sheets of Tray 1 and two pages of toner; 10 % is toner low.
      await clock.advance(20_000);
      expect(await pollMarkerLifeCount(m)).toBe(pagesBefore + 2);
      expect(await pollPrinterStatus(m)).toEqual({
        deviceStatus: 'warning',
        printerStatus: 'printing',
        detectedErrors: new Set(['lowToner']),
      });
      expect(await pollMarkerSupplies(m)).toEqual([
        { index: 1, description: 'Black Toner Cartridge', maxCapacity: 100, level: 10 },
      ]);
      const [toner] = await pollAlerts(m);
      expect(toner).toMatchObject({ code: 1104, group: 11, groupIndex: 1 });

      printer.injectFault('paper-out');
      expect(await pollPrinterStatus(m)).toEqual({
        deviceStatus: 'down',
        printerStatus: 'other',
        detectedErrors: new Set(['noPaper', 'lowToner']),
      });
      expect(await pollInputTrays(m)).toEqual([
        { index: 1, name: 'Tray 1', mediaName: 'Letter', maxCapacity: 100, currentLevel: 98 },
        { index: 2, name: 'Tray 2', mediaName: 'A4', maxCapacity: 500, currentLevel: 250 },
      ]);
      const alerts = await pollAlerts(m);
      expect(alerts.map((a) => [a.code, a.severityLevel, a.group, a.groupIndex, a.description])).toEqual([
        [1104, 5, 11, 1, 'Toner low'],
        [808, 3, 8, 1, 'Out of paper: Tray 1'],
      ]);
      expect(alerts[1]!.index).toBeGreaterThan(toner!.index);
      // Paper loaded (clearing paper-out fills the trays) and a new cartridge: the job ends.
      printer.clearFault();
      printer.supplies.tonerPagesLeft = printer.supplies.tonerCapacityPages;
      await clock.advance(10_000);
      await printer.whenIdle();
      expect(await pollPrinterStatus(m)).toEqual({
        deviceStatus: 'running',
        printerStatus: 'idle',
        detectedErrors: new Set(),
      });
    },
  );

  it('a wrong community gets no answer: SnmpTimeoutError after every attempt', async () => {
    const before = agent.counters.inBadCommunityNames;
    const err = await manager({ community: 'private', timeoutMs: 150, retries: 2 })
      .get([parseOid('1.3.6.1.2.1.1.1.0')])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SnmpTimeoutError);
    expect(err).toMatchObject({ attempts: 3 });
    expect(agent.counters.inBadCommunityNames - before).toBe(3);
  });
});

describe('retries', () => {
  it('resends the same request-id after a lost datagram and takes the answer', async () => {
    const printer = hpColor(new VirtualClock());
    const agent = new SnmpAgent({ source: printer, community: 'public', logger: createSilentLogger() });
    // An agent whose first datagram is lost on the way.
    const socket = dgram.createSocket('udp4');
    const seen: number[] = [];
    socket.on('message', (msg, rinfo) => {
      seen.push(decodeSnmpMessage(msg).pdu.requestId);
      if (seen.length === 1) return;
      const out = agent.handleDatagram(msg);
      if (out) socket.send(out, rinfo.port, rinfo.address);
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const m = new SnmpManager({ host: '127.0.0.1', port: socket.address().port, timeoutMs: 200, retries: 2 });
    try {
      const status = await pollPrinterStatus(m);
      expect(status.deviceStatus).toBe('running');
      expect(seen).toHaveLength(2);
      expect(seen[0]).toBe(seen[1]);
    } finally {
      m.close();
      socket.close();
    }
  });

  it('a closed agent port ends in SnmpTimeoutError, not a hang', async () => {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const port = socket.address().port;
    socket.close();
    const m = new SnmpManager({ host: '127.0.0.1', port, timeoutMs: 100, retries: 1 });
    try {
      await expect(pollPrinterStatus(m)).rejects.toBeInstanceOf(SnmpTimeoutError);
    } finally {
      m.close();
    }
  });
});
