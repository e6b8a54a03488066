/**
 * The facade's port and monitor calls (room ports/): EnumPorts and EnumMonitors; XcvData on a
 * port monitor's handle (xcv-monitors.ts), the way ports are added, configured and deleted over
 * the wire; and the dialog-based AddPort, ConfigurePort and DeletePort, which Windows refuses to
 * remote callers.
 */
import { Win32Error } from '../../common/errors';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { XcvDataResult } from '../../spoolss/print-provider';
import type { CallerContext, MonitorInfo, PortInfo, PrinterHandle } from '../../spoolss/types';
import { checkServerName } from '../local-server';
import { FormCalls } from './form-calls';
import { answer } from './spooler-facade';

export abstract class PortCalls extends FormCalls {
  enumPorts(serverName: string | undefined, _caller: CallerContext): Promise<PortInfo[]> {
    return answer(() => this.spl.ports.enumPorts(serverName));
  }

  enumMonitors(serverName: string | undefined, _caller: CallerContext): Promise<MonitorInfo[]> {
    return answer(() => this.spl.ports.enumMonitors(serverName));
  }

  async xcvData(handle: PrinterHandle, dataName: string, input: Buffer, cbOutputData: number): Promise<XcvDataResult> {
    const state = this.spl.handles.state(handle);
    const target = state.handle.xcv;
    if (state.handle.kind !== 'xcv' || target === undefined)
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'XcvData needs an ,XcvMonitor or ,XcvPort handle');
    const result = this.spl.xcv.xcvData(target, dataName, input, cbOutputData, handle.grantedAccess);
    this.spl.logger.info('XcvData', { monitor: target.monitor, port: target.port, dataName, status: result.status });
    if (result.changed) {
      this.spl.store.changed();
      await this.spl.printing.attachPorts();
    }
    return { status: result.status, output: result.output, needed: result.needed };
  }

  addPort(serverName: string | undefined, monitorName: string, _caller: CallerContext): Promise<void> {
    return answer(() => {
      checkServerName(serverName, this.options.settings);
      throw dialogOnly('AddPort', monitorName);
    });
  }

  configurePort(serverName: string | undefined, portName: string, _caller: CallerContext): Promise<void> {
    return answer(() => {
      checkServerName(serverName, this.options.settings);
      throw dialogOnly('ConfigurePort', portName);
    });
  }

  deletePort(serverName: string | undefined, portName: string, _caller: CallerContext): Promise<void> {
    return answer(() => {
      checkServerName(serverName, this.options.settings);
      if (this.spl.ports.monitorOf(portName) === undefined)
        throw new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PORT, `no port "${portName}"`);
      throw dialogOnly('DeletePort', portName);
    });
  }
}

/** The monitors here are XcvData monitors: their UI half runs on the client, never on the server. */
function dialogOnly(call: string, name: string): Win32Error {
  return new Win32Error(
    Win32ErrorCode.ERROR_NOT_SUPPORTED,
    `${call} (${name}) runs the monitor's dialog; over the wire use XcvData on ",XcvMonitor <monitor>"`,
  );
}
