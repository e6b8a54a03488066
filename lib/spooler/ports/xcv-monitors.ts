/**
 * The port monitors' XcvData commands ([MS-RPRN] 3.1.4.6.5 RpcXcvData: the server hands the
 * command to the monitor behind the `,XcvMonitor <monitor>` or `,XcvPort <port>` handle, and the
 * monitor's answer is pdwStatus). Command names are case-sensitive; an unknown or empty one is
 * ERROR_INVALID_PARAMETER; output that does not fit cbOutputData is ERROR_INSUFFICIENT_BUFFER with
 * the size needed. Changes need SERVER_ACCESS_ADMINISTER on the handle (else ERROR_ACCESS_DENIED);
 * MonitorUI and the reads do not.
 *
 * Standard TCP/IP Port (tcpmon; structures in lib/spoolss/tcpxcv.ts):
 *   AddPort        in PORT_DATA_1/2          ConfigPort     in PORT_DATA_1/2
 *   DeletePort     in DELETE_PORT_DATA_1     GetConfigInfo  in CONFIG_INFO_DATA_1, out PORT_DATA_1
 *   HostAddress, IPAddress, SNMPCommunity    out the port's string (UTF-16, NUL)
 *   SNMPDeviceIndex, SNMPEnabled             out DWORD
 *   MonitorUI      out "tcpmonui.dll"        CleanupPort    nothing to clean
 * Local Port (localmon; the port name as UTF-16 in the input):
 *   AddPort, DeletePort, PortIsValid, GetTransmissionRetryTimeout (out DWORD), MonitorUI
 *   ("localui.dll")
 */
import { Win32Error, MalformedPacketError } from '../../common/errors';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { AccessMask } from '../../spoolss/constants';
import {
  decodeConfigInfoData,
  decodeDeletePortData,
  decodePortData,
  encodePortData,
  PROTOCOL_LPR_TYPE,
  PROTOCOL_RAWTCP_TYPE,
  type PortData,
} from '../../spoolss/tcpxcv';
import type { Registry } from '../../registry/registry-key';
import { readSz } from '../registry-values';
import type { PortAdmin } from './port-admin';
import { LOCAL_PORT_MONITOR } from './ports';
import { readStandardTcpIpPort, STANDARD_TCPIP_MONITOR } from './standard-tcpip-port';

/** What an Xcv handle was opened on: a monitor, or a port through its monitor. */
export interface XcvTarget {
  readonly monitor: string;
  readonly port?: string;
}

/** pdwStatus, the output (cbOutputData bytes) and pcbOutputNeeded; `changed` when a port was written. */
export interface XcvAnswer {
  readonly status: number;
  readonly output: Buffer;
  readonly needed: number;
  readonly changed: boolean;
}

const WINDOWS_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Windows';
/** localmon's default when TransmissionRetryTimeout is absent or empty (seconds). */
const DEFAULT_TRANSMISSION_RETRY_TIMEOUT = 45;

type Reply = Buffer | 'changed' | undefined;
type Command = (input: Buffer, target: XcvTarget) => Reply;

export interface XcvMonitorsOptions {
  readonly registry: Registry;
  readonly admin: PortAdmin;
}

export class XcvMonitors {
  private readonly tcpmon: Readonly<Record<string, Command>>;
  private readonly localmon: Readonly<Record<string, Command>>;
  private readonly changes = new Set(['AddPort', 'ConfigPort', 'DeletePort']);

  constructor(private readonly o: XcvMonitorsOptions) {
    const admin = o.admin;
    this.tcpmon = {
      MonitorUI: () => utf16z('tcpmonui.dll'),
      AddPort: (input) => (admin.addTcpPort(portData(input)), 'changed'),
      ConfigPort: (input) => (admin.configTcpPort(portData(input)), 'changed'),
      DeletePort: (input) => {
        const d = decodeDeletePortData(input);
        if (d.version !== 1)
          throw new Win32Error(Win32ErrorCode.ERROR_INVALID_LEVEL, `DELETE_PORT_DATA version ${d.version}`);
        admin.deleteTcpPort(d.portName);
        return 'changed';
      },
      GetConfigInfo: (input, target) => {
        const v = decodeConfigInfoData(input).version;
        if (v !== 1) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_LEVEL, `CONFIG_INFO_DATA version ${v}`);
        return encodePortData(this.portDataOf(target));
      },
      HostAddress: (_in, target) => utf16z(this.portDataOf(target).hostAddress),
      IPAddress: (_in, target) => utf16z(this.portDataOf(target).ipAddress),
      SNMPCommunity: (_in, target) => utf16z(this.portDataOf(target).snmpCommunity),
      SNMPDeviceIndex: (_in, target) => dword(this.portDataOf(target).snmpDevIndex),
      SNMPEnabled: (_in, target) => dword(this.portDataOf(target).snmpEnabled),
      CleanupPort: () => undefined,
    };
    this.localmon = {
      MonitorUI: () => utf16z('localui.dll'),
      AddPort: (input) => (admin.addLocalPort(portName(input)), 'changed'),
      DeletePort: (input) => (admin.deleteLocalPort(portName(input)), 'changed'),
      // DEVIATION: Windows opens a file-name port to see that it may be created; names are not
      // checked against the host's file system here, only for being empty.
      PortIsValid: (input) => {
        if (portName(input) === '') throw new Win32Error(Win32ErrorCode.ERROR_PATH_NOT_FOUND, 'empty port name');
        return undefined;
      },
      GetTransmissionRetryTimeout: () => {
        const key = o.registry.getKey(WINDOWS_KEY);
        const seconds = Number.parseInt((key && readSz(key, 'TransmissionRetryTimeout')) ?? '', 10);
        return dword(Number.isFinite(seconds) ? seconds : DEFAULT_TRANSMISSION_RETRY_TIMEOUT);
      },
    };
  }

  /** Whether the server has an XcvData-capable monitor of that name. */
  knows(monitor: string): boolean {
    return this.commandsOf(monitor) !== undefined;
  }

  /** One XcvData call: the monitor's status, never a throw for what the monitor refuses. */
  xcvData(target: XcvTarget, dataName: string, input: Buffer, cbOutput: number, grantedAccess: number): XcvAnswer {
    const commands = this.commandsOf(target.monitor);
    const command = commands !== undefined && Object.hasOwn(commands, dataName) ? commands[dataName] : undefined;
    const none = (status: number): XcvAnswer => ({ status, output: Buffer.alloc(cbOutput), needed: 0, changed: false });
    if (!command) return none(Win32ErrorCode.ERROR_INVALID_PARAMETER);
    if (this.changes.has(dataName) && (grantedAccess & AccessMask.SERVER_ACCESS_ADMINISTER) === 0)
      return none(Win32ErrorCode.ERROR_ACCESS_DENIED);
    let reply: Reply;
    try {
      reply = command(input, target);
    } catch (err) {
      if (err instanceof Win32Error) return none(err.win32);
      // A blob shorter than its structure, or a string without its NUL.
      if (err instanceof MalformedPacketError) return none(Win32ErrorCode.ERROR_INVALID_PARAMETER);
      throw err;
    }
    if (reply === 'changed') return { ...none(Win32ErrorCode.ERROR_SUCCESS), changed: true };
    const data = reply ?? Buffer.alloc(0);
    const output = Buffer.alloc(cbOutput);
    if (data.length > cbOutput)
      return { status: Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER, output, needed: data.length, changed: false };
    data.copy(output);
    return { status: Win32ErrorCode.ERROR_SUCCESS, output, needed: data.length, changed: false };
  }

  private commandsOf(monitor: string): Readonly<Record<string, Command>> | undefined {
    const m = monitor.toLowerCase();
    if (m === STANDARD_TCPIP_MONITOR.toLowerCase()) return this.tcpmon;
    if (m === LOCAL_PORT_MONITOR.toLowerCase()) return this.localmon;
    return undefined;
  }

  /** The port of an `,XcvPort` handle as PORT_DATA_1 says it. */
  private portDataOf(target: XcvTarget): PortData {
    const key = target.port !== undefined ? this.o.admin.tcpPortKey(target.port) : undefined;
    if (!key) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, 'the handle names no Standard TCP/IP port');
    const config = readStandardTcpIpPort(key);
    return {
      version: 1,
      portName: key.name,
      protocol: config?.protocol === 'lpr' ? PROTOCOL_LPR_TYPE : PROTOCOL_RAWTCP_TYPE,
      hostAddress: config?.host ?? '',
      ipAddress: readSz(key, 'IPAddress') ?? '',
      snmpCommunity: config?.snmpCommunity ?? '',
      doubleSpool: config?.byteCounting === true ? 1 : 0,
      queue: config?.queue ?? '',
      portNumber: config?.portNumber ?? 0,
      snmpEnabled: config?.snmpEnabled === true ? 1 : 0,
      snmpDevIndex: config?.snmpDeviceIndex ?? 1,
    };
  }
}

function portData(input: Buffer): PortData {
  const d = decodePortData(input);
  if (!d) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_LEVEL, 'PORT_DATA version is neither 1 nor 2');
  return d;
}

/** A port name as localmon reads it: UTF-16 up to the first NUL or the end of the input. */
function portName(input: Buffer): string {
  const s = input.toString('utf16le', 0, input.length - (input.length % 2));
  const nul = s.indexOf('\0');
  return nul === -1 ? s : s.slice(0, nul);
}

function utf16z(s: string): Buffer {
  return Buffer.from(`${s}\0`, 'utf16le');
}

function dword(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0);
  return b;
}
