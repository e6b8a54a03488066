/**
 * The remote provider (Windows' win32spl): the PrintProvider interface over MS-RPRN. Each method
 * is one RPC (RprnClient); PRINTER_HANDLE context handles stay here, the caller sees the
 * provider's usual PrinterHandle. The identity is the SMB session's, so the `caller` arguments
 * are ignored, as on the wire.
 */
import { Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { RegValue } from '../../common/reg-value';
import { rpcDriverInfoRecord, rpcPrinterInfo2Record } from '../../rpc/rprn/client/info-records';
import type { RprnClient, RprnHandle } from '../../rpc/rprn/client/rprn-client';
import { AccessMask } from '../../spoolss/constants';
import type { PrintProvider, SetJobFields, XcvDataResult } from '../../spoolss/print-provider';
import type {
  CorePrinterDriver,
  DocInfo,
  DriverInfo,
  FormInfo,
  GetPrinterDriverResult,
  JobInfo,
  MonitorInfo,
  NewPrinter,
  OpenPrinterOptions,
  PortInfo,
  PrinterChange,
  PrinterHandle,
  PrinterInfo,
  PrintProcessorInfo,
} from '../../spoolss/types';

/** DRIVER_INFO levels asked for, richest first; a server that lacks one answers ERROR_INVALID_LEVEL. */
const DRIVER_LEVELS = [8, 6, 3] as const;
const PRINTER_LEVEL = 2;

/** `\\SERVER\printer[,Job n]` -> what kind of handle OpenPrinter gives. */
function handleShape(name: string | undefined, fallbackServer: string): Omit<PrinterHandle, 'id' | 'grantedAccess'> {
  const text = name ?? '';
  const m = /^\\\\([^\\]+)(?:\\(.*))?$/.exec(text);
  const serverName = m?.[1] ?? fallbackServer;
  const rest = m ? m[2] : text;
  if (rest === undefined || rest === '') return { kind: 'server', serverName };
  const xcv = /^,Xcv(Monitor|Port) (.+)$/.exec(rest);
  if (xcv?.[2] !== undefined) return { kind: 'xcv', serverName };
  const job = /^(.*),\s*Job\s+\d+$/i.exec(rest);
  return { kind: job ? 'job' : 'printer', printerName: job?.[1] ?? rest, serverName };
}

export class RemotePrintProvider implements PrintProvider {
  private readonly handles = new Map<string, RprnHandle>();

  constructor(
    private readonly rprn: RprnClient,
    private readonly serverName: string,
    private readonly logger: Logger,
  ) {}

  /** Handles still open (closed on connection close). */
  get openHandleCount(): number {
    return this.handles.size;
  }

  private wire(handle: PrinterHandle): RprnHandle {
    const h = this.handles.get(handle.id);
    if (h === undefined) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, `handle ${handle.id} is not open`);
    return h;
  }

  async openPrinter(name: string | undefined, options: OpenPrinterOptions): Promise<PrinterHandle> {
    const wire = await this.rprn.openPrinterEx(name, options.desiredAccess, options.clientInfo, {
      ...(options.datatype !== undefined && { datatype: options.datatype }),
      ...(options.devMode !== undefined && { devMode: options.devMode }),
    });
    const id = wire.toString('hex');
    this.handles.set(id, wire);
    // DEVIATION: the wire does not say what was granted; the request stands for it.
    return { id, grantedAccess: options.desiredAccess, ...handleShape(name, this.serverName) };
  }

  async closePrinter(handle: PrinterHandle): Promise<void> {
    const wire = this.wire(handle);
    this.handles.delete(handle.id);
    await this.rprn.closePrinter(wire);
  }

  /** Closes whatever the caller left open (the client side of context rundown). */
  async closeAll(): Promise<void> {
    for (const [id, wire] of [...this.handles]) {
      this.handles.delete(id);
      await this.rprn.closePrinter(wire).catch((err: unknown) => {
        this.logger.debug('ClosePrinter at disconnect failed', { error: String(err) });
      });
    }
  }

  enumPrinters(flags: number, name: string | undefined): Promise<PrinterInfo[]> {
    return this.rprn.enumPrinters(flags, name, PRINTER_LEVEL);
  }

  getPrinter(handle: PrinterHandle): Promise<PrinterInfo> {
    return this.rprn.getPrinter(this.wire(handle), PRINTER_LEVEL);
  }

  /** SetPrinter: a command alone (PRINTER_CONTAINER level 0), or level 2 over the current settings. */
  async setPrinter(handle: PrinterHandle, change: PrinterChange): Promise<void> {
    const wire = this.wire(handle);
    const command = change.command ?? 0;
    if (change.fields === undefined) {
      await this.rprn.setPrinter(wire, { level: 0, command });
      return;
    }
    const current = await this.rprn.getPrinter(wire, PRINTER_LEVEL);
    const next: PrinterInfo = { ...current, ...change.fields };
    await this.rprn.setPrinter(wire, {
      level: PRINTER_LEVEL,
      info: rpcPrinterInfo2Record(next),
      ...(next.devMode !== undefined && { devMode: next.devMode }),
      ...(change.fields.securityDescriptor !== undefined && { securityDescriptor: change.fields.securityDescriptor }),
      command,
    });
  }

  /** RpcGetPrinter level 3 ([MS-RPRN] 2.2.1.10.4): the printer's self-relative security descriptor. */
  async getPrinterSecurity(handle: PrinterHandle): Promise<Buffer | undefined> {
    return (await this.rprn.getPrinter(this.wire(handle), 3)).securityDescriptor;
  }

  /**
   * RpcSetPrinter level 3: the descriptor travels in the SECURITY_CONTAINER; RPC_PRINTER_INFO_3's
   * pSecurityDescriptor is a placeholder servers ignore ([MS-RPRN] 2.2.1.9.3, 3.1.4.2.8).
   */
  setPrinterSecurity(handle: PrinterHandle, securityDescriptor: Buffer): Promise<void> {
    return this.rprn.setPrinter(this.wire(handle), {
      level: 3,
      info: { pSecurityDescriptor: 0 },
      securityDescriptor,
      command: 0,
    });
  }

  /** RpcAddPrinterEx level 2; the handle is the new printer's, opened for its creator. */
  async addPrinter(
    serverName: string | undefined,
    printer: NewPrinter,
    options: OpenPrinterOptions,
  ): Promise<PrinterHandle> {
    const printerName = printer.printerName ?? '';
    const wire = await this.rprn.admin.addPrinterEx(serverName, printerName, printer, options.clientInfo);
    const id = wire.toString('hex');
    this.handles.set(id, wire);
    const server = serverName?.replace(/^\\\\/, '') || this.serverName;
    return { id, grantedAccess: AccessMask.PRINTER_ALL_ACCESS, kind: 'printer', printerName, serverName: server };
  }

  deletePrinter(handle: PrinterHandle): Promise<void> {
    return this.rprn.admin.deletePrinter(this.wire(handle), handle.printerName);
  }

  deletePrinterDriver(
    serverName: string | undefined,
    environment: string,
    driverName: string,
    deleteFlags: number,
    version: number,
  ): Promise<void> {
    return this.rprn.admin.deletePrinterDriverEx(serverName, environment, driverName, deleteFlags, version);
  }

  async enumPrinterDrivers(serverName: string | undefined, environment: string): Promise<DriverInfo[]> {
    return this.withDriverLevels((level) => this.rprn.enumPrinterDrivers(serverName, environment, level));
  }

  getPrinterDriver(
    handle: PrinterHandle,
    environment: string,
    clientMajorVersion: number,
  ): Promise<GetPrinterDriverResult> {
    const wire = this.wire(handle);
    return this.withDriverLevels((level) =>
      this.rprn.getPrinterDriver2(wire, environment, level, clientMajorVersion, 0),
    );
  }

  getPrinterDriverDirectory(serverName: string | undefined, environment: string): Promise<string> {
    return this.rprn.getPrinterDriverDirectory(serverName, environment);
  }

  addPrinterDriver(serverName: string | undefined, driver: DriverInfo, fileCopyFlags: number): Promise<void> {
    return this.rprn.addPrinterDriverEx(serverName, 8, rpcDriverInfoRecord(driver), fileCopyFlags);
  }

  getCorePrinterDrivers(
    serverName: string | undefined,
    environment: string,
    guids: readonly string[],
  ): Promise<CorePrinterDriver[]> {
    return this.rprn.packages.getCorePrinterDrivers(serverName, environment, guids);
  }

  getPrinterDriverPackagePath(
    serverName: string | undefined,
    environment: string,
    language: string | undefined,
    packageId: string,
  ): Promise<string> {
    return this.rprn.packages.getPrinterDriverPackagePath(serverName, environment, language, packageId);
  }

  /** MS-PAR only: ERROR_NOT_SUPPORTED over \pipe\spoolss, as the package calls below. */
  corePrinterDriverInstalled(
    serverName: string | undefined,
    environment: string,
    guid: string,
    driverDate: Date,
    driverVersion: bigint,
  ): Promise<boolean> {
    return this.rprn.packages.corePrinterDriverInstalled(serverName, environment, guid, driverDate, driverVersion);
  }

  uploadPrinterDriverPackage(
    serverName: string | undefined,
    infPath: string,
    environment: string,
    flags: number,
  ): Promise<string> {
    return this.rprn.packages.uploadPrinterDriverPackage(serverName, infPath, environment, flags);
  }

  installPrinterDriverFromPackage(
    serverName: string | undefined,
    infPath: string | undefined,
    driverName: string,
    environment: string,
    flags: number,
  ): Promise<void> {
    return this.rprn.packages.installPrinterDriverFromPackage(serverName, infPath, driverName, environment, flags);
  }

  deletePrinterDriverPackage(serverName: string | undefined, infPath: string, environment: string): Promise<void> {
    return this.rprn.packages.deletePrinterDriverPackage(serverName, infPath, environment);
  }

  enumPrinterKey(handle: PrinterHandle, keyName: string): Promise<string[]> {
    return this.rprn.enumPrinterKey(this.wire(handle), keyName);
  }

  enumPrinterDataEx(handle: PrinterHandle, keyName: string): Promise<RegValue[]> {
    return this.rprn.enumPrinterDataEx(this.wire(handle), keyName);
  }

  getPrinterDataEx(handle: PrinterHandle, keyName: string, valueName: string): Promise<RegValue> {
    return this.rprn.getPrinterDataEx(this.wire(handle), keyName, valueName);
  }

  setPrinterDataEx(handle: PrinterHandle, keyName: string, value: RegValue): Promise<void> {
    return this.rprn.setPrinterDataEx(this.wire(handle), keyName, value);
  }

  deletePrinterDataEx(handle: PrinterHandle, keyName: string, valueName: string): Promise<void> {
    return this.rprn.deletePrinterDataEx(this.wire(handle), keyName, valueName);
  }

  deletePrinterKey(handle: PrinterHandle, keyName: string): Promise<void> {
    return this.rprn.deletePrinterKey(this.wire(handle), keyName);
  }

  enumForms(handle: PrinterHandle): Promise<FormInfo[]> {
    return this.rprn.enumForms(this.wire(handle));
  }

  getForm(handle: PrinterHandle, formName: string): Promise<FormInfo> {
    return this.rprn.getForm(this.wire(handle), formName);
  }

  /** XcvData on an `,XcvMonitor` / `,XcvPort` handle: the monitor's status is returned, not thrown. */
  xcvData(handle: PrinterHandle, dataName: string, input: Buffer, cbOutputData: number): Promise<XcvDataResult> {
    return this.rprn.ports.xcvData(this.wire(handle), dataName, input, cbOutputData);
  }

  addForm(handle: PrinterHandle, form: FormInfo): Promise<void> {
    return this.rprn.admin.addForm(this.wire(handle), form);
  }

  setForm(handle: PrinterHandle, formName: string, form: FormInfo): Promise<void> {
    return this.rprn.admin.setForm(this.wire(handle), formName, form);
  }

  deleteForm(handle: PrinterHandle, formName: string): Promise<void> {
    return this.rprn.admin.deleteForm(this.wire(handle), formName);
  }

  enumPorts(serverName: string | undefined): Promise<PortInfo[]> {
    return this.rprn.enumPorts(serverName, 2);
  }

  enumMonitors(serverName: string | undefined): Promise<MonitorInfo[]> {
    return this.rprn.enumMonitors(serverName, 2);
  }

  enumPrintProcessors(serverName: string | undefined, environment: string): Promise<PrintProcessorInfo[]> {
    return this.rprn.enumPrintProcessors(serverName, environment);
  }

  startDocPrinter(handle: PrinterHandle, doc: DocInfo): Promise<number> {
    return this.rprn.startDocPrinter(this.wire(handle), doc);
  }

  startPagePrinter(handle: PrinterHandle): Promise<void> {
    return this.rprn.startPagePrinter(this.wire(handle));
  }

  writePrinter(handle: PrinterHandle, data: Buffer): Promise<number> {
    return this.rprn.writePrinter(this.wire(handle), data);
  }

  endPagePrinter(handle: PrinterHandle): Promise<void> {
    return this.rprn.endPagePrinter(this.wire(handle));
  }

  endDocPrinter(handle: PrinterHandle): Promise<void> {
    return this.rprn.endDocPrinter(this.wire(handle));
  }

  abortPrinter(handle: PrinterHandle): Promise<void> {
    return this.rprn.abortPrinter(this.wire(handle));
  }

  enumJobs(handle: PrinterHandle, firstJob: number, count: number): Promise<JobInfo[]> {
    return this.rprn.enumJobs(this.wire(handle), firstJob, count, 2);
  }

  getJob(handle: PrinterHandle, jobId: number): Promise<JobInfo> {
    return this.rprn.getJob(this.wire(handle), jobId, 2);
  }

  setJob(handle: PrinterHandle, jobId: number, command: number, fields?: SetJobFields): Promise<void> {
    return this.rprn.setJob(this.wire(handle), jobId, command, fields);
  }

  /** Tries DRIVER_INFO_8, then 6, then 3 (Windows Server 2003 and older Samba lack 8). */
  private async withDriverLevels<T>(run: (level: number) => Promise<T>): Promise<T> {
    let last: unknown;
    for (const level of DRIVER_LEVELS) {
      try {
        return await run(level);
      } catch (err) {
        if (!(err instanceof Win32Error) || err.win32 !== Win32ErrorCode.ERROR_INVALID_LEVEL) throw err;
        this.logger.debug('driver level refused; trying a lower one', { level });
        last = err;
      }
    }
    throw last;
  }
}
