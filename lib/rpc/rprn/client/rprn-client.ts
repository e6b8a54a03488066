/**
 * The MS-RPRN client ([MS-RPRN] 3.2: what win32spl does on the client side) over a bound
 * RpcClient. Each method fills its message's request (../messages, the descriptions the server's
 * operations decode with), calls it through the client stub, and turns the response into the
 * spooler's domain types.
 *
 * Buffers follow the two-call pattern of [MS-RPRN] 3.1.4 (client-stub.ts). A non-zero WERROR
 * becomes Win32Error(code); a fault PDU RpcFaultError (from RpcClient).
 */
import { hostname } from 'node:os';
import { MalformedPacketError } from '../../../common/errors';
import type { Logger } from '../../../common/logger';
import { createSilentLogger } from '../../../common/logger';
import type { RegValue } from '../../../common/reg-value';
import { decodeRegData, encodeRegData } from '../../../common/reg-value';
import type { SetJobFields } from '../../../spoolss/print-provider';
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
  SplClientInfo1,
} from '../../../spoolss/types';
import type { RpcClient } from '../../client/rpc-client';
import type { AnyNdrMessage } from '../../ndr/ndr-message';
import type { NdrRecord } from '../../ndr/ndr-struct';
import type { OpnumTable } from '../../opnum-table';
import { RPRN_MESSAGES as M, RPRN_OPNUMS } from '../messages';
import type { RprnHandle } from '../messages/parameters';
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
import { MAX_CLIENT_BUFFER, RprnClientStub, check, levelLayout, one, unpack } from './client-stub';
import { RprnAdminCalls } from './admin-calls';
import { RprnPackageCalls } from './package-calls';
import { RprnPortCalls } from './port-calls';
import {
  driverDirectoryFromBuffer,
  driverInfoFromRecord,
  formInfoFromRecord,
  jobInfoFromRecord,
  monitorInfoFromRecord,
  portInfoFromRecord,
  printerInfoFromRecord,
  printProcessorInfoFromRecord,
  splClientInfo1Record,
} from './info-records';

export type { RprnHandle } from '../messages/parameters';
export { MAX_CLIENT_BUFFER } from './client-stub';

export interface RprnClientOptions {
  /** The server name the client used, for domain objects whose records do not carry one. */
  readonly serverName?: string;
  /**
   * The first call's buffer size. 0 (the default) is the pure size probe; a larger guess saves the
   * second round trip when the answer fits (and the server does its work once, CopyFiles modules
   * included).
   */
  readonly initialBufferSize?: number;
  /** The interface's opnums for the MS-RPRN messages: \pipe\spoolss's (RPRN_OPNUMS) by default. */
  readonly opnums?: OpnumTable<AnyNdrMessage>;
  /**
   * The SPLCLIENT_INFO_1 OpenPrinterEx sends when a call gives none: Windows' client always sends
   * one (a server answers a NULL one with ERROR_INVALID_PARAMETER). By default this machine's name,
   * as a Windows 11 x64 client describes itself.
   */
  readonly clientInfo?: SplClientInfo1;
  readonly logger?: Logger;
}

export interface OpenPrinterExOptions {
  readonly datatype?: string;
  readonly devMode?: Buffer;
}

export interface SetPrinterRequest {
  /** PRINTER_CONTAINER: level 0 (NULL arm) with a command, or an RPC_PRINTER_INFO_n. */
  readonly level: number;
  readonly info?: NdrRecord;
  readonly devMode?: Buffer;
  readonly securityDescriptor?: Buffer;
  readonly command: number;
}

/** SPLCLIENT_INFO_1 of a Windows 11 x64 client (build 26100) on this machine ([MS-RPRN] 2.2.1.7.1). */
export function windowsClientInfo(): SplClientInfo1 {
  return {
    size: 28,
    machineName: `\\\\${hostname().split('.')[0]?.toUpperCase() ?? 'CLIENT'}`,
    buildNum: 26100,
    majorVersion: 10,
    minorVersion: 0,
    processorArchitecture: 9, // PROCESSOR_ARCHITECTURE_AMD64
  };
}

export class RprnClient {
  private readonly log: Logger;
  private readonly serverName: string;
  private readonly clientInfo: SplClientInfo1;
  private readonly stub: RprnClientStub;
  /** The driver package calls ([MS-RPRN] 3.1.4.4.9-10, [MS-PAR] 3.1.4.2.7-12). */
  readonly packages: RprnPackageCalls;
  /** RpcXcvData, the port monitors' calls ([MS-RPRN] 3.1.4.6.5). */
  readonly ports: RprnPortCalls;
  /** AddPrinterEx, DeletePrinter, AddForm, DeleteForm, DeletePrinterDriverEx (admin-calls.ts). */
  readonly admin: RprnAdminCalls;

  constructor(
    private readonly rpc: RpcClient,
    options: RprnClientOptions = {},
  ) {
    this.log = (options.logger ?? createSilentLogger()).child({ component: 'rprn-client' });
    this.serverName = options.serverName ?? '';
    this.clientInfo = options.clientInfo ?? windowsClientInfo();
    const initialSize = Math.min(Math.max(0, options.initialBufferSize ?? 0), MAX_CLIENT_BUFFER);
    this.stub = new RprnClientStub(rpc, options.opnums ?? RPRN_OPNUMS, initialSize, this.log);
    this.packages = new RprnPackageCalls(this.stub, this.log);
    this.ports = new RprnPortCalls(this.stub);
    this.admin = new RprnAdminCalls(this.stub);
  }

  // ---- handles --------------------------------------------------------------------------------

  async openPrinterEx(
    printerName: string | undefined,
    desiredAccess: number,
    clientInfo?: SplClientInfo1,
    options: OpenPrinterExOptions = {},
  ): Promise<RprnHandle> {
    const res = await this.stub.call(M.RpcOpenPrinterEx, {
      printerName,
      datatype: options.datatype,
      devMode: options.devMode,
      accessRequired: desiredAccess,
      // winspool always sends an SPLCLIENT_INFO_1 (a server answers an unknown name without one
      // ERROR_INVALID_PARAMETER, and tshark calls a NULL arm malformed): the caller's, else ours.
      clientInfo: { level: 1, info: splClientInfo1Record(clientInfo ?? this.clientInfo) },
    });
    check(M.RpcOpenPrinterEx, res.status, printerName);
    return res.handle;
  }

  async closePrinter(h: RprnHandle): Promise<void> {
    check(M.RpcClosePrinter, (await this.stub.call(M.RpcClosePrinter, { handle: h })).status);
  }

  // ---- printers -------------------------------------------------------------------------------

  async enumPrinters(flags: number, name: string | undefined, level: number): Promise<PrinterInfo[]> {
    const layout = levelLayout(PRINTER_INFO_LAYOUTS, level);
    const res = await this.stub.info(M.RpcEnumPrinters, (buffer) => ({ flags, name, level, buffer }));
    return unpack(layout, res, res.returned).map((rec) => printerInfoFromRecord(rec, this.serverName));
  }

  async getPrinter(h: RprnHandle, level: number): Promise<PrinterInfo> {
    const layout = levelLayout(PRINTER_INFO_LAYOUTS, level);
    const res = await this.stub.info(M.RpcGetPrinter, (buffer) => ({ hPrinter: h, level, buffer }));
    return printerInfoFromRecord(one(layout, res, M.RpcGetPrinter), this.serverName);
  }

  setPrinter(h: RprnHandle, request: SetPrinterRequest): Promise<void> {
    return this.stub.status(M.RpcSetPrinter, {
      hPrinter: h,
      printerContainer: { level: request.level, ...(request.info !== undefined && { info: request.info }) },
      devMode: request.devMode,
      securityDescriptor: request.securityDescriptor,
      command: request.command,
    });
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
    const res = await this.stub.info(M.RpcGetPrinterDriver2, (buffer) => ({
      hPrinter: h,
      environment,
      level,
      buffer,
      clientMajorVersion: clientMajor,
      clientMinorVersion: clientMinor,
    }));
    const { driver, unplaced } = driverInfoFromRecord(one(layout, res, M.RpcGetPrinterDriver2));
    if (unplaced.length > 0) this.log.warn('driver files outside PRINT$ left out', { driver: driver.name, unplaced });
    return { driver, serverMaxVersion: res.serverMaxVersion, serverMinVersion: res.serverMinVersion };
  }

  async getPrinterDriverDirectory(serverName: string | undefined, environment: string): Promise<string> {
    const res = await this.stub.info(M.RpcGetPrinterDriverDirectory, (buffer) => ({
      name: serverName,
      environment,
      level: 1,
      buffer,
    }));
    return res.buffer === undefined || res.needed === 0 ? '' : driverDirectoryFromBuffer(res.buffer);
  }

  async enumPrinterDrivers(serverName: string | undefined, environment: string, level: number): Promise<DriverInfo[]> {
    const layout = levelLayout(DRIVER_INFO_LAYOUTS, level);
    const res = await this.stub.info(M.RpcEnumPrinterDrivers, (buffer) => ({
      name: serverName,
      environment,
      level,
      buffer,
    }));
    return unpack(layout, res, res.returned).map((rec) => driverInfoFromRecord(rec).driver);
  }

  /** `info` is an RPC_DRIVER_INFO_n record (structures/containers.ts field names). */
  addPrinterDriverEx(
    serverName: string | undefined,
    level: number,
    info: NdrRecord,
    fileCopyFlags: number,
  ): Promise<void> {
    return this.stub.status(M.RpcAddPrinterDriverEx, {
      name: serverName,
      driverContainer: { level, info },
      fileCopyFlags,
    });
  }

  // ---- printer data ---------------------------------------------------------------------------

  async enumPrinterKey(h: RprnHandle, keyName: string): Promise<string[]> {
    const res = await this.stub.sized(M.RpcEnumPrinterKey, (cbSubkey) => ({ hPrinter: h, keyName, cbSubkey }), keyName);
    return decodeKeyList(res.subkey.subarray(0, Math.min(res.needed, res.subkey.length)));
  }

  async enumPrinterDataEx(h: RprnHandle, keyName: string): Promise<RegValue[]> {
    const res = await this.stub.sized(
      M.RpcEnumPrinterDataEx,
      (cbEnumValues) => ({ hPrinter: h, keyName, cbEnumValues }),
      keyName,
    );
    return decodePrinterEnumValues(res.enumValues, res.count);
  }

  async getPrinterDataEx(h: RprnHandle, keyName: string, valueName: string): Promise<RegValue> {
    const res = await this.stub.sized(
      M.RpcGetPrinterDataEx,
      (nSize) => ({ hPrinter: h, keyName, valueName, nSize }),
      `${keyName}\\${valueName}`,
    );
    if (res.needed > res.data.length) {
      throw new MalformedPacketError(`pcbNeeded ${res.needed} larger than the ${res.data.length} bytes returned`, {
        field: 'pcbNeeded',
      });
    }
    return { ...decodeRegData(res.type, res.data.subarray(0, res.needed)), name: valueName };
  }

  setPrinterDataEx(h: RprnHandle, keyName: string, value: RegValue): Promise<void> {
    return this.stub.status(M.RpcSetPrinterDataEx, {
      hPrinter: h,
      keyName,
      valueName: value.name,
      type: value.type,
      data: encodeRegData(value),
    });
  }

  deletePrinterDataEx(h: RprnHandle, keyName: string, valueName: string): Promise<void> {
    return this.stub.status(M.RpcDeletePrinterDataEx, { hPrinter: h, keyName, valueName });
  }

  deletePrinterKey(h: RprnHandle, keyName: string): Promise<void> {
    return this.stub.status(M.RpcDeletePrinterKey, { hPrinter: h, keyName });
  }

  // ---- forms, ports, monitors, print processors ----------------------------------------------

  async enumForms(h: RprnHandle): Promise<FormInfo[]> {
    const res = await this.stub.info(M.RpcEnumForms, (buffer) => ({ hPrinter: h, level: 1, buffer }));
    return unpack(FORM_INFO_1_LAYOUT, res, res.returned).map(formInfoFromRecord);
  }

  async getForm(h: RprnHandle, formName: string): Promise<FormInfo> {
    const res = await this.stub.info(M.RpcGetForm, (buffer) => ({ hPrinter: h, formName, level: 1, buffer }));
    return formInfoFromRecord(one(FORM_INFO_1_LAYOUT, res, M.RpcGetForm));
  }

  async enumPorts(serverName: string | undefined, level = 2): Promise<PortInfo[]> {
    const layout = levelLayout(PORT_INFO_LAYOUTS, level);
    const res = await this.stub.info(M.RpcEnumPorts, (buffer) => ({ name: serverName, level, buffer }));
    return unpack(layout, res, res.returned).map(portInfoFromRecord);
  }

  async enumMonitors(serverName: string | undefined, level = 2): Promise<MonitorInfo[]> {
    const layout = levelLayout(MONITOR_INFO_LAYOUTS, level);
    const res = await this.stub.info(M.RpcEnumMonitors, (buffer) => ({ name: serverName, level, buffer }));
    return unpack(layout, res, res.returned).map(monitorInfoFromRecord);
  }

  async enumPrintProcessors(serverName: string | undefined, environment: string): Promise<PrintProcessorInfo[]> {
    const res = await this.stub.info(M.RpcEnumPrintProcessors, (buffer) => ({
      name: serverName,
      environment,
      level: 1,
      buffer,
    }));
    return unpack(PRINTPROCESSOR_INFO_1_LAYOUT, res, res.returned).map(printProcessorInfoFromRecord);
  }

  // ---- printing and jobs ----------------------------------------------------------------------

  async startDocPrinter(h: RprnHandle, doc: DocInfo): Promise<number> {
    const res = await this.stub.call(M.RpcStartDocPrinter, {
      hPrinter: h,
      docInfoContainer: {
        level: 1,
        info: { pDocName: doc.documentName, pOutputFile: doc.outputFile, pDatatype: doc.datatype },
      },
    });
    check(M.RpcStartDocPrinter, res.status, doc.documentName);
    return res.jobId;
  }

  async writePrinter(h: RprnHandle, data: Buffer): Promise<number> {
    const res = await this.stub.call(M.RpcWritePrinter, { hPrinter: h, data });
    check(M.RpcWritePrinter, res.status);
    return res.written;
  }

  startPagePrinter(h: RprnHandle): Promise<void> {
    return this.stub.status(M.RpcStartPagePrinter, { hPrinter: h });
  }

  endPagePrinter(h: RprnHandle): Promise<void> {
    return this.stub.status(M.RpcEndPagePrinter, { hPrinter: h });
  }

  abortPrinter(h: RprnHandle): Promise<void> {
    return this.stub.status(M.RpcAbortPrinter, { hPrinter: h });
  }

  endDocPrinter(h: RprnHandle): Promise<void> {
    return this.stub.status(M.RpcEndDocPrinter, { hPrinter: h });
  }

  async enumJobs(h: RprnHandle, firstJob: number, noJobs: number, level = 2): Promise<JobInfo[]> {
    const layout = levelLayout(JOB_INFO_LAYOUTS, level);
    const res = await this.stub.info(M.RpcEnumJobs, (buffer) => ({ hPrinter: h, firstJob, noJobs, level, buffer }));
    return unpack(layout, res, res.returned).map((rec) => jobInfoFromRecord(rec, this.serverName));
  }

  async getJob(h: RprnHandle, jobId: number, level = 2): Promise<JobInfo> {
    const layout = levelLayout(JOB_INFO_LAYOUTS, level);
    const res = await this.stub.info(M.RpcGetJob, (buffer) => ({ hPrinter: h, jobId, level, buffer }));
    return jobInfoFromRecord(one(layout, res, M.RpcGetJob), this.serverName);
  }

  /**
   * RpcSetJob: a command alone (a NULL JOB_CONTAINER, as a client pausing or cancelling a job
   * sends it), or with `fields` a JOB_CONTAINER level 1. As winspool does, the job is read first
   * (RpcGetJob level 1) so the fields not being changed keep their values; Position 0
   * (JOB_POSITION_UNSPECIFIED) leaves the job where it is.
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
    return this.stub.status(M.RpcSetJob, {
      hPrinter: h,
      jobId,
      jobContainer: info === undefined ? undefined : { level: 1, info },
      command,
    });
  }

  close(): Promise<void> {
    return this.rpc.close();
  }
}
