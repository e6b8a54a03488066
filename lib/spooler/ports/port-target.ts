/**
 * A port as the spooler's printing side uses it, through its port monitor: it sends a job to
 * the device behind it, and says what the monitor knows of that device (port-status.ts).
 *
 * - Local Port (LPT1:, USB001, FILE: ...): the attached device takes the job directly and
 *   reports its state over its cable.
 * - Standard TCP/IP: the job goes over the network, RAW or LPR as the port's Protocol says;
 *   the status comes from SNMP polls when the port has SNMP Status Enabled (and the monitor
 *   updates status at all), otherwise from nothing but the connection.
 *
 * `device` is the hardware plugged into the port. The spooler touches it only for what is
 * physical (device control: a fault injected, paper loaded) and for where it leaves its output,
 * never to learn its status.
 */
import type { Logger } from '../../common/logger';
import type { NetworkAddresses } from '../../devices/network-device';
import type { DeviceJob, PrintDevice } from '../../devices/print-device';
import { tonerPercent } from '../../devices/supplies';
import { sendLpr } from './lpr-port-send';
import type { PortSend } from './port-send';
import { UNKNOWN_PORT_STATUS, type PortStatus } from './port-status';
import { sendRaw } from './raw-port-send';
import type { SnmpStatusPoller } from './snmp-status-poller';
import type { StandardTcpIpPortConfig } from './standard-tcpip-port';

export type { PortSend } from './port-send';

export interface PortTarget {
  readonly portName: string;
  readonly monitor: 'Local Port' | 'Standard TCP/IP Port';
  /** The hardware behind the port: for device control and its output folder only. */
  readonly device: PrintDevice;
  /** `host:port` the jobs go to (a Standard TCP/IP port). */
  readonly address?: string;
  readonly protocol?: 'RAW' | 'LPR';
  send(job: DeviceJob): PortSend;
  /** What the port monitor knows of the device now. */
  status(): PortStatus;
  /** Called whenever that changes. */
  onStatusChange(listener: () => void): () => void;
}

export function localPort(portName: string, device: PrintDevice): PortTarget {
  return {
    portName,
    monitor: 'Local Port',
    device,
    send(job) {
      const done = device.print(job);
      return {
        done,
        abort: () => device.abort(),
        pagesPrinted: () => (device.currentJobId === job.jobId ? (device.snapshot().currentJob?.pagesPrinted ?? 0) : 0),
      };
    },
    status: () => cableStatus(device),
    onStatusChange: (listener) => device.onChange(listener),
  };
}

/** What an attached device reports over its cable: its own state. */
function cableStatus(device: PrintDevice): PortStatus {
  const snap = device.snapshot();
  return {
    source: 'device',
    state: snap.state,
    status: snap.status,
    faults: snap.faults,
    blocked: device.stopped,
    tonerPercent: tonerPercent(device.supplies),
    trays: snap.trays.map((t) => ({ name: t.name, mediaName: t.mediaName, sheets: t.sheets, capacity: t.capacity })),
    pagesPrinted: snap.pagesPrinted,
  };
}

export interface TcpPortOptions {
  readonly config: StandardTcpIpPortConfig;
  readonly device: PrintDevice;
  /** Where the device's services listen (DEVIATION: free ports, not always 9100/515/161). */
  readonly network: NetworkAddresses;
  /** The status poller, when the port has SNMP Status Enabled. */
  readonly snmp?: SnmpStatusPoller;
  /** The print server's name, sent as the LPR host. */
  readonly serverName: string;
  readonly logger: Logger;
}

export function tcpPort(o: TcpPortOptions): PortTarget {
  const { config, device, network } = o;
  const lpr = config.protocol === 'lpr';
  const port = lpr ? network.lpdPort : network.port;
  return {
    portName: config.portName,
    monitor: 'Standard TCP/IP Port',
    device,
    address: `${network.host}:${port}`,
    protocol: lpr ? 'LPR' : 'RAW',
    send(job) {
      const to = { portName: config.portName, host: network.host, port, outputDir: device.outputDir };
      return lpr
        ? sendLpr(
            { ...to, queue: config.queue, byteCounting: config.byteCounting, hostName: o.serverName },
            job,
            o.logger,
          )
        : sendRaw(to, job, o.logger);
    },
    status: () => o.snmp?.status ?? UNKNOWN_PORT_STATUS,
    onStatusChange: (listener) => o.snmp?.onChange(listener) ?? (() => false),
  };
}
