/**
 * The client side of port administration, as PowerShell's Add-PrinterPort and Remove-PrinterPort
 * and the monitors' UI DLLs do it over the wire: OpenPrinterEx on `\\SERVER\,XcvMonitor <monitor>`
 * with SERVER_ACCESS_ADMINISTER, RpcXcvData with the monitor's command ([MS-RPRN] 3.1.4.6.5;
 * the Standard TCP/IP monitor's PORT_DATA_1 and DELETE_PORT_DATA_1 in lib/spoolss/tcpxcv.ts),
 * ClosePrinter. The method's status and the monitor's pdwStatus both become Win32Error(code).
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode, win32ErrorName } from '../../../common/status/win32-error';
import { AccessMask } from '../../../spoolss/constants';
import {
  encodeDeletePortData,
  encodePortData,
  LOCAL_PORT_MONITOR,
  STANDARD_TCPIP_MONITOR,
  type PortData,
} from '../../../spoolss/tcpxcv';
import { RPRN_MESSAGES as M } from '../messages';
import type { RprnHandle } from '../messages/parameters';
import { check, type RprnClientStub } from './client-stub';

/** What XcvData answered: the monitor's status, its output and the size it needs. */
export interface XcvReply {
  readonly status: number;
  readonly output: Buffer;
  readonly needed: number;
}

export class RprnPortCalls {
  constructor(
    private readonly stub: RprnClientStub,
    /** `\\SERVER` as the caller reaches the server ('' for a local name). */
    private readonly serverPrefix: string,
  ) {}

  /** Opens `,XcvMonitor <monitor>` (or `,XcvPort <port>`), runs `use`, and always closes the handle. */
  async withXcv<T>(
    target: { readonly monitor: string } | { readonly port: string },
    desiredAccess: number,
    use: (h: RprnHandle) => Promise<T>,
  ): Promise<T> {
    const suffix = 'monitor' in target ? `,XcvMonitor ${target.monitor}` : `,XcvPort ${target.port}`;
    const printerName = this.serverPrefix === '' ? suffix : `${this.serverPrefix}\\${suffix}`;
    const res = await this.stub.call(M.RpcOpenPrinterEx, {
      printerName,
      datatype: undefined,
      devMode: undefined,
      accessRequired: desiredAccess,
      clientInfo: { level: 1 },
    });
    check(M.RpcOpenPrinterEx, res.status, printerName);
    try {
      return await use(res.handle);
    } finally {
      await this.stub.status(M.RpcClosePrinter, { handle: res.handle });
    }
  }

  /** One RpcXcvData; the method's own failure is thrown, the monitor's status returned. */
  async xcvData(h: RprnHandle, dataName: string, input: Buffer, cbOutputData: number): Promise<XcvReply> {
    const res = await this.stub.call(M.RpcXcvData, { hXcv: h, dataName, inputData: input, cbOutputData, dwStatus: 0 });
    check(M.RpcXcvData, res.status, dataName);
    return { status: res.dwStatus, output: res.outputData, needed: res.cbOutputNeeded };
  }

  /** Adds a Standard TCP/IP port (tcpmon's AddPort with PORT_DATA_1). */
  async addStandardTcpIpPort(port: PortData): Promise<void> {
    await this.command(STANDARD_TCPIP_MONITOR, 'AddPort', encodePortData(port), port.portName);
  }

  /** Adds a Local Port (localmon's AddPort with the port name). */
  async addLocalPort(portName: string): Promise<void> {
    await this.command(LOCAL_PORT_MONITOR, 'AddPort', Buffer.from(`${portName}\0`, 'utf16le'), portName);
  }

  /** Deletes a port through its monitor: DELETE_PORT_DATA_1 for tcpmon, the name for localmon. */
  async deletePort(monitor: string, portName: string): Promise<void> {
    const tcp = monitor.toLowerCase() === STANDARD_TCPIP_MONITOR.toLowerCase();
    const input = tcp ? encodeDeletePortData(portName) : Buffer.from(`${portName}\0`, 'utf16le');
    await this.command(monitor, 'DeletePort', input, portName);
  }

  /** The monitor's client-side configuration module (MonitorUI), e.g. "tcpmonui.dll". */
  async monitorUi(monitor: string): Promise<string> {
    return this.withXcv({ monitor }, AccessMask.SERVER_ACCESS_ENUMERATE, async (h) => {
      let reply = await this.xcvData(h, 'MonitorUI', Buffer.alloc(0), 0);
      if (reply.status === Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER)
        reply = await this.xcvData(h, 'MonitorUI', Buffer.alloc(0), Math.min(reply.needed, 1024));
      checkMonitor('MonitorUI', reply.status, monitor);
      const text = reply.output.subarray(0, reply.needed).toString('utf16le');
      return text.replace(/\0.*$/s, '');
    });
  }

  private async command(monitor: string, dataName: string, input: Buffer, subject: string): Promise<void> {
    await this.withXcv({ monitor }, AccessMask.SERVER_ACCESS_ADMINISTER, async (h) => {
      const reply = await this.xcvData(h, dataName, input, 0);
      checkMonitor(dataName, reply.status, subject);
    });
  }
}

function checkMonitor(dataName: string, status: number, subject: string): void {
  if (status === Win32ErrorCode.ERROR_SUCCESS) return;
  throw new Win32Error(status, `XcvData ${dataName}(${subject}): ${win32ErrorName(status)}`);
}
