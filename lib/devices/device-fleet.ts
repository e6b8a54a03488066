/**
 * The print devices of a print server: the hardware, one emulated device plugged into each port
 * its printers use. The spooler reaches them through its port monitors (lib/spooler/ports); the
 * fleet knows nothing of the spooler. A port with a TCP/IP address gets a network device (RAW
 * listener on 127.0.0.1; DEVIATION: on an ephemeral port, not the registry's PortNumber,
 * unless `useRegistryPortNumbers`, so several servers can run side by side); other ports get a
 * directly attached device. Device state (speed, supplies, injected faults, page counter) is
 * kept in `<stateDir>/devices.json`, so toner spent stays spent after a restart; it is rewritten
 * through the shared writer (lib/common/atomic-file.ts), and a devices.json that cannot be read
 * is kept aside (`devices.json.corrupt-<reason>`), the devices starting fresh.
 */
import path from 'node:path';
import type { Logger } from '../common/logger';
import type { SpoolerClock } from '../common/clock';
import { PersistentFiles } from '../common/persistent-files';
import { readStateFile } from '../common/state-file';
import { PrintDevice, type DeviceState, type PrintDeviceSettings } from './print-device';
import { Raw9100Device } from './raw-9100-device';
import type { SuppliesSettings } from './supplies';
import { startDevicePage, type DevicePageSettings } from './web/device-page-server';

export interface PortDefinition {
  readonly portName: string;
  /** A Standard TCP/IP port's HostName/PortNumber. */
  readonly tcp?: { readonly host: string; readonly port: number };
}

/** A device and the port it is plugged into; a network device has its RAW listener's address. */
export interface AttachedDevice {
  readonly portName: string;
  readonly device: PrintDevice;
  readonly network?: { readonly host: string; readonly port: number };
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

export class DeviceFleet {
  private readonly attached = new Map<string, AttachedDevice>();
  /** The network devices' listeners (RAW, web page). */
  private readonly listeners: { close(): Promise<void> }[] = [];
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  private closed = false;
  private readonly files = new PersistentFiles('print devices');

  private constructor(private readonly o: DeviceFleetOptions) {}

  static async create(ports: readonly PortDefinition[], o: DeviceFleetOptions): Promise<DeviceFleet> {
    const fleet = new DeviceFleet(o);
    const saved = fleet.loadState();
    for (const def of ports) {
      const key = def.portName.toLowerCase();
      if (fleet.attached.has(key)) continue;
      const over = matchOverride(o.devices, def.portName);
      const settings: PrintDeviceSettings = {
        name: def.portName,
        outputDir: path.join(o.outputDir, portFolderName(def.portName)),
        ...(over?.ppm !== undefined && { ppm: over.ppm }),
        ...(over?.supplies !== undefined && { supplies: over.supplies }),
      };
      const state = saved[key];
      const device = new PrintDevice(settings, o.clock, o.logger.child({ component: 'device' }), state);
      if (over?.ppm !== undefined) device.ppm = over.ppm;
      device.onChange(() => fleet.scheduleSave());
      if (def.tcp && /^(127\.|localhost$|::1$)/i.test(def.tcp.host)) {
        const raw = new Raw9100Device(device, o.logger.child({ component: 'raw-device' }));
        const addr = await raw.listen(o.useRegistryPortNumbers ? def.tcp.port : 0, '127.0.0.1');
        fleet.listeners.push(raw);
        const page = { portName: def.portName, raw: addr, configured: def.tcp, settings: over?.web, logger: o.logger };
        fleet.listeners.push(await startDevicePage(device, page));
        fleet.attached.set(key, { portName: def.portName, device, network: addr });
      } else {
        fleet.attached.set(key, { portName: def.portName, device });
      }
    }
    return fleet;
  }

  all(): AttachedDevice[] {
    return [...this.attached.values()];
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
    await Promise.all(this.listeners.map((l) => l.close()));
    await this.devicesIdle();
    this.closed = true;
    await this.saving;
    const file = this.file();
    if (file !== undefined) await this.writeState(file).catch((err: unknown) => this.saveFailed(err));
    await this.files.close();
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
