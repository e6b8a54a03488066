/**
 * Port monitors: how the spooler hands a job's bytes to the device behind a port (the devices
 * themselves are hardware, lib/devices/device-fleet.ts). A local port
 * (LPT1:, USB001, FILE:) reaches its emulated device directly; a Standard TCP/IP port sends
 * the job over TCP to the network device (RAW, port 9100 style), wrapped in PJL by the
 * language monitor so the device reports the end of the job. Either way the spooler also reads
 * the device's status (what SNMP gives Windows' TCP/IP monitor) from the emulated device.
 */
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../../common/logger';
import type { DeviceFleet } from '../../devices/device-fleet';
import { parseUstatusJobEnd, wrapPjlJob } from '../../devices/pjl';
import { outputFileName, type DeviceJob, type DeviceOutcome, type PrintDevice } from '../../devices/print-device';

export interface PortSend {
  readonly done: Promise<DeviceOutcome>;
  abort(): void;
}

export interface PortTarget {
  readonly portName: string;
  readonly kind: 'local' | 'tcp';
  readonly device: PrintDevice;
  /** `host:port` of a TCP port. */
  readonly address?: string;
  send(job: DeviceJob): PortSend;
}

export function localPort(portName: string, device: PrintDevice): PortTarget {
  return {
    portName,
    kind: 'local',
    device,
    send(job) {
      return { done: device.print(job), abort: () => device.abort() };
    },
  };
}

export function tcpPort(portName: string, device: PrintDevice, host: string, port: number, logger: Logger): PortTarget {
  return {
    portName,
    kind: 'tcp',
    device,
    address: `${host}:${port}`,
    send(job) {
      const socket = net.connect({ host, port, allowHalfOpen: true });
      let reply = '';
      let aborted = false;
      const done = new Promise<DeviceOutcome>((resolve) => {
        socket.on('connect', () => socket.end(wrapPjlJob(job.jobId, job.pages, job.data)));
        socket.on('data', (c: Buffer) => (reply += c.toString('latin1')));
        socket.on('error', (err) => logger.warn('TCP port error', { port: portName, error: err.message }));
        socket.on('close', () => {
          const end = parseUstatusJobEnd(reply);
          if (!aborted && end !== undefined && end.name === String(job.jobId)) {
            resolve({
              outcome: 'printed',
              pages: end.pages,
              outputFile: path.join(device.outputDir, outputFileName(job.jobId)),
            });
          } else resolve({ outcome: 'aborted', pagesPrinted: 0 });
        });
      });
      return {
        done,
        abort: () => {
          aborted = true;
          socket.destroy();
        },
      };
    },
  };
}

/**
 * The print server's ports that have a device behind them, each through its monitor: the
 * Standard TCP/IP monitor for a network device, the Local Port monitor for an attached one.
 */
export class PortMonitors {
  private readonly targets = new Map<string, PortTarget>();

  constructor(fleet: DeviceFleet, logger: Logger) {
    for (const d of fleet.all()) {
      const target = d.network
        ? tcpPort(d.portName, d.device, d.network.host, d.network.port, logger)
        : localPort(d.portName, d.device);
      this.targets.set(d.portName.toLowerCase(), target);
    }
  }

  /** The port by name (case-insensitive), if a device is behind it. */
  port(portName: string): PortTarget | undefined {
    return this.targets.get(portName.toLowerCase());
  }

  all(): PortTarget[] {
    return [...this.targets.values()];
  }
}
