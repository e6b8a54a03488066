/**
 * AddPrinterConnection("\\SERVER\printer") as a Windows client does it (DESIGN.md steps 1-9,
 * "Download queue-specific files", seed 004), against any PrintServerConnector:
 *
 *   1 parse the UNC name          2 connect                     3 OpenPrinterEx + SPLCLIENT_INFO_1
 *   4 GetPrinterDriver2, copy the driver files to spool\drivers\<arch>\<version>
 *   5 EnumPrinterKey / EnumPrinterDataEx over the printer's keys, cached (the server adds
 *     SourceDir/TargetDir to each CopyFiles\<name> key)
 *   6 per CopyFiles key: the client's own module's GenerateCopyFilePaths(COPYFILE_FLAG_CLIENT_SPOOLER)
 *     with TargetDir expanded to %SystemRoot%\System32\spool\drivers\<TargetDir>, download of
 *     every Files entry, an event-log entry, SpoolerCopyFileEvent(COPYFILE_EVENT_FILES_CHANGED)
 *   7 DrvPrinterEvent(PRINTER_EVENT_CACHE_REFRESH), DrvPrinterEvent(PRINTER_EVENT_ADD_CONNECTION)
 *   8 SpoolerCopyFileEvent(COPYFILE_EVENT_ADD_PRINTER_CONNECTION) per module
 *   9 the connection is recorded in the client state, and becomes the local user's default
 *     printer when asked, or when the user has none (default-printer.ts)
 *
 * The server is not trusted: a module is the client's own (never code a server names or sends),
 * every TargetDir and file name is checked, files never land outside spool\drivers, and a key
 * that fails a check or a policy is skipped with a warning while the others proceed.
 */
import { ConfigError, PathEscapeError, Win32Error } from '../common/errors';
import { createSilentLogger, type Logger } from '../common/logger';
import { Win32ErrorCode } from '../common/status/win32-error';
import { parseUnc } from '../common/unc';
import {
  CopyFileEvent,
  CopyFileFlag,
  MAX_PATH,
  PrinterEvent,
  ProcessorArchitecture,
  type CopyFileEvent as CopyFileEventValue,
  type PrinterEvent as PrinterEventValue,
} from '../point-and-print/constants';
import { isCopyFilesKeyName, readCopyFilesKey, type CopyFilesKey } from '../point-and-print/copy-files-key';
import type { PointAndPrintModule } from '../point-and-print/module';
import type { SplClientInfo1 } from '../spoolss/types';
import { callGenerateCopyFilePaths, callSpoolerCopyFileEvent } from '../point-and-print/module-calls';
import { ModuleRegistry } from '../point-and-print/module-registry';
import {
  DEFAULT_POINT_AND_PRINT_POLICY,
  evaluateCopyFilesPolicy,
  evaluateDriverInstallPolicy,
  policyFromConfig,
  type PointAndPrintPolicy,
} from '../point-and-print/policy';
import { checkPlainFileName, checkRelativeWindowsPath, sameWindowsName } from '../point-and-print/windows-names';
import type { RegValue } from '../common/reg-value';
import { AccessMask, DRIVERS_SHARE, Environment, environmentDirectory } from '../spoolss/constants';
import type { DriverInfo, PrinterHandle } from '../spoolss/types';
import { ClientPaths } from './client-paths';
import {
  ClientState,
  toStoredValue,
  type CachedPrinterKey,
  type ConnectionRecord,
  type CopyFilesRecord,
  type EventLogEntry,
} from './client-state';
import {
  currentLocalUser,
  defaultAfterConnectionAdded,
  getDefaultPrinter,
  type DefaultPrinterChange,
} from './default-printer';
import { acceptAllDriverEvents, type DriverEventHandler } from './driver-events';
import type { ClientFlowEvent, ClientFlowListener } from './flow-events';
import type { ClientCredentials, PrintServerConnection, PrintServerConnector } from './print-server-connection';

export interface AddPrinterConnectionOptions {
  /** The client's %SystemRoot% on disk. */
  readonly clientRoot: string;
  readonly connector: PrintServerConnector;
  /** The client's environment; Windows x64 by default. */
  readonly environment?: string;
  readonly credentials?: ClientCredentials;
  /** The client machine's name (SPLCLIENT_INFO_1, NTLM); MYCLIENT by default, as in the seed. */
  readonly clientMachineName?: string;
  /** The local user is an administrator (may install drivers under the default policy). Default true. */
  readonly isAdministrator?: boolean;
  /** Overrides the policy (else the client config's, else Windows' current defaults). */
  readonly policy?: PointAndPrintPolicy;
  /** The client's own Point-and-Print modules; the built-ins (mscms.dll) by default. */
  readonly modules?: ModuleRegistry;
  readonly driverEvents?: DriverEventHandler;
  /** The Windows name of the client root (C:\Windows). */
  readonly systemRoot?: string;
  readonly onEvent?: ClientFlowListener;
  readonly logger?: Logger;
  /** The client's local user, whose default printer this may become; currentLocalUser() by default. */
  readonly localUser?: string;
  /** Make the connection the local user's default printer (`--default`). */
  readonly setAsDefault?: boolean;
}

export interface AddPrinterConnectionResult {
  readonly connection: ConnectionRecord;
  /** The local user's default printer after the call. */
  readonly defaultPrinter: string | undefined;
  /** Set when the connection became the local user's default. */
  readonly defaultChange?: DefaultPrinterChange;
  readonly events: readonly ClientFlowEvent[];
  readonly warnings: readonly string[];
  /** Files written, on disk. */
  readonly files: readonly string[];
}

/** How deep and how many keys the client walks: a server cannot make it loop or exhaust memory. */
const MAX_KEY_DEPTH = 16;
const MAX_KEYS = 4096;
const DEFAULT_CLIENT_MACHINE = 'MYCLIENT';

const ARCHITECTURE_OF: Readonly<Record<string, number>> = {
  x64: ProcessorArchitecture.PROCESSOR_ARCHITECTURE_AMD64,
  W32X86: ProcessorArchitecture.PROCESSOR_ARCHITECTURE_INTEL,
  ARM64: ProcessorArchitecture.PROCESSOR_ARCHITECTURE_ARM64,
  IA64: ProcessorArchitecture.PROCESSOR_ARCHITECTURE_IA64,
};

interface LiveKey {
  readonly path: string;
  readonly values: RegValue[];
}

interface ProcessedCopyFilesKey {
  readonly key: CopyFilesKey;
  readonly module: PointAndPrintModule | undefined;
  readonly record: CopyFilesRecord;
}

/** The client policy in force: explicit > client config > Windows' current defaults. */
export function clientPolicy(state: ClientState, explicit?: PointAndPrintPolicy): PointAndPrintPolicy {
  if (explicit) return explicit;
  return policyFromConfig(state.data.config.pointAndPrintPolicy, DEFAULT_POINT_AND_PRINT_POLICY);
}

export async function addPrinterConnection(
  unc: string,
  options: AddPrinterConnectionOptions,
): Promise<AddPrinterConnectionResult> {
  const flow = new ConnectionFlow(options);
  return flow.run(unc);
}

class ConnectionFlow {
  private readonly events: ClientFlowEvent[] = [];
  private readonly warnings: string[] = [];
  private readonly written: string[] = [];
  private readonly logger: Logger;
  private readonly paths: ClientPaths;
  private readonly modules: ModuleRegistry;
  private readonly environment: string;

  constructor(private readonly options: AddPrinterConnectionOptions) {
    this.logger = (options.logger ?? createSilentLogger()).child({ component: 'client' });
    this.paths = new ClientPaths(options.clientRoot, options.systemRoot);
    this.modules = options.modules ?? ModuleRegistry.withBuiltins();
    this.environment = options.environment ?? Environment.WINDOWS_X64;
  }

  private emit(event: ClientFlowEvent): void {
    this.events.push(event);
    this.options.onEvent?.(event);
  }

  private step(step: number, title: string): void {
    this.logger.info(`step ${step}: ${title}`);
    this.emit({ kind: 'step', step, title });
  }

  private warn(message: string, key?: string): void {
    this.logger.warn(message, key !== undefined ? { key } : {});
    this.warnings.push(message);
    this.emit({ kind: 'warning', message, ...(key !== undefined && { key }) });
  }

  private logEvent(state: ClientState, entry: Omit<EventLogEntry, 'time'>): void {
    const full: EventLogEntry = { time: new Date().toISOString(), ...entry };
    state.logEvent(full);
    this.emit({ kind: 'eventlog', entry: full });
  }

  async run(unc: string): Promise<AddPrinterConnectionResult> {
    // 1. The name.
    this.step(1, 'parse the printer name');
    const name = parseUnc(unc);
    if (name.name === undefined || name.path !== undefined) {
      throw new ConfigError(`"${unc}" does not name a printer: expected \\\\SERVER\\printer`);
    }
    const arch = environmentDirectory(this.environment);
    if (arch === undefined) throw new ConfigError(`unknown client environment "${this.environment}"`);
    const printerUnc = `\\\\${name.server}\\${name.name}`;
    const state = await ClientState.load(this.options.clientRoot);
    const policy = clientPolicy(state, this.options.policy);
    await this.paths.ensureSkeleton();

    // 2. The connection.
    this.step(2, `connect to ${name.server}`);
    const machine = this.options.clientMachineName ?? DEFAULT_CLIENT_MACHINE;
    this.emit({ kind: 'call', name: 'Connect', detail: `\\\\${name.server} (IPC$, \\pipe\\spoolss)` });
    const connection = await this.options.connector(name.server, {
      ...(this.options.credentials && { credentials: this.options.credentials }),
      clientMachineName: machine,
      logger: this.logger,
    });
    try {
      const provider = connection.provider;
      // 3. OpenPrinterEx with SPLCLIENT_INFO_1.
      this.step(3, `OpenPrinterEx(${printerUnc})`);
      const clientInfo: SplClientInfo1 = {
        size: 28,
        machineName: `\\\\${machine}`,
        userName: this.options.credentials?.userName ?? 'Guest',
        buildNum: 26100,
        majorVersion: 10,
        minorVersion: 0,
        processorArchitecture: ARCHITECTURE_OF[arch] ?? 0,
      };
      this.emit({ kind: 'call', name: 'OpenPrinterEx', detail: `${printerUnc}, PRINTER_ACCESS_USE, SPLCLIENT_INFO_1` });
      const handle = await provider.openPrinter(
        printerUnc,
        { desiredAccess: AccessMask.PRINTER_ACCESS_USE, clientInfo },
        { userName: clientInfo.userName ?? '', groups: [], isAdministrator: false, remote: true, machineName: machine },
      );
      try {
        const printer = await provider.getPrinter(handle);
        // 4. The driver.
        this.step(4, `GetPrinterDriver2(${this.environment}) and the driver files`);
        const driver = await this.installDriver(connection, handle, state, policy, arch);
        // 5. The printer's keys.
        this.step(5, 'EnumPrinterKey / EnumPrinterDataEx: cache the printer keys');
        const keys = await this.cacheKeys(connection, handle);
        // 6. Queue-specific files.
        this.step(6, 'queue-specific files (CopyFiles keys)');
        const processed: ProcessedCopyFilesKey[] = [];
        for (const k of keys.filter((key) => isCopyFilesKeyName(key.path))) {
          const done = await this.processCopyFilesKey(connection, printerUnc, k, clientInfo, policy, state);
          if (done) processed.push(done);
        }
        // 7. The driver's events.
        this.step(7, 'DrvPrinterEvent');
        await this.driverEvent(printerUnc, PrinterEvent.PRINTER_EVENT_CACHE_REFRESH);
        await this.driverEvent(printerUnc, PrinterEvent.PRINTER_EVENT_ADD_CONNECTION);
        // 8. The modules hear of the new connection.
        this.step(8, 'SpoolerCopyFileEvent(COPYFILE_EVENT_ADD_PRINTER_CONNECTION)');
        for (const p of processed) {
          if (p.module)
            await this.copyFileEvent(p.module, p.key, printerUnc, CopyFileEvent.COPYFILE_EVENT_ADD_PRINTER_CONNECTION);
        }
        // 9. Recorded.
        this.step(9, 'record the connection');
        const record: ConnectionRecord = {
          name: printerUnc,
          serverName: name.server,
          printerName: name.name,
          driverName: driver.name,
          environment: this.environment,
          addedAt: new Date().toISOString(),
          keys: keys.map((k): CachedPrinterKey => ({ path: k.path, values: k.values.map(toStoredValue) })),
          copyFiles: processed.map((p) => p.record),
        };
        state.putConnection(record);
        // Windows documents no event ID for a connection added on a client (see
        // ../shared/reference/point-and-print.md section 4): the entry is logged without one.
        this.logEvent(state, {
          channel: 'Microsoft-Windows-PrintService/Operational',
          level: 'Information',
          message: `The printer connection ${printerUnc} (driver ${driver.name}) was added.`,
        });
        const localUser = this.options.localUser ?? currentLocalUser();
        const defaultChange = defaultAfterConnectionAdded(
          state,
          localUser,
          printerUnc,
          this.options.setAsDefault === true,
        );
        await state.save();
        this.emit({ kind: 'state', action: 'connection-recorded', name: printerUnc, file: state.file });
        this.logger.info('printer connection added', { printer: printerUnc, comment: printer.comment });
        if (defaultChange) this.logger.info('default printer', { ...defaultChange });
        return {
          connection: record,
          defaultPrinter: getDefaultPrinter(state, localUser)?.printer,
          ...(defaultChange && { defaultChange }),
          events: this.events,
          warnings: this.warnings,
          files: this.written,
        };
      } finally {
        this.emit({ kind: 'call', name: 'ClosePrinter', detail: printerUnc });
        await connection.provider
          .closePrinter(handle)
          .catch((err: unknown) => this.logger.warn('ClosePrinter failed', { err: String(err) }));
      }
    } finally {
      // A connection the server dropped cannot close cleanly; what the flow did stands.
      await connection
        .close()
        .catch((err: unknown) => this.logger.warn('closing the connection failed', { err: String(err) }));
    }
  }

  private async installDriver(
    connection: PrintServerConnection,
    handle: PrinterHandle,
    state: ClientState,
    policy: PointAndPrintPolicy,
    arch: string,
  ): Promise<DriverInfo> {
    this.emit({ kind: 'call', name: 'GetPrinterDriver2', detail: `${this.environment}, level 8, client version 3` });
    const { driver } = await connection.provider.getPrinterDriver(handle, this.environment, 3);
    const installed = state.findDriver(driver.name, this.environment, driver.version);
    const alreadyInstalled = installed !== undefined;
    const decision = evaluateDriverInstallPolicy(policy, this.options.isAdministrator ?? true, alreadyInstalled, {
      serverName: connection.serverName,
    });
    this.emit({
      kind: 'policy',
      subject: `driver "${driver.name}"`,
      allowed: decision.allowed,
      reason: decision.reason,
    });
    if (!decision.allowed) {
      throw new Win32Error(
        Win32ErrorCode.ERROR_ACCESS_DENIED,
        `driver "${driver.name}" may not be installed: ${decision.reason}`,
      );
    }
    if (alreadyInstalled) return driver;
    const versionDir = `${arch}\\${driver.version}`;
    const dir = await this.paths.directoryFor(versionDir);
    const files: string[] = [];
    for (const file of driver.files) {
      const where = checkRelativeWindowsPath(file.path);
      const base = file.path.split('\\').pop() ?? '';
      const baseProblem = checkPlainFileName(base);
      if (where || baseProblem) {
        throw new PathEscapeError(file.path, (where ?? baseProblem)?.detail ?? 'bad driver file name');
      }
      const source = `\\\\${connection.serverName}\\${DRIVERS_SHARE}\\${file.path}`;
      const { size, stream } = await connection.files.openRead(source);
      const written = await this.paths.writeFileAtomically(dir, base, stream);
      this.written.push(written);
      files.push(`${versionDir}\\${base}`);
      this.emit({
        kind: 'download',
        what: 'driver',
        source,
        target: this.paths.windowsPathOf(`${versionDir}\\${base}`),
        path: written,
        size,
      });
    }
    state.putDriver({
      name: driver.name,
      environment: this.environment,
      version: driver.version,
      files,
      installedAt: new Date().toISOString(),
    });
    this.logEvent(state, {
      eventId: 316,
      channel: 'Microsoft-Windows-PrintService/Operational',
      level: 'Information',
      message: `Printer driver ${driver.name} for ${this.environment} Version-${driver.version} was added or updated. Files:- ${files.join(', ')}.`,
    });
    return driver;
  }

  /** Depth-first over the printer's keys, each key's values cached; hostile names are skipped. */
  private async cacheKeys(connection: PrintServerConnection, handle: PrinterHandle): Promise<LiveKey[]> {
    const out: LiveKey[] = [];
    const walk = async (keyPath: string, depth: number): Promise<void> => {
      this.emit({ kind: 'call', name: 'EnumPrinterKey', detail: `"${keyPath}"` });
      const subkeys = await connection.provider.enumPrinterKey(handle, keyPath);
      for (const sub of subkeys) {
        const problem = keyNameProblem(sub);
        if (problem) {
          this.warn(`server key name "${sub}" under "${keyPath}" skipped: ${problem}`);
          continue;
        }
        const full = keyPath === '' ? sub : `${keyPath}\\${sub}`;
        if (depth + 1 > MAX_KEY_DEPTH || out.length >= MAX_KEYS) {
          this.warn(`printer key ${full} skipped: deeper or more keys than the client caches`);
          continue;
        }
        this.emit({ kind: 'call', name: 'EnumPrinterDataEx', detail: `"${full}"` });
        let values: RegValue[];
        try {
          values = await connection.provider.enumPrinterDataEx(handle, full);
        } catch (err) {
          // DEVIATION: one key the server cannot enumerate (e.g. a failing module) does not fail the connection.
          this.warn(`EnumPrinterDataEx(${full}) failed: ${errorText(err)}`, full);
          continue;
        }
        out.push({ path: full, values });
        if (isCopyFilesKeyName(full)) {
          const sourceDir = stringValue(values, 'SourceDir');
          const targetDir = stringValue(values, 'TargetDir');
          if (sourceDir !== undefined && targetDir !== undefined)
            this.emit({ kind: 'copyfiles-paths', key: full, sourceDir, targetDir });
        }
        await walk(full, depth + 1);
      }
    };
    await walk('', 0);
    return out;
  }

  private async processCopyFilesKey(
    connection: PrintServerConnection,
    printerUnc: string,
    cached: LiveKey,
    clientInfo: SplClientInfo1,
    policy: PointAndPrintPolicy,
    state: ClientState,
  ): Promise<ProcessedCopyFilesKey | undefined> {
    const keyName = cached.path;
    const values = cached.values;
    let sourceDir = stringValue(values, 'SourceDir');
    let targetDir = stringValue(values, 'TargetDir');
    const stored = values.filter((v) => !sameWindowsName(v.name, 'SourceDir') && !sameWindowsName(v.name, 'TargetDir'));
    const { key, problems } = readCopyFilesKey(keyName, stored);
    for (const p of problems.filter((x) => x.severity !== 'info'))
      this.warn(`${keyName}: ${p.rule} ${p.message}`, keyName);
    if (!key) {
      this.warn(`${keyName} skipped: the key is not usable`, keyName);
      return undefined;
    }
    const decision = evaluateCopyFilesPolicy(policy, key);
    this.emit({ kind: 'policy', subject: keyName, allowed: decision.allowed, reason: decision.reason });
    if (!decision.allowed) {
      this.warn(`${keyName} skipped by policy: ${decision.reason}`, keyName);
      return undefined;
    }
    if (sourceDir === undefined && targetDir === undefined) {
      // A server that is not Windows (Samba) adds neither value: derive them as a Windows server
      // does (\\SERVER\PRINT$\<Directory> and <Directory>), and say so in the trace.
      sourceDir = `\\\\${connection.serverName}\\PRINT$\\${key.directory}`;
      targetDir = key.directory;
      this.emit({ kind: 'copyfiles-paths', key: keyName, sourceDir, targetDir, derived: true });
      this.logger.info('SourceDir/TargetDir derived', { key: keyName, sourceDir, targetDir });
    } else if (sourceDir === undefined || targetDir === undefined) {
      this.warn(`${keyName} skipped: the server sent only one of SourceDir and TargetDir`, keyName);
      return undefined;
    }
    const sourceProblem = this.checkSourceDir(sourceDir, connection.serverName);
    if (sourceProblem) {
      this.warn(`${keyName} skipped: SourceDir "${sourceDir}" ${sourceProblem}`, keyName);
      return undefined;
    }
    const targetProblem = checkRelativeWindowsPath(targetDir);
    if (targetProblem) {
      this.warn(`${keyName} skipped: TargetDir "${targetDir}" ${targetProblem.detail}`, keyName);
      return undefined;
    }
    const loaded = this.modules.load(key.module);
    if (!loaded.ok) {
      this.warn(`${keyName} skipped: ${loaded.error}`, keyName);
      return undefined;
    }
    const module = loaded.module;
    // pMachineName and pUserName are NULLed before a module sees SPLCLIENT_INFO_1.
    const { machineName: _m, userName: _u, ...moduleClientInfo } = clientInfo;
    const moduleInput = {
      printerName: printerUnc,
      directory: key.directory,
      clientInfo: moduleClientInfo,
      level: 1 as const,
      sourceDir,
      sourceDirSize: MAX_PATH,
      targetDir: this.paths.windowsPathOf(targetDir),
      targetDirSize: MAX_PATH,
      flags: CopyFileFlag.COPYFILE_FLAG_CLIENT_SPOOLER,
    };
    const result = await callGenerateCopyFilePaths(module, moduleInput, this.logger);
    this.emit({
      kind: 'GenerateCopyFilePaths',
      side: 'client',
      module: key.module,
      input: moduleInput,
      status: result.status,
      sourceDir: result.sourceDir,
      targetDir: result.targetDir,
    });
    if (!result.ok) {
      this.warn(
        `${keyName} skipped: GenerateCopyFilePaths returned ${result.status}${result.error ? ` (${result.error})` : ''}`,
        keyName,
      );
      return undefined;
    }
    const finalSourceProblem = this.checkSourceDir(result.sourceDir, connection.serverName);
    if (finalSourceProblem) {
      this.warn(`${keyName} skipped: the module's SourceDir "${result.sourceDir}" ${finalSourceProblem}`, keyName);
      return undefined;
    }
    let relativeTarget: string;
    let dir: string;
    try {
      relativeTarget = this.paths.relativeToDrivers(result.targetDir);
      dir = await this.paths.directoryFor(relativeTarget);
    } catch (err) {
      this.warn(`${keyName} skipped: TargetDir "${result.targetDir}" refused: ${errorText(err)}`, keyName);
      return undefined;
    }
    const downloaded: string[] = [];
    for (const file of key.files) {
      const source = `${result.sourceDir.replace(/\\+$/, '')}\\${file}`;
      try {
        const { size, stream } = await connection.files.openRead(source);
        const written = await this.paths.writeFileAtomically(dir, file, stream);
        this.written.push(written);
        downloaded.push(file);
        this.emit({
          kind: 'download',
          what: 'copyfiles',
          source,
          target: `${result.targetDir}\\${file}`,
          path: written,
          size,
        });
      } catch (err) {
        this.warn(`${keyName}: ${file} not downloaded: ${errorText(err)}`, keyName);
      }
    }
    // No documented event ID for these entries (older Windows logged them in the System log).
    const missing = key.files.filter((f) => !downloaded.includes(f));
    if (downloaded.length > 0) {
      this.logEvent(state, {
        channel: 'System',
        level: 'Information',
        message: `Point and Print files ${downloaded.join(', ')} for printer ${printerUnc} (${keyName}) were downloaded to ${result.targetDir}.`,
      });
    }
    if (missing.length > 0) {
      this.logEvent(state, {
        channel: 'System',
        level: 'Warning',
        message: `Point and Print files ${missing.join(', ')} for printer ${printerUnc} (${keyName}) could not be downloaded.`,
      });
    }
    // The module hears FILES_CHANGED only when files did change.
    if (module && downloaded.length > 0)
      await this.copyFileEvent(module, key, printerUnc, CopyFileEvent.COPYFILE_EVENT_FILES_CHANGED);
    return {
      key,
      module,
      record: {
        keyName,
        ...(key.module !== undefined && { module: key.module }),
        sourceDir: result.sourceDir,
        targetDir: result.targetDir,
        files: downloaded,
      },
    };
  }

  /** SourceDir must be a UNC path on the server this connection reaches, below a share. */
  private checkSourceDir(sourceDir: string, serverName: string): string | undefined {
    if (!/^\\\\[^\\]+\\[^\\]+/.test(sourceDir)) return 'is not a \\\\SERVER\\share path';
    const unc = parseUnc(sourceDir);
    if (!sameWindowsName(unc.server, serverName)) return `names another server than ${serverName}`;
    if (unc.path !== undefined && checkRelativeWindowsPath(unc.path)) return 'climbs out of its share';
    return undefined;
  }

  private async copyFileEvent(
    module: PointAndPrintModule,
    key: CopyFilesKey,
    printerUnc: string,
    event: CopyFileEventValue,
  ): Promise<void> {
    const result = await callSpoolerCopyFileEvent(module, printerUnc, key.keyName, event, this.logger);
    this.emit({
      kind: 'SpoolerCopyFileEvent',
      side: 'client',
      module: key.module ?? module.name,
      printerName: printerUnc,
      key: key.keyName,
      event,
      result,
    });
  }

  private async driverEvent(printerUnc: string, event: PrinterEventValue): Promise<void> {
    const handler = this.options.driverEvents ?? acceptAllDriverEvents;
    let result: boolean;
    try {
      result = await handler(printerUnc, event, 0);
    } catch (err) {
      this.warn(`DrvPrinterEvent(${event}) failed: ${errorText(err)}`);
      result = false;
    }
    this.emit({ kind: 'DrvPrinterEvent', printerName: printerUnc, event, flags: 0, result });
  }
}

/** Why a subkey name from the server is not cached, or undefined when it is fine. */
export function keyNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'empty name';
  if (name.length > 255) return 'longer than 255 characters';
  if (name.includes('\\')) return 'contains a backslash';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f]/.test(name)) return 'contains a control character';
  return undefined;
}

function stringValue(values: readonly RegValue[], name: string): string | undefined {
  const v = values.find((x) => sameWindowsName(x.name, name));
  return v && typeof v.value === 'string' ? v.value : undefined;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
