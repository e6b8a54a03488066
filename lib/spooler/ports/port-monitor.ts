/**
 * Port monitors: how the spooler reaches the devices behind its printers' ports (the devices
 * themselves are hardware, lib/devices/device-fleet.ts). The Local Port monitor hands a job to
 * an attached device; the Standard TCP/IP monitor sends it over the network, RAW or LPR, and,
 * for a port with SNMP Status Enabled, polls the printer's agent for its status at the
 * monitor's status update interval (port-target.ts, snmp-status-poller.ts).
 */
import type { SpoolerClock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import type { AttachedDevice, DeviceFleet } from '../../devices/device-fleet';
import { localPort, tcpPort, type PortTarget } from './port-target';
import { SnmpStatusPoller } from './snmp-status-poller';
import type { StandardTcpIpPortConfig } from './standard-tcpip-port';

export interface PortMonitorsOptions {
  readonly fleet: DeviceFleet;
  /** A port's Standard TCP/IP settings (undefined for other ports). */
  readonly tcpPort: (portName: string) => StandardTcpIpPortConfig | undefined;
  /** The Standard TCP/IP monitor's status updates. */
  readonly statusUpdate: { readonly enabled: boolean; readonly intervalMs: number };
  readonly serverName: string;
  readonly clock: SpoolerClock;
  readonly logger: Logger;
  /** SNMP timeout per attempt and retries (tests shorten them). */
  readonly snmpTimeoutMs?: number;
  readonly snmpRetries?: number;
}

/**
 * The print server's ports that have a device behind them, each through its monitor: the
 * Standard TCP/IP monitor for a network device, the Local Port monitor for an attached one.
 */
export class PortMonitors {
  private readonly targets = new Map<string, PortTarget>();
  /** SNMP status pollers by port (lower case). */
  private readonly pollers = new Map<string, SnmpStatusPoller>();

  private readonly logger: Logger;
  private started = false;

  constructor(private readonly o: PortMonitorsOptions) {
    this.logger = o.logger.child({ component: 'port-monitor' });
    for (const d of o.fleet.all()) this.add(d);
  }

  /**
   * Reaches a device through its port's monitor (at start, and for a port a printer starts using
   * at run time); a port that already has one keeps it.
   */
  add(d: AttachedDevice): PortTarget {
    const o = this.o;
    const existing = this.targets.get(d.portName.toLowerCase());
    if (existing) return existing;
    const config = d.network && o.tcpPort(d.portName);
    let target: PortTarget;
    if (d.network && config) {
      const snmp =
        config.snmpEnabled && o.statusUpdate.enabled
          ? new SnmpStatusPoller({
              portName: d.portName,
              // DEVIATION: the agent's own UDP port, which is 161 only with useRegistryPortNumbers.
              host: d.network.host,
              port: d.network.snmpPort,
              community: config.snmpCommunity,
              deviceIndex: config.snmpDeviceIndex,
              intervalMs: o.statusUpdate.intervalMs,
              clock: o.clock,
              logger: this.logger,
              ...(o.snmpTimeoutMs !== undefined && { timeoutMs: o.snmpTimeoutMs }),
              ...(o.snmpRetries !== undefined && { retries: o.snmpRetries }),
            })
          : undefined;
      if (snmp) {
        this.pollers.set(d.portName.toLowerCase(), snmp);
        if (this.started) snmp.start();
      }
      target = tcpPort({
        config,
        device: d.device,
        network: d.network,
        ...(snmp && { snmp }),
        serverName: o.serverName,
        logger: this.logger,
      });
    } else {
      target = localPort(d.portName, d.device);
    }
    this.targets.set(d.portName.toLowerCase(), target);
    return target;
  }

  /** Starts reading status: a first SNMP poll of every port that has it, then one per interval. */
  start(): void {
    this.started = true;
    for (const p of this.pollers.values()) p.start();
  }

  /** The port's device was unplugged: no job is sent there any more, its status is not polled. */
  remove(portName: string): void {
    const key = portName.toLowerCase();
    this.pollers.get(key)?.close();
    this.pollers.delete(key);
    this.targets.delete(key);
  }

  /** The port by name (case-insensitive), if a device is behind it. */
  port(portName: string): PortTarget | undefined {
    return this.targets.get(portName.toLowerCase());
  }

  all(): PortTarget[] {
    return [...this.targets.values()];
  }

  /** Resolves when no status poll is in flight. */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.pollers.values()].map((p) => p.whenIdle()));
  }

  /** Stops polling. */
  close(): void {
    for (const p of this.pollers.values()) p.close();
  }
}
