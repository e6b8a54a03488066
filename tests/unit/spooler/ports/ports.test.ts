import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { regDword, regSz } from '../../../../lib/common/reg-value';
import { PRINT_KEY, type Registry } from '../../../../lib/registry/registry-key';
import { Ports } from '../../../../lib/spooler/ports/ports';
import { ALICE, buildRegistry, createTestServer, expectWin32 } from '../../../helpers/test-print-server';

const SETTINGS = { serverName: 'NTPRINT' };

function withTcpPort(
  r: Registry,
  name: string,
  values: { host?: string; ip?: string; number?: number; extra?: Record<string, string | number> },
): void {
  const port = r.createKey(`${PRINT_KEY}\\Monitors\\Standard TCP/IP Port\\Ports\\${name}`);
  if (values.host !== undefined) port.setValue(regSz('HostName', values.host));
  if (values.ip !== undefined) port.setValue(regSz('IPAddress', values.ip));
  if (values.number !== undefined) port.setValue(regDword('PortNumber', values.number));
  for (const [k, v] of Object.entries(values.extra ?? {}))
    port.setValue(typeof v === 'number' ? regDword(k, v) : regSz(k, v));
}

describe('ports and monitors', () => {
  it("EnumPorts: Local Port ports, then the monitors' ports; EnumMonitors in the native environment", async () => {
    const t = await createTestServer();
    const ports = await t.server.enumPorts(undefined, ALICE);
    expect(ports.map((p) => [p.portName, p.monitorName, p.portType])).toEqual([
      ['LPT1:', 'Local Port', 0x3],
      ['IP_10.0.0.5', 'Standard TCP/IP Port', 0x9],
    ]);
    const monitors = await t.server.enumMonitors('\\\\NTPRINT', ALICE);
    expect(monitors).toEqual([
      { name: 'Standard TCP/IP Port', environment: 'Windows x64', dllName: '' },
      { name: 'Local Port', environment: 'Windows x64', dllName: 'localspl.dll' },
    ]);
    await expectWin32(t.server.enumPorts('\\\\ELSEWHERE', ALICE), Win32ErrorCode.ERROR_INVALID_NAME);
    await expectWin32(t.server.enumMonitors('\\\\ELSEWHERE', ALICE), Win32ErrorCode.ERROR_INVALID_NAME);
  });

  it('the device behind a port: a TCP/IP port with an address is a network device, the rest attached', () => {
    const registry = buildRegistry();
    withTcpPort(registry, 'IP_10.0.0.7', { host: 'printer7', number: 9100 });
    withTcpPort(registry, 'IP_10.0.0.8', { ip: '10.0.0.8', number: 9101 });
    const ports = new Ports({ registry, settings: SETTINGS });
    const defaults = { protocol: 'raw', snmpCommunity: 'public', snmpDeviceIndex: 1 };
    expect(ports.definition('ip_10.0.0.7')).toEqual({
      portName: 'IP_10.0.0.7',
      tcp: { host: 'printer7', port: 9100, ...defaults },
    });
    expect(ports.definition('IP_10.0.0.8')).toEqual({
      portName: 'IP_10.0.0.8',
      tcp: { host: '10.0.0.8', port: 9101, ...defaults },
    });
    // The fixture's TCP/IP port has no address: its device is attached.
    expect(ports.definition('IP_10.0.0.5')).toEqual({ portName: 'IP_10.0.0.5' });
    expect(ports.definition('lpt1:')).toEqual({ portName: 'LPT1:' });
    expect(ports.definition('usb001')).toEqual({ portName: 'USB001' });
  });
});

describe('Standard TCP/IP port settings (tcpmon value names)', () => {
  it('RAW with SNMP, LPR with queue and byte counting ("Double Spool"); HostName wins over IPAddress', () => {
    const registry = buildRegistry();
    withTcpPort(registry, 'IP_10.0.0.7', {
      host: '127.0.0.7',
      ip: '10.0.0.7',
      number: 9100,
      extra: { Protocol: 1, 'SNMP Enabled': 1, 'SNMP Community': 'printers', 'SNMP Index': 3, Queue: 'ignored' },
    });
    withTcpPort(registry, 'IP_10.0.0.8', {
      ip: '127.0.0.8',
      number: 515,
      extra: { Protocol: 2, Queue: 'PASSTHRU', 'Double Spool': 1, 'SNMP Enabled': 0, 'SNMP Community': '' },
    });
    const ports = new Ports({ registry, settings: SETTINGS });
    expect(ports.tcpPort('ip_10.0.0.7')).toEqual({
      portName: 'IP_10.0.0.7',
      host: '127.0.0.7',
      portNumber: 9100,
      protocol: 'raw',
      queue: '',
      byteCounting: false,
      snmpEnabled: true,
      snmpCommunity: 'printers',
      snmpDeviceIndex: 3,
    });
    expect(ports.tcpPort('IP_10.0.0.8')).toEqual({
      portName: 'IP_10.0.0.8',
      host: '127.0.0.8',
      portNumber: 515,
      protocol: 'lpr',
      queue: 'PASSTHRU',
      byteCounting: true,
      snmpEnabled: false,
      snmpCommunity: 'public',
      snmpDeviceIndex: 1,
    });
    expect(ports.definition('IP_10.0.0.8')).toEqual({
      portName: 'IP_10.0.0.8',
      tcp: { host: '127.0.0.8', port: 515, protocol: 'lpr', snmpCommunity: 'public', snmpDeviceIndex: 1 },
    });
    expect(ports.tcpPort('LPT1:')).toBeUndefined();
    expect(ports.tcpPort('IP_10.0.0.5')).toBeUndefined();
  });

  it('status updates: StatusUpdateInterval in minutes (10 by default), the server setting in ms overriding it', () => {
    const registry = buildRegistry();
    expect(new Ports({ registry, settings: SETTINGS }).statusUpdate()).toEqual({ enabled: true, intervalMs: 600_000 });
    const ports = registry.getKey(`${PRINT_KEY}\\Monitors\\Standard TCP/IP Port\\Ports`)!;
    ports.setValue(regDword('StatusUpdateInterval', 2));
    ports.setValue(regDword('StatusUpdateEnabled', 0));
    expect(new Ports({ registry, settings: SETTINGS }).statusUpdate()).toEqual({ enabled: false, intervalMs: 120_000 });
    expect(new Ports({ registry, settings: { ...SETTINGS, statusUpdateIntervalMs: 250 } }).statusUpdate()).toEqual({
      enabled: false,
      intervalMs: 250,
    });
  });
});
