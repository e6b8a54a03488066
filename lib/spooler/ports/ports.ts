/**
 * Ports and port monitors as the registry holds them: the Local Port monitor's ports
 * (`HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Ports`) and each monitor's own
 * (`...\Control\Print\Monitors\<monitor>\Ports\<port>`, a Standard TCP/IP port with its
 * HostName or IPAddress and PortNumber). EnumPorts and EnumMonitors answer from here, and the
 * printing side learns from here which device is behind each port.
 */
import type { PortDefinition } from '../../devices/device-fleet';
import { PRINT_KEY, type Registry } from '../../registry/registry-key';
import type { MonitorInfo, PortInfo } from '../../spoolss/types';
import { checkServerName, SERVER_ENVIRONMENT } from '../local-server';
import type { PrintServerSettings } from '../print-server-options';
import { readDword, readSz } from '../registry-values';

const MONITORS_KEY = `${PRINT_KEY}\\Monitors`;
/** Where the Local Port monitor keeps its ports. */
const LOCAL_PORTS_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Ports';
const PORT_TYPE_WRITE = 0x1;
const PORT_TYPE_READ = 0x2;
const PORT_TYPE_NET_ATTACHED = 0x8;

export interface PortsOptions {
  readonly registry: Registry;
  readonly settings: PrintServerSettings;
}

export class Ports {
  constructor(private readonly o: PortsOptions) {}

  /** EnumPorts: the Local Port monitor's ports, then each monitor's (a later one of the same name wins). */
  enumPorts(serverName: string | undefined): PortInfo[] {
    checkServerName(serverName, this.o.settings);
    const ports = new Map<string, PortInfo>();
    for (const v of this.o.registry.getKey(LOCAL_PORTS_KEY)?.valueList() ?? []) {
      ports.set(v.name.toLowerCase(), {
        portName: v.name,
        monitorName: 'Local Port',
        description: 'Local Port',
        portType: PORT_TYPE_WRITE | PORT_TYPE_READ,
      });
    }
    for (const monitor of this.o.registry.getKey(MONITORS_KEY)?.keys() ?? []) {
      for (const port of monitor.getKey('Ports')?.keys() ?? []) {
        const tcp = /tcp/i.test(monitor.name);
        ports.set(port.name.toLowerCase(), {
          portName: port.name,
          monitorName: monitor.name,
          description: monitor.name,
          portType: PORT_TYPE_WRITE | (tcp ? PORT_TYPE_NET_ATTACHED : PORT_TYPE_READ),
        });
      }
    }
    return [...ports.values()];
  }

  /** EnumMonitors: the installed monitors, in the server's native environment. */
  enumMonitors(serverName: string | undefined): MonitorInfo[] {
    checkServerName(serverName, this.o.settings);
    return (this.o.registry.getKey(MONITORS_KEY)?.keys() ?? []).map((m) => ({
      name: m.name,
      environment: SERVER_ENVIRONMENT,
      dllName: readSz(m, 'Driver') ?? '',
    }));
  }

  /**
   * The device behind a port (case-insensitive name): a network device at the monitor's
   * HostName (or IPAddress) and PortNumber, else an attached one under the port's own spelling.
   */
  definition(portName: string): PortDefinition {
    const lower = portName.toLowerCase();
    for (const monitor of this.o.registry.getKey(MONITORS_KEY)?.keys() ?? []) {
      for (const port of monitor.getKey('Ports')?.keys() ?? []) {
        if (port.name.toLowerCase() !== lower) continue;
        const host = readSz(port, 'HostName') || readSz(port, 'IPAddress') || '';
        const number = readDword(port, 'PortNumber');
        if (host !== '' && number !== undefined) return { portName: port.name, tcp: { host, port: number } };
        return { portName: port.name };
      }
    }
    const local = this.o.registry
      .getKey(LOCAL_PORTS_KEY)
      ?.valueList()
      .find((v) => v.name.toLowerCase() === lower);
    return { portName: local?.name ?? lower.toUpperCase() };
  }
}
