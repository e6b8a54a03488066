/**
 * The client's persistent state, one JSON file under the client root (`pointprint-client.json`):
 * its configuration (Point-and-Print policy overrides), the printer connections with their cached
 * printer keys (what win32spl caches), the drivers installed through Point and Print and the driver
 * packages staged for them, each local user's default printer (lib/client/default-printer.ts), and
 * the event log. Written through the shared writer (lib/common/atomic-file.ts): a unique temporary
 * file, fsync, rename, and saves of the file serialised across the process.
 *
 * Registry values are stored as `{ name, type, data }` with data the hex of their raw bytes
 * (encodeRegData), so every REG_* type round-trips.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-file';
import { ConfigError } from '../common/errors';
import { decodeRegData, encodeRegData, type RegValue } from '../common/reg-value';

export const CLIENT_STATE_FILE = 'pointprint-client.json';
const FORMAT = 'pointprint-client/1';
const MAX_EVENT_LOG = 1000;

export interface StoredRegValue {
  readonly name: string;
  readonly type: number;
  /** Hex of the value's bytes as Windows stores them. */
  readonly data: string;
}

export interface CachedPrinterKey {
  /** Relative to the printer (`CopyFiles\ICM`). */
  readonly path: string;
  readonly values: readonly StoredRegValue[];
}

export interface CopyFilesRecord {
  readonly keyName: string;
  readonly module?: string;
  readonly sourceDir: string;
  /** Windows path on the client (`C:\Windows\System32\spool\drivers\Color`). */
  readonly targetDir: string;
  readonly files: readonly string[];
}

export interface ConnectionRecord {
  /** `\\NTPRINT\HpColor`. */
  readonly name: string;
  readonly serverName: string;
  readonly printerName: string;
  readonly driverName: string;
  readonly environment: string;
  readonly addedAt: string;
  readonly keys: readonly CachedPrinterKey[];
  readonly copyFiles: readonly CopyFilesRecord[];
}

export interface InstalledDriver {
  readonly name: string;
  readonly environment: string;
  readonly version: number;
  /** Relative to spool\drivers (`x64\3\unidrv.dll`). */
  readonly files: readonly string[];
  readonly installedAt: string;
  /** The driver store folder it was installed from (Package Point and Print). */
  readonly package?: string;
}

/** A core driver a staged package defines, with its INF's DriverVer. */
export interface StagedCoreDriver {
  readonly guid: string;
  /** ISO date. */
  readonly driverDate: string;
  /** The DWORDLONG version, in decimal. */
  readonly driverVersion: string;
}

/** A driver package staged in the client's driver store (System32\DriverStore\FileRepository). */
export interface StagedPackage {
  /** `hpcpkg.inf_amd64_<hash>`. */
  readonly folder: string;
  readonly infName: string;
  readonly environment: string;
  /** The server's package ID it came from. */
  readonly packageId: string;
  readonly coreDrivers: readonly StagedCoreDriver[];
  readonly stagedAt: string;
}

export interface EventLogEntry {
  readonly time: string;
  /** The Windows event ID, when Windows has a documented one for this event. */
  readonly eventId?: number;
  readonly channel: string;
  readonly level: 'Information' | 'Warning' | 'Error';
  readonly message: string;
}

/**
 * One local user's default printer: Windows keeps it per user in
 * `HKCU\Software\Microsoft\Windows NT\CurrentVersion\Windows\Device`, with `UserSelectedDefault`
 * telling whether the user chose it (spooler-anchors §1.5).
 */
export interface DefaultPrinterRecord {
  /** The client's local user (not the account used on the server). */
  readonly localUser: string;
  /** `\\NTPRINT\HpColor`, as in the connection record. */
  readonly printer: string;
  /**
   * `user`: chosen (`--default`, SetDefaultPrinter); `first-connection`: the user had none and
   * added this one; `repicked`: the spooler chose it when the previous default was deleted.
   */
  readonly origin: 'user' | 'first-connection' | 'repicked';
  readonly setAt: string;
}

export interface ClientConfig {
  /** Overrides of the Point-and-Print policy (policyFromConfig fields). */
  readonly pointAndPrintPolicy?: Record<string, unknown>;
  /** Server name to `host[:port]`, looked up before DNS (like an lmhosts file). */
  readonly hosts?: Readonly<Record<string, string>>;
  /** The largest file a download may bring (bytes); `--max-download-size` overrides it. */
  readonly maxDownloadSize?: number;
}

export interface ClientStateData {
  readonly format: typeof FORMAT;
  config: ClientConfig;
  connections: ConnectionRecord[];
  drivers: InstalledDriver[];
  packages: StagedPackage[];
  /** One entry per local user that has a default printer. */
  defaultPrinters: DefaultPrinterRecord[];
  eventLog: EventLogEntry[];
}

export function toStoredValue(v: RegValue): StoredRegValue {
  return { name: v.name, type: v.type, data: encodeRegData(v).toString('hex') };
}

export function fromStoredValue(v: StoredRegValue): RegValue {
  return { ...decodeRegData(v.type, Buffer.from(v.data, 'hex')), name: v.name };
}

export class ClientState {
  private constructor(
    readonly file: string,
    readonly data: ClientStateData,
  ) {}

  static async load(clientRoot: string): Promise<ClientState> {
    const file = path.join(clientRoot, CLIENT_STATE_FILE);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return new ClientState(file, {
          format: FORMAT,
          config: {},
          connections: [],
          drivers: [],
          packages: [],
          defaultPrinters: [],
          eventLog: [],
        });
      }
      throw err;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new ConfigError(`${file} is not valid JSON`, { cause: err });
    }
    const d = doc as Partial<ClientStateData> | null;
    if (!d || typeof d !== 'object' || d.format !== FORMAT) throw new ConfigError(`${file} is not a ${FORMAT} file`);
    return new ClientState(file, {
      format: FORMAT,
      config: d.config ?? {},
      connections: Array.isArray(d.connections) ? d.connections : [],
      drivers: Array.isArray(d.drivers) ? d.drivers : [],
      // Files written before driver packages existed have none.
      packages: Array.isArray(d.packages) ? d.packages : [],
      // Files written before default printers existed have none.
      defaultPrinters: Array.isArray(d.defaultPrinters) ? d.defaultPrinters : [],
      eventLog: Array.isArray(d.eventLog) ? d.eventLog : [],
    });
  }

  findConnection(name: string): ConnectionRecord | undefined {
    return this.data.connections.find((c) => c.name.toLowerCase() === name.toLowerCase());
  }

  putConnection(record: ConnectionRecord): void {
    this.removeConnection(record.name);
    this.data.connections.push(record);
  }

  removeConnection(name: string): boolean {
    const before = this.data.connections.length;
    this.data.connections = this.data.connections.filter((c) => c.name.toLowerCase() !== name.toLowerCase());
    return this.data.connections.length !== before;
  }

  findDriver(name: string, environment: string, version: number): InstalledDriver | undefined {
    return this.data.drivers.find(
      (d) =>
        d.name.toLowerCase() === name.toLowerCase() &&
        d.environment.toLowerCase() === environment.toLowerCase() &&
        d.version === version,
    );
  }

  putDriver(driver: InstalledDriver): void {
    this.data.drivers = this.data.drivers.filter(
      (d) => d !== this.findDriver(driver.name, driver.environment, driver.version),
    );
    this.data.drivers.push(driver);
  }

  /** Staged packages of an environment that define core driver `guid`. */
  findCoreDriver(guid: string, environment: string): { pkg: StagedPackage; core: StagedCoreDriver }[] {
    const out: { pkg: StagedPackage; core: StagedCoreDriver }[] = [];
    for (const pkg of this.data.packages) {
      if (pkg.environment.toLowerCase() !== environment.toLowerCase()) continue;
      const core = pkg.coreDrivers.find((c) => c.guid.toUpperCase() === guid.toUpperCase());
      if (core) out.push({ pkg, core });
    }
    return out;
  }

  putPackage(pkg: StagedPackage): void {
    this.data.packages = this.data.packages.filter((p) => p.folder.toLowerCase() !== pkg.folder.toLowerCase());
    this.data.packages.push(pkg);
  }

  logEvent(entry: EventLogEntry): void {
    this.data.eventLog.push(entry);
    if (this.data.eventLog.length > MAX_EVENT_LOG)
      this.data.eventLog.splice(0, this.data.eventLog.length - MAX_EVENT_LOG);
  }

  async save(): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(this.data, null, 2)}\n`);
  }
}
