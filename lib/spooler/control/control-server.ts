/**
 * Serves the control channel (control-protocol.ts) for one PrintServer. Every operation goes
 * through the PrintServer's provider calls as the authenticated caller, so printer security is
 * enforced exactly as on the RPC and printer-share paths.
 */
import { timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import { Win32Error } from '../../common/errors';
import type { UserAccount } from '../../common/identity';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { AccessMask, JobControl, PrinterControl } from '../../spoolss/constants';
import { DEVICE_FAULTS, type DeviceFault } from '../../devices/print-device';
import type { DeviceAction, PrintServer } from '../print-server';
import type { CallerContext } from '../../spoolss/types';
import { decodeControlMessage } from './control-message';
import { MAX_CONTROL_LINE, type ControlMessage, type ControlResponse } from './control-protocol';

const LOCAL_ADMIN: CallerContext = {
  userName: 'Administrator',
  groups: ['Administrators'],
  isAdministrator: true,
  remote: false,
  machineName: 'localhost',
};

const JOB_COMMANDS = {
  pause: JobControl.JOB_CONTROL_PAUSE,
  resume: JobControl.JOB_CONTROL_RESUME,
  cancel: JobControl.JOB_CONTROL_DELETE,
  restart: JobControl.JOB_CONTROL_RESTART,
} as const;

const PRINTER_COMMANDS = {
  pause: PrinterControl.PRINTER_CONTROL_PAUSE,
  resume: PrinterControl.PRINTER_CONTROL_RESUME,
  purge: PrinterControl.PRINTER_CONTROL_PURGE,
} as const;

export class ControlServer {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly printServer: PrintServer,
    private readonly users: readonly UserAccount[],
    private readonly logger: Logger,
  ) {}

  async listen(socketPath: string): Promise<void> {
    await fs.rm(socketPath, { force: true });
    const server = net.createServer((s) => this.accept(s));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
    await fs.chmod(socketPath, 0o600);
    this.logger.info('control channel listening', { socket: socketPath });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    let buffered = '';
    let chain = Promise.resolve();
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      if (buffered.length > MAX_CONTROL_LINE) {
        socket.destroy();
        return;
      }
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        chain = chain.then(async () => {
          const response = await this.handleLine(line);
          if (!socket.destroyed) socket.write(`${JSON.stringify(response)}\n`);
        });
      }
    });
  }

  private async handleLine(line: string): Promise<ControlResponse> {
    let msg: ControlMessage;
    try {
      msg = decodeControlMessage(line);
    } catch {
      return {
        id: 0,
        ok: false,
        error: { code: Win32ErrorCode.ERROR_INVALID_PARAMETER, message: 'malformed request' },
      };
    }
    try {
      const caller = this.authenticate(msg);
      return { id: msg.id, ok: true, result: await this.dispatch(msg, caller) };
    } catch (err) {
      const code = err instanceof Win32Error ? err.win32 : Win32ErrorCode.ERROR_INVALID_PARAMETER;
      const message = err instanceof Error ? err.message : String(err);
      this.logger.info('control request failed', { op: msg.op, user: msg.user ?? '(local)', code, message });
      return { id: msg.id, ok: false, error: { code, message } };
    }
  }

  private authenticate(msg: ControlMessage): CallerContext {
    if (msg.user === undefined) return LOCAL_ADMIN;
    const account = this.users.find((u) => u.name.toLowerCase() === (msg.user ?? '').toLowerCase());
    const given = Buffer.from(msg.password ?? '', 'utf8');
    const expected = Buffer.from(account?.password ?? '', 'utf8');
    const ok = account !== undefined && given.length === expected.length && timingSafeEqual(given, expected);
    if (!ok || !account)
      throw new Win32Error(Win32ErrorCode.ERROR_LOGON_FAILURE, `logon failure for ${msg.user ?? ''}`);
    const groups = account.groups;
    return {
      userName: account.name,
      groups,
      isAdministrator: groups.some((g) => g.toLowerCase() === 'administrators'),
      remote: false,
      machineName: 'localhost',
    };
  }

  private async dispatch(msg: ControlMessage, caller: CallerContext): Promise<unknown> {
    const ps = this.printServer;
    switch (msg.op) {
      case 'status':
        return ps.statusSnapshot(msg.args.events ?? 20);
      case 'print': {
        const h = await ps.openPrinter(msg.args.printer, { desiredAccess: AccessMask.PRINTER_ACCESS_USE }, caller);
        try {
          const jobId = await ps.startDocPrinter(h, { documentName: msg.args.documentName });
          await ps.writePrinter(h, Buffer.from(msg.args.data, 'base64'));
          await ps.endDocPrinter(h);
          return { jobId };
        } finally {
          await ps.closePrinter(h);
        }
      }
      case 'printer': {
        const command = PRINTER_COMMANDS[msg.args.action];
        const h = await ps.openPrinter(
          msg.args.printer,
          { desiredAccess: AccessMask.PRINTER_ACCESS_ADMINISTER },
          caller,
        );
        try {
          await ps.setPrinter(h, { command });
          return { printer: msg.args.printer, action: msg.args.action };
        } finally {
          await ps.closePrinter(h);
        }
      }
      case 'job': {
        const command = JOB_COMMANDS[msg.args.action];
        const h = await ps.openPrinter(msg.args.printer, { desiredAccess: AccessMask.PRINTER_ACCESS_USE }, caller);
        try {
          await ps.setJob(h, msg.args.jobId, command);
          return { jobId: msg.args.jobId, action: msg.args.action };
        } finally {
          await ps.closePrinter(h);
        }
      }
      case 'device': {
        const { action, value } = msg.args;
        let a: DeviceAction;
        if (action === 'ppm') {
          const ppm = Number(value);
          if (!(ppm > 0)) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `bad ppm "${value}"`);
          a = { ppm };
        } else if (action === 'snmp') {
          if (value !== 'on' && value !== 'off')
            throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `snmp takes on or off, not "${value}"`);
          a = { snmp: value === 'on' };
        } else if (action === 'clear' && value === 'all') a = { clear: 'all' };
        else {
          if (!DEVICE_FAULTS.includes(value as DeviceFault))
            throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `unknown fault "${value}"`);
          a = action === 'fault' ? { fault: value as DeviceFault } : { clear: value as DeviceFault };
        }
        return ps.controlDevice(msg.args.printer, msg.args.port, a, caller);
      }
      default:
        throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'unknown operation');
    }
  }
}
