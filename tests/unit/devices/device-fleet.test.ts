import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../../lib/common/clock';
import { createSilentLogger } from '../../../lib/common/logger';
import { DeviceFleet, loopbackListenAddress, portFolderName } from '../../../lib/devices/device-fleet';
import type { PrintDevice } from '../../../lib/devices/print-device';
import { pollPrinterStatus } from '../../../lib/devices/snmp/printer-status-poll';
import { SnmpTimeoutError } from '../../../lib/devices/snmp/snmp-errors';
import { SnmpManager } from '../../../lib/devices/snmp/snmp-manager';

describe('DeviceFleet', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-fleet-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const create = (stateDir?: string): Promise<DeviceFleet> =>
    DeviceFleet.create(
      [
        { portName: 'LPT1:' },
        { portName: 'lpt1:' },
        { portName: 'IP_1', tcp: { host: '127.0.0.41', port: 9100, snmpCommunity: 'printers', snmpDeviceIndex: 2 } },
        { portName: 'IP_10.9.9.9', tcp: { host: '10.9.9.9', port: 9100 } },
      ],
      {
        clock: systemClock,
        logger: createSilentLogger(),
        outputDir: path.join(dir, 'OUTPUT'),
        devices: { '*': { ppm: 12 }, ip_1: { ppm: 30 } },
        ...(stateDir !== undefined && { stateDir }),
      },
    );

  it('plugs one device into each port (case-insensitive); a loopback TCP/IP port gets a network printer on that address', async () => {
    const fleet = await create();
    try {
      const [lpt, ip, remote] = fleet.all();
      expect(fleet.all()).toHaveLength(3);
      expect([lpt?.portName, lpt?.network, lpt?.device.ppm]).toEqual(['LPT1:', undefined, 12]);
      expect(lpt?.device.outputDir).toBe(path.join(dir, 'OUTPUT', portFolderName('LPT1:')));
      // Its own address; DEVIATION kept: free ports, not 9100, 515 and 161.
      expect(ip?.network?.host).toBe('127.0.0.41');
      expect([ip?.network?.port, ip?.network?.lpdPort, ip?.network?.snmpPort]).not.toContain(9100);
      expect(new Set([ip?.network?.port, ip?.network?.lpdPort]).size).toBe(2);
      expect(ip?.device.ppm).toBe(30);
      // An address that is not loopback cannot be the emulated printer's: the device is attached.
      expect([remote?.portName, remote?.network]).toEqual(['IP_10.9.9.9', undefined]);
      expect(fleet.network('ip_1')?.snmpAgentRunning).toBe(true);
      expect(fleet.network('IP_10.9.9.9')).toBeUndefined();
    } finally {
      await fleet.close();
    }
  });

  it("a network printer's agent answers with the port's community and device index, until it is turned off", async () => {
    const fleet = await create();
    const net = fleet.all()[1]!.network!;
    const manager = new SnmpManager({
      host: net.host,
      port: net.snmpPort,
      community: 'printers',
      timeoutMs: 200,
      retries: 0,
    });
    try {
      expect(await pollPrinterStatus(manager, 2)).toMatchObject({ deviceStatus: 'running', printerStatus: 'idle' });
      await fleet.network('IP_1')!.setSnmpAgent(false);
      await expect(pollPrinterStatus(manager, 2)).rejects.toBeInstanceOf(SnmpTimeoutError);
      await fleet.network('IP_1')!.setSnmpAgent(true);
      expect(fleet.network('IP_1')!.addresses.snmpPort).toBe(net.snmpPort);
      expect(await pollPrinterStatus(manager, 2)).toMatchObject({ deviceStatus: 'running' });
    } finally {
      manager.close();
      await fleet.close();
    }
  });

  it('listens on loopback literals only', () => {
    expect(loopbackListenAddress('127.0.0.15')).toBe('127.0.0.15');
    expect(loopbackListenAddress('localhost')).toBe('127.0.0.1');
    expect(loopbackListenAddress('::1')).toBe('::1');
    expect(loopbackListenAddress('127.0.0.256')).toBeUndefined();
    expect(loopbackListenAddress('10.0.0.15')).toBeUndefined();
    expect(loopbackListenAddress('printer7')).toBeUndefined();
  });

  it('keeps device state in devices.json across restarts', async () => {
    const first = await create(dir);
    const lpt = first.all()[0]?.device;
    lpt?.injectFault('paper-out');
    if (lpt) lpt.ppm = 7;
    await first.close();
    const saved = JSON.parse(await fs.readFile(path.join(dir, 'devices.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(saved)).toEqual(['LPT1:', 'IP_1', 'IP_10.9.9.9']);
    const second = await create(dir);
    try {
      // Toner spent and faults stay; a configured speed wins over the saved one.
      expect(second.all()[0]?.device.faults).toEqual(['paper-out']);
      expect(second.all()[0]?.device.ppm).toBe(12);
    } finally {
      await second.close();
    }
  });

  it("keeps a device's job numbers (RAW, LPD jobs without the spooler's id) across a re-plug and a restart", async () => {
    const first = await create(dir);
    const device = (f: DeviceFleet): PrintDevice | undefined => f.all().find((a) => a.portName === 'LPT1:')?.device;
    expect([device(first)?.nextDeviceJobId(), device(first)?.nextDeviceJobId()]).toEqual([90001, 90002]);
    first.unplug('LPT1:');
    expect(device(first)).toBeUndefined();
    await first.plug([{ portName: 'LPT1:' }]);
    expect(device(first)?.nextDeviceJobId()).toBe(90003);
    await first.close();
    const saved = JSON.parse(await fs.readFile(path.join(dir, 'devices.json'), 'utf8')) as Record<
      string,
      { deviceJobs?: number }
    >;
    expect(saved['LPT1:']?.deviceJobs).toBe(3);
    const second = await create(dir);
    try {
      expect(device(second)?.nextDeviceJobId()).toBe(90004);
      // A device never given a number starts at the first one.
      expect(
        second
          .all()
          .find((a) => a.portName === 'IP_10.9.9.9')
          ?.device.nextDeviceJobId(),
      ).toBe(90001);
    } finally {
      await second.close();
    }
  });

  it('writes nothing once closed, even when a device changes during the last save (the ENOTEMPTY at teardown)', async () => {
    const fleet = await create(dir);
    const lpt = fleet.all()[0]?.device;
    let changes = 0;
    // A device that keeps changing while the fleet closes (pages, supplies, faults).
    const busy = setInterval(() => {
      if (changes++ % 2 === 0) lpt?.injectFault('paper-out');
      else lpt?.clearFault();
    }, 0);
    try {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await fleet.close();
      const after = await fs.readdir(dir);
      const saved = await fs.stat(path.join(dir, 'devices.json'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await fs.readdir(dir)).toEqual(after);
      // Not even rewritten (a rewrite is a new file renamed over it: another inode).
      expect((await fs.stat(path.join(dir, 'devices.json'))).ino).toBe(saved.ino);
      expect(after.filter((n) => n.startsWith('devices.json'))).toEqual(['devices.json']);
      // The folder can go: nothing writes into it any more.
      await fs.rm(dir, { recursive: true });
    } finally {
      clearInterval(busy);
    }
    expect(changes).toBeGreaterThan(0);
  });

  it('a devices.json that cannot be read is kept aside; the devices start fresh', async () => {
    await fs.writeFile(path.join(dir, 'devices.json'), '{"LPT1:": {"ppm": 7,');
    const fleet = await create(dir);
    try {
      expect(fleet.all()[0]?.device.faults).toEqual([]);
      expect(await fs.readFile(path.join(dir, 'devices.json.corrupt-truncated'), 'utf8')).toBe('{"LPT1:": {"ppm": 7,');
    } finally {
      await fleet.close();
    }
  });

  it('portFolderName makes a folder name of a port name', () => {
    expect(portFolderName('LPT1:')).toBe('LPT1');
    expect(portFolderName('IP_10.0.0.15')).toBe('IP_10.0.0.15');
    expect(portFolderName('\\\\srv\\q')).toBe('__srv_q');
    expect(portFolderName(':')).toBe('port');
  });
});
