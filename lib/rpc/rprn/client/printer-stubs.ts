/**
 * MS-RPRN client stubs for printer handles and server enumerations — request encoders and
 * response decoders, the mirror of the server's operation files (lib/rpc/rprn/operations/):
 *
 *   RpcOpenPrinterEx (69) 3.1.4.2.14
 *     in:  [string, unique] pPrinterName; [string, unique] pDatatype; DEVMODE_CONTAINER;
 *          DWORD AccessRequired; SPLCLIENT_CONTAINER (Level 1, SPLCLIENT_INFO_1)
 *     out: PRINTER_HANDLE (20); DWORD status
 *   RpcClosePrinter (29) 3.1.4.2.9
 *     in/out: PRINTER_HANDLE; out: DWORD status
 *   RpcEnumPrinters (0) 3.1.4.2.1
 *     in:  DWORD Flags; [string, unique] Name; DWORD Level; pPrinterEnum/cbBuf
 *     out: pPrinterEnum; pcbNeeded; pcReturned; status
 *   RpcGetPrinter (8) 3.1.4.2.6
 *     in:  PRINTER_HANDLE; DWORD Level; pPrinter/cbBuf   out: pPrinter; pcbNeeded; status
 *   RpcSetPrinter (7) 3.1.4.2.5
 *     in:  PRINTER_HANDLE; PRINTER_CONTAINER; DEVMODE_CONTAINER; SECURITY_CONTAINER; DWORD Command
 *     out: status
 *   RpcEnumForms (34) 3.1.4.5.5: PRINTER_HANDLE; Level; pForm/cbBuf -> pForm; pcbNeeded; pcReturned; status
 *   RpcGetForm (32) 3.1.4.5.3:   PRINTER_HANDLE; [string] pFormName; Level; pForm/cbBuf -> pForm; pcbNeeded; status
 *   RpcEnumPorts (35) 3.1.4.3.6, RpcEnumMonitors (36) 3.1.4.3.... :
 *        [string, unique] pName; Level; pBuf/cbBuf -> pBuf; pcbNeeded; pcReturned; status
 *   RpcEnumPrintProcessors (15) 3.1.4.8.2:
 *        [string, unique] pName; [string, unique] pEnvironment; Level; pBuf/cbBuf -> ...; pcReturned; status
 */
import type { SplClientInfo1 } from '../../../spoolss/types';
import { NdrReader } from '../../ndr/ndr-reader';
import { NdrWriter } from '../../ndr/ndr-writer';
import type { NdrRecord } from '../../ndr/ndr-struct';
import { RPC_PRINTER_INFO, SPLCLIENT_INFO, encodeByteContainer, encodeLevelContainer } from '../structures/containers';
import type { RprnHandle } from './stub-common';
import { endOfStub, writeInBuffer } from './stub-common';

export interface OpenPrinterExRequest {
  readonly printerName: string | undefined;
  readonly datatype?: string;
  readonly devMode?: Buffer;
  readonly accessRequired: number;
  readonly clientInfo?: SplClientInfo1;
}

/** SPLCLIENT_INFO_1 as the NdrStruct of containers.ts names its fields. */
export function splClientInfo1Record(info: SplClientInfo1): NdrRecord {
  return {
    dwSize: info.size,
    pMachineName: info.machineName,
    pUserName: info.userName,
    dwBuildNum: info.buildNum,
    dwMajorVersion: info.majorVersion,
    dwMinorVersion: info.minorVersion,
    wProcessorArchitecture: info.processorArchitecture,
  };
}

export function encodeOpenPrinterEx(req: OpenPrinterExRequest): Buffer {
  const w = new NdrWriter();
  w.uniqueString(req.printerName);
  w.uniqueString(req.datatype);
  encodeByteContainer(w, req.devMode);
  w.u32(req.accessRequired);
  // A client always sends its SPLCLIENT_INFO_1; without one, a level-1 container with a NULL arm.
  encodeLevelContainer(w, SPLCLIENT_INFO, {
    level: 1,
    ...(req.clientInfo !== undefined && { info: splClientInfo1Record(req.clientInfo) }),
  });
  return w.finish();
}

/** The response of OpenPrinter(Ex) and ClosePrinter: a handle then the status. */
export function decodeHandleResponse(stub: Buffer): { handle: RprnHandle; status: number } {
  const r = new NdrReader(stub);
  const handle = r.contextHandle('hPrinter');
  const status = r.u32('status');
  endOfStub(r);
  return { handle, status };
}

export function encodeClosePrinter(handle: RprnHandle): Buffer {
  return new NdrWriter().contextHandle(handle).finish();
}

export function encodeEnumPrinters(flags: number, name: string | undefined, level: number, buf?: Buffer): Buffer {
  const w = new NdrWriter().u32(flags).uniqueString(name).u32(level);
  writeInBuffer(w, buf);
  return w.finish();
}

export function encodeGetPrinter(handle: RprnHandle, level: number, buf?: Buffer): Buffer {
  const w = new NdrWriter().contextHandle(handle).u32(level);
  writeInBuffer(w, buf);
  return w.finish();
}

export interface SetPrinterRequest {
  /** PRINTER_CONTAINER: level 0 (NULL arm) with a command, or an RPC_PRINTER_INFO_n. */
  readonly level: number;
  readonly info?: NdrRecord;
  readonly devMode?: Buffer;
  readonly securityDescriptor?: Buffer;
  readonly command: number;
}

export function encodeSetPrinter(handle: RprnHandle, req: SetPrinterRequest): Buffer {
  const w = new NdrWriter().contextHandle(handle);
  encodeLevelContainer(w, RPC_PRINTER_INFO, { level: req.level, ...(req.info !== undefined && { info: req.info }) });
  encodeByteContainer(w, req.devMode);
  encodeByteContainer(w, req.securityDescriptor);
  return w.u32(req.command).finish();
}

export function encodeEnumForms(handle: RprnHandle, level: number, buf?: Buffer): Buffer {
  const w = new NdrWriter().contextHandle(handle).u32(level);
  writeInBuffer(w, buf);
  return w.finish();
}

export function encodeGetForm(handle: RprnHandle, formName: string, level: number, buf?: Buffer): Buffer {
  const w = new NdrWriter().contextHandle(handle).string(formName).u32(level);
  writeInBuffer(w, buf);
  return w.finish();
}

/** RpcEnumPorts and RpcEnumMonitors share this request. */
export function encodeServerEnum(serverName: string | undefined, level: number, buf?: Buffer): Buffer {
  const w = new NdrWriter().uniqueString(serverName).u32(level);
  writeInBuffer(w, buf);
  return w.finish();
}

/** RpcEnumPrintProcessors, RpcEnumPrinterDrivers, RpcGetPrinterDriverDirectory share this request. */
export function encodeServerEnvironmentEnum(
  serverName: string | undefined,
  environment: string | undefined,
  level: number,
  buf?: Buffer,
): Buffer {
  const w = new NdrWriter().uniqueString(serverName).uniqueString(environment).u32(level);
  writeInBuffer(w, buf);
  return w.finish();
}
