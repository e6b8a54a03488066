/**
 * Ports and port monitors as the registry holds them: the Local Port monitor's ports
 * (`HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Ports`) and each monitor's own
 * (`...\Control\Print\Monitors\<monitor>\Ports\<port>`, a Standard TCP/IP port with its
 * address, protocol and SNMP settings: standard-tcpip-port.ts). EnumPorts and EnumMonitors
 * answer from here, and the printing side learns from here which device is behind each port and
 * how the port monitor reaches it and reads its status.
 */
import type { PortDefinition } from '../../devices/device-fleet';
import { PRINT_KEY, type Registry, type RegistryKey } from '../../registry/registry-key';
import { LOCAL_PORT_MONITOR } from '../../spoolss/tcpxcv';
import type { MonitorInfo, PortInfo } from '../../spoolss/types';
import { checkServerName, SERVER_ENVIRONMENT } from '../local-server';
import type { PrintServerSettings } from '../print-server-options';
import { readSz } from '../registry-values';
import { readStandardTcpIpPort, readStatusUpdate, type StandardTcpIpPortConfig } from './standard-tcpip-port';

const MONITORS_KEY = `${PRINT_KEY}\\Monitors`;
/** Where the Local Port monitor keeps its ports. */
export const LOCAL_PORTS_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Ports';
export { LOCAL_PORT_MONITOR };
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
        monitorName: LOCAL_PORT_MONITOR,
        description: LOCAL_PORT_MONITOR,
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
   * HostName (or IPAddress) and PortNumber, with the port's protocol and SNMP community and
   * index, else an attached one under the port's own spelling.
   */
  definition(portName: string): PortDefinition {
    const tcp = this.tcpPort(portName);
    if (tcp) {
      return {
        portName: tcp.portName,
        tcp: {
          host: tcp.host,
          port: tcp.portNumber,
          protocol: tcp.protocol,
          snmpCommunity: tcp.snmpCommunity,
          snmpDeviceIndex: tcp.snmpDeviceIndex,
        },
      };
    }
    const monitorPort = this.monitorPortKey(portName);
    if (monitorPort) return { portName: monitorPort.name };
    const lower = portName.toLowerCase();
    const local = this.o.registry
      .getKey(LOCAL_PORTS_KEY)
      ?.valueList()
      .find((v) => v.name.toLowerCase() === lower);
    return { portName: local?.name ?? lower.toUpperCase() };
  }

  /** A monitor's port with an address and port number: its Standard TCP/IP settings. */
  tcpPort(portName: string): StandardTcpIpPortConfig | undefined {
    const key = this.monitorPortKey(portName);
    return key && readStandardTcpIpPort(key);
  }

  /**
   * How often the Standard TCP/IP monitor reads its ports' status: StatusUpdateEnabled and
   * StatusUpdateInterval (minutes) of the registry, the interval overridden in milliseconds by
   * the server settings' `statusUpdateIntervalMs`.
   */
  statusUpdate(): { readonly enabled: boolean; readonly intervalMs: number } {
    const fromRegistry = readStatusUpdate(this.o.registry);
    const override = this.o.settings.statusUpdateIntervalMs;
    return override !== undefined ? { ...fromRegistry, intervalMs: override } : fromRegistry;
  }

  /** The monitor that has a port of that name (case-insensitive), if any. */
  monitorOf(portName: string): string | undefined {
    const key = this.monitorPortKey(portName);
    if (key) return key.parent?.parent?.name;
    const lower = portName.toLowerCase();
    const local = this.o.registry
      .getKey(LOCAL_PORTS_KEY)
      ?.valueList()
      .some((v) => v.name.toLowerCase() === lower);
    return local ? LOCAL_PORT_MONITOR : undefined;
  }

  private monitorPortKey(portName: string): RegistryKey | undefined {
    const lower = portName.toLowerCase();
    for (const monitor of this.o.registry.getKey(MONITORS_KEY)?.keys() ?? []) {
      for (const port of monitor.getKey('Ports')?.keys() ?? []) {
        if (port.name.toLowerCase() === lower) return port;
      }
    }
    return undefined;
  }
}
