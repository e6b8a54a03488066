/**
 * The print devices of a print server: the hardware, one emulated device plugged into each port
 * its printers use. The spooler reaches them through its port monitors (lib/spooler/ports); the
 * fleet knows nothing of the spooler.
 *
 * A Standard TCP/IP port whose HostName (or IPAddress) is a loopback address gets a network
 * printer on that very address (network-device.ts): RAW, LPD and an SNMP agent with the port's
 * community and device index. Giving each port its own 127.0.0.N (Linux routes all of
 * 127.0.0.0/8 to the loopback interface) makes `IP_10.0.0.15` a reachable printer of its own,
 * which snmpwalk or rlpr can address as a printer. DEVIATION: the services listen on free ports,
 * not 9100, 515 and 161, unless `useRegistryPortNumbers` (then RAW on the port's PortNumber, or
 * 9100 for an LPR port; LPD on the PortNumber of an LPR port, else 515; SNMP on 161), so several
 * servers can run side by side. Other ports get a directly attached device.
 *
 * Each network printer also serves its own web page (lib/devices/web), as printers do.
 *
 * Device state (speed, supplies, injected faults, page counter, the job numbers it gave RAW and
 * LPD jobs) is kept in `<stateDir>/devices.json`, so toner spent stays spent and job numbers are
 * not given twice after a re-plug or a restart; it is rewritten through
 * the shared writer (lib/common/atomic-file.ts), and a devices.json that cannot be read is kept
 * aside (`devices.json.corrupt-<reason>`), the devices starting fresh.
 */
import path from 'node:path';
import type { Logger } from '../common/logger';
import type { SpoolerClock } from '../common/clock';
import { PersistentFiles } from '../common/persistent-files';
import { readStateFile } from '../common/state-file';
import { LPD_PORT } from './lpr/lpd-protocol';
import { NetworkDevice, type NetworkAddresses } from './network-device';
import { PrintDevice, type DeviceState, type PrintDeviceSettings } from './print-device';
import { SNMP_PORT } from './snmp/snmp-constants';
import type { SuppliesSettings } from './supplies';
import { startDevicePage, type DevicePageSettings } from './web/device-page-server';

/** The RAW (JetDirect/AppSocket) port printers listen on. */
export const RAW_PORT = 9100;

/** A Standard TCP/IP port's device settings, as the port monitor's registry holds them. */
export interface NetworkPortDefinition {
  /** HostName, else IPAddress. */
  readonly host: string;
  /** PortNumber. */
  readonly port: number;
  /** Protocol: RAW (1) or LPR (2). */
  readonly protocol?: 'raw' | 'lpr';
  /** "SNMP Community" (default public). */
  readonly snmpCommunity?: string;
  /** "SNMP Index" (default 1). */
  readonly snmpDeviceIndex?: number;
}

export interface PortDefinition {
  readonly portName: string;
  readonly tcp?: NetworkPortDefinition;
}

/** A device and the port it is plugged into; a network device has the addresses it listens on. */
export interface AttachedDevice {
  readonly portName: string;
  /** The port's settings the device was plugged in with. */
  readonly definition: PortDefinition;
  readonly device: PrintDevice;
  readonly network?: NetworkAddresses;
}

export interface DeviceOverrides {
  readonly ppm?: number;
  readonly supplies?: SuppliesSettings;
  /** The device's web page: who administers it there. */
  readonly web?: DevicePageSettings;
}

export interface DeviceFleetOptions {
  readonly clock: SpoolerClock;
  readonly logger: Logger;
  /** Where devices put printed output: `<outputDir>/<port>/job-NNNNN.prn`. */
  readonly outputDir: string;
  readonly stateDir?: string;
  /** Settings per port name (case-insensitive), then `*` for all. */
  readonly devices?: Readonly<Record<string, DeviceOverrides>>;
  readonly useRegistryPortNumbers?: boolean;
}

/** A port name as a folder name (`LPT1:` -> `LPT1`, `IP_10.0.0.15` stays). */
export function portFolderName(portName: string): string {
  return portName.replace(/[^A-Za-z0-9._-]/g, '_').replace(/_+$/, '') || 'port';
}

/** The address a network device listens on, for a loopback HostName; undefined for any other host. */
export function loopbackListenAddress(host: string): string | undefined {
  if (/^127(\.\d{1,3}){3}$/.test(host) && host.split('.').every((p) => Number(p) <= 255)) return host;
  if (/^localhost$/i.test(host)) return '127.0.0.1';
  if (host === '::1') return '::1';
  return undefined;
}

export class DeviceFleet {
  private readonly attached = new Map<string, AttachedDevice>();
  private readonly networked = new Map<string, NetworkDevice>();
  /** The network devices' web pages, by port (lower case). */
  private readonly pages = new Map<string, { close(): Promise<void> }>();
  /** Unplugged devices' state, kept for devices.json and for a device plugged in again. */
  private readonly unplugged = new Map<string, { portName: string; state: DeviceState }>();
  /** Listeners of unplugged devices, closing once their last job is out. */
  private readonly closing = new Set<Promise<void>>();
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  private closed = false;
  private readonly files = new PersistentFiles('print devices');

  private constructor(private readonly o: DeviceFleetOptions) {}

  static async create(ports: readonly PortDefinition[], o: DeviceFleetOptions): Promise<DeviceFleet> {
    const fleet = new DeviceFleet(o);
    try {
      await fleet.plug(ports);
    } catch (err) {
      // A listener that could not start (address in use ...): nothing stays half-open.
      await fleet.stopListening();
      throw err;
    }
    return fleet;
  }

  /** Plugs a device into each port that has none (at start, and for ports used at run time); returns the new ones. */
  async plug(ports: readonly PortDefinition[]): Promise<AttachedDevice[]> {
    const o = this.o;
    const saved = this.loadState();
    const added: AttachedDevice[] = [];
    for (const def of ports) {
      const key = def.portName.toLowerCase();
      if (this.attached.has(key)) continue;
      const over = matchOverride(o.devices, def.portName);
      const settings: PrintDeviceSettings = {
        name: def.portName,
        outputDir: path.join(o.outputDir, portFolderName(def.portName)),
        ...(over?.ppm !== undefined && { ppm: over.ppm }),
        ...(over?.supplies !== undefined && { supplies: over.supplies }),
      };
      const state = this.unplugged.get(key)?.state ?? saved[key];
      this.unplugged.delete(key);
      const device = new PrintDevice(settings, o.clock, o.logger.child({ component: 'device' }), state);
      if (over?.ppm !== undefined) device.ppm = over.ppm;
      device.onChange(() => this.scheduleSave());
      const listenOn = def.tcp && loopbackListenAddress(def.tcp.host);
      if (def.tcp && listenOn !== undefined) {
        const { network, addresses } = await this.startNetworkDevice(device, def.tcp, listenOn);
        this.networked.set(key, network);
        this.attached.set(key, { portName: def.portName, definition: def, device, network: addresses });
        const lpd = { name: 'LPD (RFC 1179)', port: addresses.lpdPort };
        const snmp = { name: 'SNMP (UDP)', port: addresses.snmpPort };
        const page = {
          portName: def.portName,
          raw: addresses,
          services: [lpd, snmp],
          configured: def.tcp,
          logger: o.logger,
        };
        this.pages.set(key, await startDevicePage(device, { ...page, ...(over?.web && { settings: over.web }) }));
      } else {
        this.attached.set(key, { portName: def.portName, definition: def, device });
      }
      const plugged = this.attached.get(key);
      if (plugged) added.push(plugged);
    }
    return added;
  }

  /**
   * Unplugs the device of a port no printer uses any more, or whose settings changed: it takes
   * no new job; its listeners close once the job it is printing is out. Its state is kept (for
   * devices.json, and for the port's next device).
   */
  unplug(portName: string): void {
    const key = portName.toLowerCase();
    const gone = this.attached.get(key);
    if (!gone) return;
    this.attached.delete(key);
    this.unplugged.set(key, { portName: gone.portName, state: gone.device.state() });
    const listeners = [this.networked.get(key), this.pages.get(key)].filter((l) => l !== undefined);
    this.networked.delete(key);
    this.pages.delete(key);
    const close = gone.device
      .whenIdle()
      .then(async () => {
        this.unplugged.set(key, { portName: gone.portName, state: gone.device.state() });
        await Promise.all(listeners.map((l) => l.close()));
      })
      .catch((err: unknown) => {
        this.o.logger.warn('unplugged device did not close', { port: portName, error: String(err) });
      })
      .finally(() => this.closing.delete(close));
    this.closing.add(close);
    this.scheduleSave();
  }

  all(): AttachedDevice[] {
    return [...this.attached.values()];
  }

  /** The network printer behind a port (case-insensitive), if the port has one. */
  network(portName: string): NetworkDevice | undefined {
    return this.networked.get(portName.toLowerCase());
  }

  /** Resolves when no device is writing output. */
  async devicesIdle(): Promise<boolean> {
    const busy = this.all().filter((t) => t.device.writing);
    await Promise.all(busy.map((t) => t.device.whenIdle()));
    return busy.length > 0;
  }

  /** Writes device state now (and waits for writes in flight). */
  async flush(): Promise<void> {
    this.scheduleSave();
    await this.saving;
  }

  /**
   * Stops the listeners, lets devices finish writing their output, saves once, then writes no
   * more. No save is scheduled once closing (a device change during the last save used to
   * schedule one that ran after close, into a state folder being removed).
   */
  async close(): Promise<void> {
    await this.stopListening();
    await Promise.all(this.closing);
    await this.devicesIdle();
    this.closed = true;
    await this.saving;
    const file = this.file();
    if (file !== undefined) await this.writeState(file).catch((err: unknown) => this.saveFailed(err));
    await this.files.close();
  }

  private async stopListening(): Promise<void> {
    const listeners = [...this.pages.values(), ...this.networked.values()];
    this.pages.clear();
    await Promise.all(listeners.map((l) => l.close()));
  }

  /**
   * Starts a network printer on its address. A system that routes only 127.0.0.1 to loopback
   * (macOS, for one) cannot give it 127.0.0.N: it then shares 127.0.0.1, on free ports.
   */
  private async startNetworkDevice(
    device: PrintDevice,
    tcp: NetworkPortDefinition,
    host: string,
  ): Promise<{ network: NetworkDevice; addresses: NetworkAddresses }> {
    const network = this.networkDevice(device, tcp, host);
    try {
      return { network, addresses: await network.start() };
    } catch (err) {
      await network.close();
      if ((err as NodeJS.ErrnoException).code !== 'EADDRNOTAVAIL' || host === '127.0.0.1') throw err;
      this.o.logger.warn('loopback address not available: the printer shares 127.0.0.1', {
        device: device.name,
        address: host,
      });
      const shared = this.networkDevice(device, tcp, '127.0.0.1', true);
      return { network: shared, addresses: await shared.start() };
    }
  }

  private networkDevice(
    device: PrintDevice,
    tcp: NetworkPortDefinition,
    host: string,
    freePorts = false,
  ): NetworkDevice {
    const registry = this.o.useRegistryPortNumbers === true && !freePorts;
    const lpr = tcp.protocol === 'lpr';
    return new NetworkDevice(device, {
      host,
      rawPort: registry ? (lpr ? RAW_PORT : tcp.port) : 0,
      lpdPort: registry ? (lpr ? tcp.port : LPD_PORT) : 0,
      snmpPort: registry ? SNMP_PORT : 0,
      community: tcp.snmpCommunity ?? 'public',
      deviceIndex: tcp.snmpDeviceIndex ?? 1,
      clock: this.o.clock,
      logger: this.o.logger,
    });
  }

  private file(): string | undefined {
    return this.o.stateDir === undefined ? undefined : path.join(this.o.stateDir, 'devices.json');
  }

  private loadState(): Record<string, DeviceState> {
    const file = this.file();
    if (file === undefined) return {};
    const read = readStateFile(file, (v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    if (read.kind === 'damaged') {
      this.o.logger.error('devices.json cannot be read: kept aside, the devices start fresh', {
        reason: read.reason,
        keptAs: read.keptAs,
      });
    }
    if (read.kind !== 'ok') return {};
    const out: Record<string, DeviceState> = {};
    for (const [k, v] of Object.entries(read.value as Record<string, DeviceState | null>)) {
      if (typeof v?.ppm === 'number' && Array.isArray(v.supplies?.trays)) out[k.toLowerCase()] = v;
    }
    return out;
  }

  private scheduleSave(): void {
    const file = this.file();
    if (file === undefined || this.dirty || this.closed) return;
    this.dirty = true;
    this.saving = this.saving
      .then(() => {
        this.dirty = false;
        return this.writeState(file);
      })
      .catch((err: unknown) => this.saveFailed(err));
  }

  private async writeState(file: string): Promise<void> {
    const doc: Record<string, DeviceState> = {};
    for (const u of this.unplugged.values()) doc[u.portName] = u.state;
    for (const t of this.attached.values()) doc[t.portName] = t.device.state();
    // Not fsynced: device state changes with every page; the last page's toner may be lost in a crash.
    await this.files.write(file, JSON.stringify(doc, null, 2), { durable: false });
  }

  private saveFailed(err: unknown): void {
    this.o.logger.warn('devices.json not saved', { error: String(err) });
  }
}

function matchOverride(
  table: Readonly<Record<string, DeviceOverrides>> | undefined,
  portName: string,
): DeviceOverrides | undefined {
  if (!table) return undefined;
  const hit = Object.entries(table).find(([k]) => k.toLowerCase() === portName.toLowerCase());
  const all = table['*'];
  if (!hit) return all;
  return { ...all, ...hit[1] };
}
