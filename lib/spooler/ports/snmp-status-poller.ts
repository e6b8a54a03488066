/**
 * The Standard TCP/IP port monitor's status reader for one port with "SNMP Status Enabled": it
 * polls the printer's agent (the port's community and SNMP device index) at the monitor's
 * status update interval, on the spooler's clock, and keeps what the last poll said as the
 * port's status (port-status.ts). A poll asks, in SNMPv1 as every printer agent answers it:
 *
 *   hrDeviceStatus, hrPrinterStatus, hrPrinterDetectedErrorState   (RFC 2790)
 *   prtMarkerSuppliesTable, prtInputTable, prtAlertTable walks     (RFC 3805)
 *   prtMarkerLifeCount                                             (RFC 3805, the page counter)
 *
 * Nothing here looks at the device itself: what the spooler shows of a network printer is what
 * its agent said. An agent that stops answering (every attempt timed out) turns the port
 * OFFLINE with its state unknown; the next answer brings the printer back.
 */
import type { SpoolerClock, SpoolerTimer } from '../../common/clock';
import type { Logger } from '../../common/logger';
import {
  pollAlerts,
  pollInputTrays,
  pollMarkerLifeCount,
  pollMarkerSupplies,
  pollPrinterStatus,
  type PolledInputTray,
  type PolledMarkerSupply,
  type PolledPrinterStatus,
} from '../../devices/snmp/printer-status-poll';
import { SnmpManager } from '../../devices/snmp/snmp-manager';
import { PrinterStatus } from '../../spoolss/constants';
import { statusOfConditions, type PortStatus, type SnmpView } from './port-status';

export interface SnmpStatusPollerOptions {
  readonly portName: string;
  /** The agent's address: the port's host, and the UDP port the device's agent listens on. */
  readonly host: string;
  readonly port: number;
  readonly community: string;
  readonly deviceIndex: number;
  readonly intervalMs: number;
  readonly clock: SpoolerClock;
  readonly logger: Logger;
  /** Per attempt (default 1000 ms), and attempts after the first (default 1). */
  readonly timeoutMs?: number;
  readonly retries?: number;
}

export class SnmpStatusPoller {
  private current: PortStatus;
  private readonly listeners = new Set<() => void>();
  private readonly manager: SnmpManager;
  private readonly view: SnmpView;
  private timer: SpoolerTimer | undefined;
  private round: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly o: SnmpStatusPollerOptions) {
    this.manager = new SnmpManager({
      host: o.host,
      port: o.port,
      community: o.community,
      version: 'v1',
      timeoutMs: o.timeoutMs ?? 1000,
      retries: o.retries ?? 1,
      logger: o.logger,
    });
    this.view = { address: this.manager.target, community: o.community, deviceIndex: o.deviceIndex };
    // Until the first answer nothing is known, and nothing is held back.
    this.current = { source: 'snmp', state: 'unknown', status: 0, faults: [], blocked: false, snmp: this.view };
  }

  get status(): PortStatus {
    return this.current;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Polls now, then every interval. */
  start(): void {
    this.pollNow();
  }

  /** Resolves when no poll is in flight. */
  async whenIdle(): Promise<void> {
    await this.round;
  }

  close(): void {
    this.closed = true;
    this.timer?.cancel();
    this.manager.close();
  }

  private pollNow(): void {
    if (this.closed || this.round) return;
    this.timer?.cancel();
    this.round = this.poll().finally(() => {
      this.round = undefined;
      if (!this.closed) this.timer = this.o.clock.setTimer(this.o.intervalMs, () => this.pollNow());
    });
  }

  private async poll(): Promise<void> {
    const m = this.manager;
    const index = this.o.deviceIndex;
    let next: PortStatus;
    try {
      const printer = await pollPrinterStatus(m, index);
      const supplies = await pollMarkerSupplies(m, index);
      const trays = await pollInputTrays(m, index);
      const alerts = await pollAlerts(m, index);
      const pages = await pollMarkerLifeCount(m, index);
      next = this.answered(
        printer,
        supplies,
        trays,
        alerts.map((a) => a.description),
        pages,
      );
    } catch (err) {
      if (this.closed) return;
      if (this.current.snmp?.answering !== false) {
        this.o.logger.warn('printer does not answer SNMP: offline', {
          port: this.o.portName,
          agent: this.view.address,
          error: (err as Error).message,
        });
      }
      next = {
        source: 'snmp',
        state: 'unknown',
        status: PrinterStatus.PRINTER_STATUS_OFFLINE,
        faults: [],
        blocked: true,
        snmp: { ...this.view, answering: false, polledAt: this.now() },
      };
    }
    if (this.closed) return;
    this.set(next);
  }

  private answered(
    printer: PolledPrinterStatus,
    supplies: readonly PolledMarkerSupply[],
    trays: readonly PolledInputTray[],
    alerts: readonly string[],
    pages: number,
  ): PortStatus {
    const { faults, status } = statusOfConditions(printer.detectedErrors);
    const down = printer.deviceStatus === 'down';
    let bits = status;
    if (down && bits === 0) bits |= PrinterStatus.PRINTER_STATUS_ERROR;
    if (printer.printerStatus === 'printing') bits |= PrinterStatus.PRINTER_STATUS_PRINTING;
    if (printer.printerStatus === 'warmup') bits |= PrinterStatus.PRINTER_STATUS_WARMING_UP;
    const stopped = faults.length > 0 || down;
    const toner = supplies[0];
    const tonerKnown = toner !== undefined && toner.maxCapacity > 0 && toner.level >= 0;
    return {
      source: 'snmp',
      state: stopped ? 'stopped' : printer.printerStatus === 'printing' ? 'printing' : 'idle',
      status: bits >>> 0,
      faults,
      blocked: stopped,
      ...(tonerKnown && { tonerPercent: Math.floor((100 * toner.level) / toner.maxCapacity) }),
      trays: trays.map((t) => ({
        name: t.name,
        mediaName: t.mediaName,
        sheets: t.currentLevel,
        capacity: t.maxCapacity,
      })),
      pagesPrinted: pages,
      alerts,
      snmp: { ...this.view, answering: true, polledAt: this.now() },
    };
  }

  private set(next: PortStatus): void {
    const changed = JSON.stringify(withoutTime(next)) !== JSON.stringify(withoutTime(this.current));
    if (this.current.snmp?.answering === false && next.snmp?.answering === true) {
      this.o.logger.info('printer answers SNMP again', { port: this.o.portName, agent: this.view.address });
    }
    this.current = next;
    if (changed) for (const l of this.listeners) l();
  }

  private now(): string {
    return new Date(this.o.clock.now()).toISOString();
  }
}

function withoutTime(s: PortStatus): PortStatus {
  return s.snmp ? { ...s, snmp: { ...s.snmp, polledAt: '' } } : s;
}
