/**
 * The spooler's printer change notifications (Windows' "List of Notification Clients", [MS-RPRN]
 * 3.1.1): the rooms that change a printer or a job say so here, and every listener hears it at
 * once, synchronously, in subscription order. A listener that throws is logged and skipped; it
 * never stops the change or the other listeners. The number of listeners is bounded: the wire
 * layers hold one listener each (not one per registration), so the bound only catches a leak.
 */
import type { Logger } from '../../common/logger';
import type { PrinterChangeEvent, PrinterChangeSource } from '../../spoolss/printer-notify';

export const MAX_CHANGE_LISTENERS = 64;

export class PrinterChangeRoom implements PrinterChangeSource {
  private readonly listeners = new Set<(event: PrinterChangeEvent) => void>();

  constructor(
    private readonly logger: Logger,
    private readonly maxListeners = MAX_CHANGE_LISTENERS,
  ) {}

  get listenerCount(): number {
    return this.listeners.size;
  }

  subscribe(listener: (event: PrinterChangeEvent) => void): () => void {
    if (this.listeners.size >= this.maxListeners)
      throw new RangeError(`more than ${this.maxListeners} printer change listeners`);
    // A wrapper of its own, so the same function subscribed twice is two listeners.
    const entry = (event: PrinterChangeEvent): void => listener(event);
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  /** A room changed a printer or a job. */
  changed(event: PrinterChangeEvent): void {
    this.logger.debug('printer change', { ...event });
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.logger.warn('printer change listener failed', { error: String(err) });
      }
    }
  }
}
