/**
 * A network printer as the course describes one: an emulated PrintDevice with its own network
 * interface, here a loopback address of its own (127.0.0.N), offering what printers offer:
 *
 *   RAW (JetDirect/AppSocket, TCP 9100 on a printer)   raw-9100-device.ts
 *   LPD (RFC 1179, TCP 515)                            device-lpd.ts
 *   SNMP v1/v2c agent (UDP 161): the Printer MIB       snmp/snmp-agent.ts, device-mib.ts
 *
 * Each service listens on the port it is given (0 for a free one). The agent can be turned off
 * and on again on the same port, as an administrator can on a printer's own page: the Standard
 * TCP/IP port monitor then hears nothing from it.
 */
import type { SpoolerClock } from '../common/clock';
import { InvalidStateError } from '../common/errors';
import type { Logger } from '../common/logger';
import { DeviceLpd } from './device-lpd';
import type { PrintDevice } from './print-device';
import { Raw9100Device } from './raw-9100-device';
import { SnmpAgent } from './snmp/snmp-agent';

export interface NetworkDeviceOptions {
  /** The device's own address (a loopback address). */
  readonly host: string;
  readonly rawPort: number;
  readonly lpdPort: number;
  readonly snmpPort: number;
  /** The agent's read community (the port's "SNMP Community"). */
  readonly community: string;
  /** hrDeviceIndex of the printer (the port's "SNMP Device Index"). */
  readonly deviceIndex: number;
  readonly clock: SpoolerClock;
  readonly logger: Logger;
}

/** Where a network device's services listen. */
export interface NetworkAddresses {
  readonly host: string;
  /** The RAW listener's TCP port. */
  readonly port: number;
  readonly lpdPort: number;
  /** The SNMP agent's UDP port. */
  readonly snmpPort: number;
}

export class NetworkDevice {
  private readonly raw: Raw9100Device;
  private readonly lpd: DeviceLpd;
  private readonly agent: SnmpAgent;
  private bound: NetworkAddresses | undefined;
  private agentOn = false;

  constructor(
    readonly device: PrintDevice,
    private readonly o: NetworkDeviceOptions,
  ) {
    this.raw = new Raw9100Device(device, o.logger.child({ component: 'raw-device' }));
    this.lpd = new DeviceLpd(device, o.logger.child({ component: 'device-lpd' }));
    this.agent = new SnmpAgent({
      source: device,
      community: o.community,
      deviceIndex: o.deviceIndex,
      clock: o.clock,
      logger: o.logger.child({ component: 'snmp-agent', device: device.name }),
    });
  }

  get addresses(): NetworkAddresses {
    if (!this.bound) throw new InvalidStateError(`network device ${this.device.name} is not listening`);
    return this.bound;
  }

  get snmpAgentRunning(): boolean {
    return this.agentOn;
  }

  /** Jobs its LPD received and has not printed yet. */
  get lpdPending(): number {
    return this.lpd.pending;
  }

  async start(): Promise<NetworkAddresses> {
    const { host } = this.o;
    const raw = await this.raw.listen(this.o.rawPort, host);
    const lpd = await this.lpd.listen(this.o.lpdPort, host);
    const snmp = await this.agent.listen(this.o.snmpPort, host);
    this.agentOn = true;
    this.bound = { host: raw.host, port: raw.port, lpdPort: lpd.port, snmpPort: snmp.port };
    return this.bound;
  }

  /** Turns the SNMP agent off or on (on again at the same UDP port). */
  async setSnmpAgent(on: boolean): Promise<void> {
    if (on === this.agentOn) return;
    if (on) await this.agent.listen(this.addresses.snmpPort, this.addresses.host);
    else await this.agent.close();
    this.agentOn = on;
    this.o.logger.info(on ? 'SNMP agent on' : 'SNMP agent off', { device: this.device.name });
  }

  async close(): Promise<void> {
    await this.agent.close();
    this.agentOn = false;
    await this.lpd.close();
    await this.raw.close();
  }
}
