/**
 * The MS-RPRN client ([MS-RPRN] 3.2: what win32spl does on the client side) over a bound
 * RpcClient. Each method encodes its request with the stubs of this folder, built from the same
 * structure descriptions the server decodes with (structures/containers.ts, info-layouts.ts,
 * printer-enum-values.ts), and decodes the response into the spooler's domain types.
 *
 * Buffers follow the two-call pattern of [MS-RPRN] 3.1.4 (point-and-print.md 6.3): INFO calls
 * first send a NULL buffer (ERROR_INSUFFICIENT_BUFFER + pcbNeeded), data calls a zero size
 * (ERROR_MORE_DATA + the needed size), then the real call. A non-zero WERROR becomes
 * Win32Error(code); a fault PDU RpcFaultError (from RpcClient).
 */
import { Win32Error } from '../../../common/errors';
import type { Logger } from '../../../common/logger';
import { createSilentLogger } from '../../../common/logger';
import { Win32ErrorCode, win32ErrorName } from '../../../common/status/win32-error';
import type { SplClientInfo1 } from '../../../spoolss/types';
import type { RegValue } from '../../../common/reg-value';
import { decodeRegData, encodeRegData } from '../../../common/reg-value';
import type {
  DocInfo,
  DriverInfo,
  FormInfo,
  GetPrinterDriverResult,
  JobInfo,
  MonitorInfo,
  PortInfo,
  PrinterInfo,
  PrintProcessorInfo,
} from '../../../spoolss/types';
import type { RpcClient } from '../../client/rpc-client';
import type { NdrRecord } from '../../ndr/ndr-struct';
import type { SetJobFields } from '../../../spoolss/print-provider';
import { RprnOpnum, rprnOpnumName } from '../opnums';
import type { FlatLayout, FlatRecord } from '../structures/flat-buffer';
import { unpackFlat } from '../structures/flat-buffer';
import {
  DRIVER_INFO_LAYOUTS,
  FORM_INFO_1_LAYOUT,
  JOB_INFO_LAYOUTS,
  MONITOR_INFO_LAYOUTS,
  PORT_INFO_LAYOUTS,
  PRINTER_INFO_LAYOUTS,
  PRINTPROCESSOR_INFO_1_LAYOUT,
} from '../structures/info-layouts';
import { decodeKeyList, decodePrinterEnumValues } from '../structures/printer-enum-values';
import { decodeDriverDirectory, encodeAddPrinterDriverEx, encodeGetPrinterDriver2 } from './driver-stubs';
import {
  driverInfoFromRecord,
  formInfoFromRecord,
  jobInfoFromRecord,
  monitorInfoFromRecord,
  portInfoFromRecord,
  printerInfoFromRecord,
  printProcessorInfoFromRecord,
} from './info-records';
import {
  decodeDwordResponse,
  encodeEnumJobs,
  encodeGetJob,
  encodeSetJob,
  encodeStartDocPrinter,
  encodeWritePrinter,
} from './job-stubs';
import {
  decodeEnumPrinterDataEx,
  decodeEnumPrinterKey,
  decodeGetPrinterDataEx,
  encodeDeletePrinterDataEx,
  encodeDeletePrinterKey,
  encodeEnumPrinterDataEx,
  encodeEnumPrinterKey,
  encodeGetPrinterDataEx,
  encodeSetPrinterDataEx,
} from './printer-data-stubs';
import type { SetPrinterRequest } from './printer-stubs';
import {
  decodeHandleResponse,
  encodeClosePrinter,
  encodeEnumForms,
  encodeEnumPrinters,
  encodeGetForm,
  encodeGetPrinter,
  encodeOpenPrinterEx,
  encodeServerEnum,
  encodeServerEnvironmentEnum,
  encodeSetPrinter,
} from './printer-stubs';
import type { InfoResponse, InfoResponseShape, RprnHandle } from './stub-common';
import { decodeInfoResponse, decodeStatusResponse, encodeHandleRequest } from './stub-common';

export type { RprnHandle } from './stub-common';

/** The most a server may make us allocate for one buffer (a hostile pcbNeeded). */
export const MAX_CLIENT_BUFFER = 16 * 1024 * 1024;
/** A size that keeps growing between the probe and the call (a changing queue) is retried this often. */
const MAX_ATTEMPTS = 4;

export interface RprnClientOptions {
  /** The server name the client used, for domain objects whose records do not carry one. */
  readonly serverName?: string;
  /**
   * The first call's buffer size. 0 (the default) is the pure size probe; a larger guess saves the
   * second round trip when the answer fits (and the server does its work once, CopyFiles modules
   * included).
   */
  readonly initialBufferSize?: number;
  readonly logger?: Logger;
}

export interface OpenPrinterExOptions {
  readonly datatype?: string;
  readonly devMode?: Buffer;
}

export class RprnClient {
  private readonly log: Logger;
  private readonly serverName: string;
  private readonly initialSize: number;

  constructor(
    private readonly rpc: RpcClient,
    options: RprnClientOptions = {},
  ) {
    this.log = (options.logger ?? createSilentLogger()).child({ component: 'rprn-client' });
    this.serverName = options.serverName ?? '';
    this.initialSize = Math.min(Math.max(0, options.initialBufferSize ?? 0), MAX_CLIENT_BUFFER);
  }

  // ---- handles --------------------------------------------------------------------------------

  async openPrinterEx(
    printerName: string | undefined,
    desiredAccess: number,
    clientInfo?: SplClientInfo1,
    options: OpenPrinterExOptions = {},
  ): Promise<RprnHandle> {
    const stub = encodeOpenPrinterEx({
      printerName,
      accessRequired: desiredAccess,
      ...(options.datatype !== undefined && { datatype: options.datatype }),
      ...(options.devMode !== undefined && { devMode: options.devMode }),
      ...(clientInfo !== undefined && { clientInfo }),
    });
    const { handle, status } = decodeHandleResponse(await this.call(RprnOpnum.RpcOpenPrinterEx, stub));
    check(RprnOpnum.RpcOpenPrinterEx, status, printerName);
    return handle;
  }

  async closePrinter(h: RprnHandle): Promise<void> {
    const { status } = decodeHandleResponse(await this.call(RprnOpnum.RpcClosePrinter, encodeClosePrinter(h)));
    check(RprnOpnum.RpcClosePrinter, status);
  }

  // ---- printers -------------------------------------------------------------------------------

  async enumPrinters(flags: number, name: string | undefined, level: number): Promise<PrinterInfo[]> {
    const layout = levelLayout(PRINTER_INFO_LAYOUTS, level);
    const res = await this.infoCall(RprnOpnum.RpcEnumPrinters, (buf) => encodeEnumPrinters(flags, name, level, buf), {
      withReturned: true,
    });
    return unpack(layout, res, res.returned).map((rec) => printerInfoFromRecord(rec, this.serverName));
  }

  async getPrinter(h: RprnHandle, level: number): Promise<PrinterInfo> {
    const layout = levelLayout(PRINTER_INFO_LAYOUTS, level);
    const res = await this.infoCall(RprnOpnum.RpcGetPrinter, (buf) => encodeGetPrinter(h, level, buf), {
      withReturned: false,
    });
    return printerInfoFromRecord(one(layout, res, RprnOpnum.RpcGetPrinter), this.serverName);
  }

  async setPrinter(h: RprnHandle, request: SetPrinterRequest): Promise<void> {
    check(
      RprnOpnum.RpcSetPrinter,
      decodeStatusResponse(await this.call(RprnOpnum.RpcSetPrinter, encodeSetPrinter(h, request))),
    );
  }

  // ---- drivers --------------------------------------------------------------------------------

  async getPrinterDriver2(
    h: RprnHandle,
    environment: string,
    level: number,
    clientMajor: number,
    clientMinor: number,
  ): Promise<GetPrinterDriverResult> {
    const layout = levelLayout(DRIVER_INFO_LAYOUTS, level);
    const res = await this.infoCall(
      RprnOpnum.RpcGetPrinterDriver2,
      (buf) => encodeGetPrinterDriver2(h, environment, level, clientMajor, clientMinor, buf),
      { withReturned: false, extraDwords: 2 },
    );
    const { driver, unplaced } = driverInfoFromRecord(one(layout, res, RprnOpnum.RpcGetPrinterDriver2));
    if (unplaced.length > 0) this.log.warn('driver files outside PRINT$ left out', { driver: driver.name, unplaced });
    return { driver, serverMaxVersion: res.extra[0] ?? 0, serverMinVersion: res.extra[1] ?? 0 };
  }

  async getPrinterDriverDirectory(serverName: string | undefined, environment: string): Promise<string> {
    const res = await this.infoCall(
      RprnOpnum.RpcGetPrinterDriverDirectory,
      (buf) => encodeServerEnvironmentEnum(serverName, environment, 1, buf),
      { withReturned: false },
    );
    return res.buffer === undefined || res.needed === 0 ? '' : decodeDriverDirectory(res.buffer);
  }

  async enumPrinterDrivers(serverName: string | undefined, environment: string, level: number): Promise<DriverInfo[]> {
    const layout = levelLayout(DRIVER_INFO_LAYOUTS, level);
    const res = await this.infoCall(
      RprnOpnum.RpcEnumPrinterDrivers,
      (buf) => encodeServerEnvironmentEnum(serverName, environment, level, buf),
      { withReturned: true },
    );
    return unpack(layout, res, res.returned).map((rec) => driverInfoFromRecord(rec).driver);
  }

  /** `info` is an RPC_DRIVER_INFO_n record (structures/containers.ts field names). */
  async addPrinterDriverEx(
    serverName: string | undefined,
    level: number,
    info: NdrRecord,
    fileCopyFlags: number,
  ): Promise<void> {
    const stub = encodeAddPrinterDriverEx(serverName, level, info, fileCopyFlags);
    check(
      RprnOpnum.RpcAddPrinterDriverEx,
      decodeStatusResponse(await this.call(RprnOpnum.RpcAddPrinterDriverEx, stub)),
    );
  }

  // ---- printer data ---------------------------------------------------------------------------

  async enumPrinterKey(h: RprnHandle, keyName: string): Promise<string[]> {
    let cb = this.initialSize;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const res = decodeEnumPrinterKey(
        await this.call(RprnOpnum.RpcEnumPrinterKey, encodeEnumPrinterKey(h, keyName, cb)),
      );
      if (res.status === Win32ErrorCode.ERROR_MORE_DATA && res.needed > cb) {
        cb = this.grow(RprnOpnum.RpcEnumPrinterKey, res.needed);
        continue;
      }
      check(RprnOpnum.RpcEnumPrinterKey, res.status, keyName);
      return decodeKeyList(res.subkey.subarray(0, Math.min(res.needed, res.subkey.length)));
    }
    throw tooManyAttempts(RprnOpnum.RpcEnumPrinterKey);
  }

  async enumPrinterDataEx(h: RprnHandle, keyName: string): Promise<RegValue[]> {
    let cb = this.initialSize;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const res = decodeEnumPrinterDataEx(
        await this.call(RprnOpnum.RpcEnumPrinterDataEx, encodeEnumPrinterDataEx(h, keyName, cb)),
      );
      if (res.status === Win32ErrorCode.ERROR_MORE_DATA && res.needed > cb) {
        cb = this.grow(RprnOpnum.RpcEnumPrinterDataEx, res.needed);
        continue;
      }
      check(RprnOpnum.RpcEnumPrinterDataEx, res.status, keyName);
      return decodePrinterEnumValues(res.enumValues, res.count);
    }
    throw tooManyAttempts(RprnOpnum.RpcEnumPrinterDataEx);
  }

  async getPrinterDataEx(h: RprnHandle, keyName: string, valueName: string): Promise<RegValue> {
    let cb = this.initialSize;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const res = decodeGetPrinterDataEx(
        await this.call(RprnOpnum.RpcGetPrinterDataEx, encodeGetPrinterDataEx(h, keyName, valueName, cb)),
      );
      if (res.status === Win32ErrorCode.ERROR_MORE_DATA && res.needed > cb) {
        cb = this.grow(RprnOpnum.RpcGetPrinterDataEx, res.needed);
        continue;
      }
      check(RprnOpnum.RpcGetPrinterDataEx, res.status, `${keyName}\\${valueName}`);
      return { ...decodeRegData(res.type, res.data.subarray(0, res.needed)), name: valueName };
    }
    throw tooManyAttempts(RprnOpnum.RpcGetPrinterDataEx);
  }

  async setPrinterDataEx(h: RprnHandle, keyName: string, value: RegValue): Promise<void> {
    const stub = encodeSetPrinterDataEx(h, keyName, value.name, value.type, encodeRegData(value));
    check(RprnOpnum.RpcSetPrinterDataEx, decodeStatusResponse(await this.call(RprnOpnum.RpcSetPrinterDataEx, stub)));
  }

  async deletePrinterDataEx(h: RprnHandle, keyName: string, valueName: string): Promise<void> {
    const stub = encodeDeletePrinterDataEx(h, keyName, valueName);
    check(
      RprnOpnum.RpcDeletePrinterDataEx,
      decodeStatusResponse(await this.call(RprnOpnum.RpcDeletePrinterDataEx, stub)),
    );
  }

  async deletePrinterKey(h: RprnHandle, keyName: string): Promise<void> {
    const stub = encodeDeletePrinterKey(h, keyName);
    check(RprnOpnum.RpcDeletePrinterKey, decodeStatusResponse(await this.call(RprnOpnum.RpcDeletePrinterKey, stub)));
  }

  // ---- forms, ports, monitors, print processors ----------------------------------------------

  async enumForms(h: RprnHandle): Promise<FormInfo[]> {
    const res = await this.infoCall(RprnOpnum.RpcEnumForms, (buf) => encodeEnumForms(h, 1, buf), {
      withReturned: true,
    });
    return unpack(FORM_INFO_1_LAYOUT, res, res.returned).map(formInfoFromRecord);
  }

  async getForm(h: RprnHandle, formName: string): Promise<FormInfo> {
    const res = await this.infoCall(RprnOpnum.RpcGetForm, (buf) => encodeGetForm(h, formName, 1, buf), {
      withReturned: false,
    });
    return formInfoFromRecord(one(FORM_INFO_1_LAYOUT, res, RprnOpnum.RpcGetForm));
  }

  async enumPorts(serverName: string | undefined, level = 2): Promise<PortInfo[]> {
    const layout = levelLayout(PORT_INFO_LAYOUTS, level);
    const res = await this.infoCall(RprnOpnum.RpcEnumPorts, (buf) => encodeServerEnum(serverName, level, buf), {
      withReturned: true,
    });
    return unpack(layout, res, res.returned).map(portInfoFromRecord);
  }

  async enumMonitors(serverName: string | undefined, level = 2): Promise<MonitorInfo[]> {
    const layout = levelLayout(MONITOR_INFO_LAYOUTS, level);
    const res = await this.infoCall(RprnOpnum.RpcEnumMonitors, (buf) => encodeServerEnum(serverName, level, buf), {
      withReturned: true,
    });
    return unpack(layout, res, res.returned).map(monitorInfoFromRecord);
  }

  async enumPrintProcessors(serverName: string | undefined, environment: string): Promise<PrintProcessorInfo[]> {
    const res = await this.infoCall(
      RprnOpnum.RpcEnumPrintProcessors,
      (buf) => encodeServerEnvironmentEnum(serverName, environment, 1, buf),
      { withReturned: true },
    );
    return unpack(PRINTPROCESSOR_INFO_1_LAYOUT, res, res.returned).map(printProcessorInfoFromRecord);
  }

  // ---- printing and jobs ----------------------------------------------------------------------

  async startDocPrinter(h: RprnHandle, doc: DocInfo): Promise<number> {
    const res = decodeDwordResponse(
      await this.call(RprnOpnum.RpcStartDocPrinter, encodeStartDocPrinter(h, doc)),
      'pJobId',
    );
    check(RprnOpnum.RpcStartDocPrinter, res.status, doc.documentName);
    return res.value;
  }

  async writePrinter(h: RprnHandle, data: Buffer): Promise<number> {
    const res = decodeDwordResponse(
      await this.call(RprnOpnum.RpcWritePrinter, encodeWritePrinter(h, data)),
      'pcWritten',
    );
    check(RprnOpnum.RpcWritePrinter, res.status);
    return res.value;
  }

  startPagePrinter(h: RprnHandle): Promise<void> {
    return this.handleOnly(RprnOpnum.RpcStartPagePrinter, h);
  }

  endPagePrinter(h: RprnHandle): Promise<void> {
    return this.handleOnly(RprnOpnum.RpcEndPagePrinter, h);
  }

  abortPrinter(h: RprnHandle): Promise<void> {
    return this.handleOnly(RprnOpnum.RpcAbortPrinter, h);
  }

  endDocPrinter(h: RprnHandle): Promise<void> {
    return this.handleOnly(RprnOpnum.RpcEndDocPrinter, h);
  }

  async enumJobs(h: RprnHandle, firstJob: number, noJobs: number, level = 2): Promise<JobInfo[]> {
    const layout = levelLayout(JOB_INFO_LAYOUTS, level);
    const res = await this.infoCall(RprnOpnum.RpcEnumJobs, (buf) => encodeEnumJobs(h, firstJob, noJobs, level, buf), {
      withReturned: true,
    });
    return unpack(layout, res, res.returned).map((rec) => jobInfoFromRecord(rec, this.serverName));
  }

  async getJob(h: RprnHandle, jobId: number, level = 2): Promise<JobInfo> {
    const layout = levelLayout(JOB_INFO_LAYOUTS, level);
    const res = await this.infoCall(RprnOpnum.RpcGetJob, (buf) => encodeGetJob(h, jobId, level, buf), {
      withReturned: false,
    });
    return jobInfoFromRecord(one(layout, res, RprnOpnum.RpcGetJob), this.serverName);
  }

  /**
   * RpcSetJob: a command alone, or with `fields` a JOB_INFO_1 container. As winspool does, the
   * job is read first (RpcGetJob level 1) so the fields not being changed keep their values;
   * Position 0 (JOB_POSITION_UNSPECIFIED) leaves the job where it is.
   */
  async setJob(h: RprnHandle, jobId: number, command: number, fields?: SetJobFields): Promise<void> {
    let info: NdrRecord | undefined;
    if (fields !== undefined) {
      const current = await this.getJob(h, jobId, 1);
      info = {
        JobId: jobId,
        pDocument: fields.documentName ?? current.documentName,
        pDatatype: current.datatype,
        Priority: fields.priority ?? current.priority,
        Position: fields.position ?? 0,
      };
    }
    check(
      RprnOpnum.RpcSetJob,
      decodeStatusResponse(await this.call(RprnOpnum.RpcSetJob, encodeSetJob(h, jobId, command, info))),
    );
  }

  close(): Promise<void> {
    return this.rpc.close();
  }

  // ---- plumbing -------------------------------------------------------------------------------

  private call(opnum: number, stub: Buffer): Promise<Buffer> {
    this.log.debug(rprnOpnumName(opnum), { stub: stub.length });
    return this.rpc.call(opnum, stub);
  }

  private async handleOnly(opnum: number, h: RprnHandle): Promise<void> {
    check(opnum, decodeStatusResponse(await this.call(opnum, encodeHandleRequest(h))));
  }

  /** The INFO two-call pattern: a NULL buffer first, then one of pcbNeeded bytes. */
  private async infoCall(
    opnum: number,
    encode: (buf: Buffer | undefined) => Buffer,
    shape: InfoResponseShape,
  ): Promise<InfoResponse> {
    let buf: Buffer | undefined = this.initialSize > 0 ? Buffer.alloc(this.initialSize) : undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const res = decodeInfoResponse(await this.call(opnum, encode(buf)), shape, rprnOpnumName(opnum));
      if (res.status === Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER && res.needed > (buf?.length ?? 0)) {
        buf = Buffer.alloc(this.grow(opnum, res.needed));
        continue;
      }
      check(opnum, res.status);
      return res;
    }
    throw tooManyAttempts(opnum);
  }

  private grow(opnum: number, needed: number): number {
    if (needed > MAX_CLIENT_BUFFER) {
      throw new Win32Error(
        Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY,
        `${rprnOpnumName(opnum)}: the server asks for a ${needed}-byte buffer`,
      );
    }
    this.log.debug('size probe', { op: rprnOpnumName(opnum), needed });
    return needed;
  }
}

/** Non-zero WERROR -> Win32Error with the call's name. */
function check(opnum: number, status: number, subject?: string): void {
  if (status === Win32ErrorCode.ERROR_SUCCESS) return;
  const what = win32ErrorName(status);
  throw new Win32Error(status, `${rprnOpnumName(opnum)}${subject !== undefined ? `(${subject})` : ''}: ${what}`);
}

function tooManyAttempts(opnum: number): Win32Error {
  return new Win32Error(
    Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER,
    `${rprnOpnumName(opnum)}: the needed size kept changing`,
  );
}

function levelLayout(layouts: Readonly<Record<number, FlatLayout>>, level: number): FlatLayout {
  const layout = layouts[level];
  if (layout === undefined) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_LEVEL, `no INFO level ${level}`);
  return layout;
}

function unpack(layout: FlatLayout, res: InfoResponse, count: number): FlatRecord[] {
  if (count === 0) return [];
  if (res.buffer === undefined)
    throw new Win32Error(Win32ErrorCode.ERROR_INVALID_DATA, `${layout.name}: no buffer returned`);
  return unpackFlat(layout, res.buffer, count);
}

function one(layout: FlatLayout, res: InfoResponse, opnum: number): FlatRecord {
  const rec = unpack(layout, res, res.needed > 0 ? 1 : 0)[0];
  if (rec === undefined)
    throw new Win32Error(Win32ErrorCode.ERROR_INVALID_DATA, `${rprnOpnumName(opnum)}: empty answer`);
  return rec;
}
