import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { regDword, regSz } from '../../../../lib/common/reg-value';
import { PRINT_KEY, type Registry } from '../../../../lib/registry/registry-key';
import { Ports } from '../../../../lib/spooler/ports/ports';
import { ALICE, buildRegistry, createTestServer, expectWin32 } from '../../../helpers/test-print-server';

const SETTINGS = { serverName: 'NTPRINT' };

function withTcpPort(r: Registry, name: string, values: { host?: string; ip?: string; number?: number }): void {
  const port = r.createKey(`${PRINT_KEY}\\Monitors\\Standard TCP/IP Port\\Ports\\${name}`);
  if (values.host !== undefined) port.setValue(regSz('HostName', values.host));
  if (values.ip !== undefined) port.setValue(regSz('IPAddress', values.ip));
  if (values.number !== undefined) port.setValue(regDword('PortNumber', values.number));
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
    expect(ports.definition('ip_10.0.0.7')).toEqual({ portName: 'IP_10.0.0.7', tcp: { host: 'printer7', port: 9100 } });
    expect(ports.definition('IP_10.0.0.8')).toEqual({ portName: 'IP_10.0.0.8', tcp: { host: '10.0.0.8', port: 9101 } });
    // The fixture's TCP/IP port has no address: its device is attached.
    expect(ports.definition('IP_10.0.0.5')).toEqual({ portName: 'IP_10.0.0.5' });
    expect(ports.definition('lpt1:')).toEqual({ portName: 'LPT1:' });
    expect(ports.definition('usb001')).toEqual({ portName: 'USB001' });
  });
});
