/**
 * The facade's port and monitor calls (room ports/).
 */
import type { CallerContext, MonitorInfo, PortInfo } from '../../spoolss/types';
import { FormCalls } from './form-calls';
import { answer } from './spooler-facade';

export abstract class PortCalls extends FormCalls {
  enumPorts(serverName: string | undefined, _caller: CallerContext): Promise<PortInfo[]> {
    return answer(() => this.spl.ports.enumPorts(serverName));
  }

  enumMonitors(serverName: string | undefined, _caller: CallerContext): Promise<MonitorInfo[]> {
    return answer(() => this.spl.ports.enumMonitors(serverName));
  }
}
