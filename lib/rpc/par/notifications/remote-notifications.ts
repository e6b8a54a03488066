/**
 * MS-PAR's remote notification objects of one association group — [MS-PAR] 3.1.4.9.1-4 (the
 * "List of Notification Clients" of [MS-RPRN] 3.1.1, reached by polling instead of callbacks):
 *
 *   register    a notification object on a printer or server handle, with its filter; the
 *               RMTNTFY_HANDLE is a context handle of this table only (another group's, or a
 *               PRINTER_HANDLE, is not found);
 *   poll        RpcAsyncGetRemoteNotifications: answers at once when changes are waiting, else
 *               waits (without holding anything else: the server core runs other calls of the
 *               connection meanwhile) until a change the filter wants, the end of the poll's
 *               lifetime (an empty reply: the client polls again), the handle's unregistration or
 *               the end of the connection;
 *   refresh     the full current data of every member the filter asks for;
 *   unregister  ends the object; a pending poll completes with HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE).
 *
 * A registration belongs to the connection that made it: when that connection closes it goes.
 * Bounds: registrations per group and per user (E_OUTOFMEMORY past them), objects waiting to be
 * reported (past them the data is discarded and the reply says PRINTER_NOTIFY_INFO_DISCARDED, so
 * the client refreshes, as [MS-PAR] 3.1.4.9.3 describes), the poll's lifetime. A pending poll is a
 * call in flight: the TCP server stops reading a connection that has its maxCallsInFlight (16) of
 * them, so a client that keeps more polls pending on one connection waits for their lifetime
 * before its next call is read (Windows clients keep one per registration, on few registrations).
 */
import { randomBytes } from 'node:crypto';
import { Win32Error } from '../../../common/errors';
import type { Logger } from '../../../common/logger';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { AccessMask, PrinterEnum } from '../../../spoolss/constants';
import type { PrintProvider } from '../../../spoolss/print-provider';
import {
  NOTIFY_VERSION,
  PRINTER_NOTIFY_INFO_DISCARDED,
  PrinterChangeFlag,
  type PrinterChangeEvent,
} from '../../../spoolss/printer-notify';
import type { CallerContext, PrinterHandle } from '../../../spoolss/types';
import { CONTEXT_HANDLE_LENGTH } from '../../ndr/ndr-reader';
import type { NotifyInfoData } from '../../rprn/structures/notify-info';
import { hresultFromWin32 } from '../constants';
import type { PrintPropertiesCollection } from '../messages/print-properties-collection';
import { deletedJobNotifyData, jobNotifyData, printerNotifyData } from './notify-data';
import { type NotifyFilter, notifyDataProperties } from './notify-filter';
import type { UserRegistrationBudget } from './user-registration-budget';

export interface RemoteNotificationLimits {
  readonly maxPerGroup: number;
  readonly maxPerUser: number;
  /** How long a poll waits before an empty reply. */
  readonly pollLifetimeMs: number;
  /** Jobs and printers waiting to be reported, per registration. */
  readonly maxPendingObjects: number;
}

export const DEFAULT_REMOTE_NOTIFICATION_LIMITS: RemoteNotificationLimits = {
  maxPerGroup: 32,
  maxPerUser: 64,
  pollLifetimeMs: 5 * 60_000,
  maxPendingObjects: 256,
};

export const NotifyResult = {
  S_OK: 0,
  E_OUTOFMEMORY: 0x8007000e,
  /** UNCONFIRMED by a capture: what a poll pending on an unregistered handle completes with. */
  HANDLE_CLOSED: hresultFromWin32(Win32ErrorCode.ERROR_INVALID_HANDLE),
  /** A provider without change notifications (a remote one). */
  NOT_SUPPORTED: hresultFromWin32(Win32ErrorCode.ERROR_NOT_SUPPORTED),
} as const;

export interface NotifyReply {
  readonly status: number;
  readonly data?: PrintPropertiesCollection;
}

interface PendingJob {
  readonly printerName: string;
  deleted: boolean;
}

interface Registration {
  readonly key: string;
  readonly handle: PrinterHandle;
  readonly caller: CallerContext;
  readonly user: string;
  readonly connection: AbortSignal | undefined;
  filter: NotifyFilter;
  changes: number;
  readonly jobs: Map<number, PendingJob>;
  readonly printers: Set<string>;
  discarded: boolean;
  waiter: { readonly resolve: (reply: NotifyReply) => void; readonly timer: NodeJS.Timeout } | undefined;
  answering: boolean;
}

export interface RemoteNotificationOptions {
  readonly provider: PrintProvider;
  readonly logger: Logger;
  readonly limits: RemoteNotificationLimits;
  readonly budget: UserRegistrationBudget;
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class RemoteNotificationTable {
  private readonly registrations = new Map<string, Registration>();
  private readonly byConnection = new Map<AbortSignal, Set<string>>();
  private stopListening: (() => void) | undefined;

  constructor(private readonly o: RemoteNotificationOptions) {}

  get size(): number {
    return this.registrations.size;
  }

  register(
    handle: PrinterHandle,
    filter: NotifyFilter,
    caller: CallerContext,
    connection: AbortSignal | undefined,
  ): { readonly status: number; readonly wire?: Buffer } {
    const changes = this.o.provider.changes;
    if (changes === undefined) return { status: NotifyResult.NOT_SUPPORTED };
    // The connection is already gone: nobody would ever poll this registration.
    if (connection?.aborted === true) return { status: NotifyResult.HANDLE_CLOSED };
    const user = `${caller.domain ?? ''}\\${caller.userName}`.toLowerCase();
    if (this.registrations.size >= this.o.limits.maxPerGroup || !this.o.budget.take(user, this.o.limits.maxPerUser)) {
      this.o.logger.info('remote notification refused: too many registrations', { user, group: this.size });
      return { status: NotifyResult.E_OUTOFMEMORY };
    }
    const wire = Buffer.alloc(CONTEXT_HANDLE_LENGTH);
    randomBytes(16).copy(wire, 4);
    const key = wire.toString('hex');
    this.registrations.set(key, {
      key,
      handle,
      caller,
      user,
      connection,
      filter,
      changes: 0,
      jobs: new Map(),
      printers: new Set(),
      discarded: false,
      waiter: undefined,
      answering: false,
    });
    if (connection !== undefined) this.trackConnection(connection, key);
    this.stopListening ??= changes.subscribe((e) => this.onChange(e));
    this.o.logger.info('remote notification registered', {
      printer: handle.printerName ?? '(server)',
      user,
      flags: filter.flags,
    });
    return { status: NotifyResult.S_OK, wire };
  }

  has(wire: Buffer): boolean {
    return this.registrations.has(wire.toString('hex'));
  }

  /** Ends a registration; false when the handle is not one of this group's. */
  unregister(wire: Buffer): boolean {
    const reg = this.registrations.get(wire.toString('hex'));
    if (reg === undefined) return false;
    this.drop(reg);
    return true;
  }

  /** RpcAsyncGetRemoteNotifications on a registered handle (see the header). */
  poll(wire: Buffer): Promise<NotifyReply> {
    const reg = this.registrations.get(wire.toString('hex'));
    if (reg === undefined) return Promise.resolve({ status: NotifyResult.HANDLE_CLOSED });
    // UNCONFIRMED: a second poll on a handle that already has one waiting.
    if (reg.waiter !== undefined || reg.answering)
      return Promise.resolve({ status: hresultFromWin32(Win32ErrorCode.ERROR_INVALID_PARAMETER) });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // A reply being gathered takes the poll: its data is not lost to an empty answer.
        if (reg.waiter?.timer !== timer || reg.answering) return;
        reg.waiter = undefined;
        resolve({ status: NotifyResult.S_OK, data: this.reply(reg, 0, [], false) });
      }, this.o.limits.pollLifetimeMs);
      timer.unref();
      reg.waiter = { resolve, timer };
      if (reg.changes !== 0 || reg.discarded) this.answerSoon(reg);
    });
  }

  /** RpcSyncRefreshRemoteNotifications: a new filter (and color), and everything it asks for. */
  async refresh(wire: Buffer, filter: NotifyFilter): Promise<NotifyReply> {
    const reg = this.registrations.get(wire.toString('hex'));
    if (reg === undefined) return { status: NotifyResult.HANDLE_CLOSED };
    reg.filter = filter;
    reg.changes = 0;
    reg.jobs.clear();
    reg.printers.clear();
    reg.discarded = false;
    const data: NotifyInfoData[] = [];
    let objects = 0;
    const printers =
      reg.handle.kind === 'server'
        ? (await this.o.provider.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, undefined, reg.caller)).map(
            // EnumPrinters names them \\SERVER\printer; the spooler's events, by the printer alone.
            (p) => p.printerName.slice(p.printerName.lastIndexOf('\\') + 1),
          )
        : [reg.handle.printerName ?? ''];
    for (const name of printers) {
      await this.withPrinter(reg, name, async (h) => {
        if (filter.printerFields.length > 0 && objects++ < this.o.limits.maxPendingObjects)
          data.push(...printerNotifyData(await this.o.provider.getPrinter(h), filter.printerFields));
        if (filter.jobFields.length === 0) return;
        for (const job of await this.o.provider.enumJobs(h, 0, this.o.limits.maxPendingObjects)) {
          if (objects++ >= this.o.limits.maxPendingObjects) break;
          data.push(...jobNotifyData(job, filter.jobFields));
        }
      });
    }
    const discarded = objects > this.o.limits.maxPendingObjects;
    return { status: NotifyResult.S_OK, data: this.reply(reg, 0, discarded ? [] : data, discarded) };
  }

  /** The group is gone: every registration with it. */
  close(): void {
    for (const reg of [...this.registrations.values()]) this.drop(reg);
  }

  private onChange(e: PrinterChangeEvent): void {
    for (const reg of this.registrations.values()) {
      if (reg.handle.kind !== 'server' && !sameName(reg.handle.printerName ?? '', e.printerName)) continue;
      const isJob = (e.change & PrinterChangeFlag.PRINTER_CHANGE_JOB) !== 0;
      const wantsData = isJob ? reg.filter.jobFields.length > 0 : reg.filter.printerFields.length > 0;
      if ((reg.filter.flags & e.change) === 0 && !wantsData) continue;
      reg.changes |= e.change & (reg.filter.flags || PrinterChangeFlag.PRINTER_CHANGE_ALL);
      if (wantsData && !reg.discarded) this.remember(reg, e, isJob);
      if (reg.waiter !== undefined) this.answerSoon(reg);
    }
  }

  private remember(reg: Registration, e: PrinterChangeEvent, isJob: boolean): void {
    if (isJob && e.jobId !== undefined) {
      const known = reg.jobs.get(e.jobId);
      const deleted = e.change === PrinterChangeFlag.PRINTER_CHANGE_DELETE_JOB;
      if (known !== undefined) known.deleted ||= deleted;
      else reg.jobs.set(e.jobId, { printerName: e.printerName, deleted });
    } else if (!isJob) reg.printers.add(e.printerName);
    if (reg.jobs.size + reg.printers.size > this.o.limits.maxPendingObjects) {
      reg.discarded = true;
      reg.jobs.clear();
      reg.printers.clear();
    }
  }

  /** On the next turn: a burst of changes (a job added and written) goes in one reply. */
  private answerSoon(reg: Registration): void {
    if (reg.answering) return;
    reg.answering = true;
    setImmediate(() => {
      this.answer(reg).catch((err: unknown) => {
        reg.answering = false;
        this.o.logger.warn('remote notification reply failed', { error: String(err) });
      });
    });
  }

  private async answer(reg: Registration): Promise<void> {
    const changes = reg.changes;
    const jobs = [...reg.jobs];
    const printers = [...reg.printers];
    const discarded = reg.discarded;
    reg.changes = 0;
    reg.jobs.clear();
    reg.printers.clear();
    reg.discarded = false;
    const data: NotifyInfoData[] = [];
    for (const name of printers)
      await this.withPrinter(reg, name, async (h) =>
        data.push(...printerNotifyData(await this.o.provider.getPrinter(h), reg.filter.printerFields)),
      );
    for (const [jobId, job] of jobs) {
      if (job.deleted) {
        data.push(...deletedJobNotifyData(jobId, reg.filter.jobFields));
        continue;
      }
      await this.withPrinter(reg, job.printerName, async (h) =>
        data.push(...jobNotifyData(await this.o.provider.getJob(h, jobId), reg.filter.jobFields)),
      );
    }
    reg.answering = false;
    const waiter = reg.waiter;
    if (waiter === undefined) return;
    reg.waiter = undefined;
    clearTimeout(waiter.timer);
    waiter.resolve({ status: NotifyResult.S_OK, data: this.reply(reg, changes, data, discarded) });
  }

  /**
   * Runs `use` with a handle on the printer: the registration's own, or one opened as the
   * registrant for a server handle. A printer or job that went meanwhile is skipped.
   */
  private async withPrinter(reg: Registration, printerName: string, use: (h: PrinterHandle) => Promise<unknown>) {
    try {
      if (reg.handle.kind !== 'server') {
        await use(reg.handle);
        return;
      }
      const h = await this.o.provider.openPrinter(
        `\\\\${reg.handle.serverName}\\${printerName}`,
        { desiredAccess: AccessMask.PRINTER_ACCESS_USE },
        reg.caller,
      );
      try {
        await use(h);
      } finally {
        await this.o.provider.closePrinter(h);
      }
    } catch (err) {
      if (!(err instanceof Win32Error)) throw err;
      this.o.logger.debug('notification data not read', { printer: printerName, error: err.message });
    }
  }

  private reply(reg: Registration, changes: number, data: NotifyInfoData[], discarded: boolean) {
    const flags = discarded ? PRINTER_NOTIFY_INFO_DISCARDED : 0;
    return notifyDataProperties(changes, { version: NOTIFY_VERSION, flags, data }, reg.filter.color);
  }

  private drop(reg: Registration): void {
    this.registrations.delete(reg.key);
    this.o.budget.give(reg.user);
    if (reg.connection !== undefined) this.byConnection.get(reg.connection)?.delete(reg.key);
    const waiter = reg.waiter;
    reg.waiter = undefined;
    if (waiter !== undefined) {
      clearTimeout(waiter.timer);
      waiter.resolve({ status: NotifyResult.HANDLE_CLOSED });
    }
    if (this.registrations.size === 0) {
      this.stopListening?.();
      this.stopListening = undefined;
    }
    this.o.logger.info('remote notification ended', { printer: reg.handle.printerName ?? '(server)', user: reg.user });
  }

  /** One listener per connection, however many registrations it holds. */
  private trackConnection(connection: AbortSignal, key: string): void {
    let keys = this.byConnection.get(connection);
    if (keys === undefined) {
      const set = new Set<string>();
      keys = set;
      this.byConnection.set(connection, set);
      connection.addEventListener(
        'abort',
        () => {
          this.byConnection.delete(connection);
          for (const k of [...set]) {
            const reg = this.registrations.get(k);
            if (reg !== undefined) this.drop(reg);
          }
        },
        { once: true },
      );
    }
    keys.add(key);
  }
}
