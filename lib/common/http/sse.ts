/**
 * Server-sent events (the HTML Living Standard, "Server-sent events", 9.2): a response of type
 * `text/event-stream` that stays open; each event is `event: NAME`, one `data: ` line per line
 * of its data, and an empty line. Lines starting with `:` are comments, sent as heartbeats so
 * idle streams are not cut by proxies and a vanished browser is noticed. `retry:` tells the
 * browser how long to wait before reconnecting (EventSource reconnects by itself).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './responses';

export interface EventStreamOptions {
  /** A comment line this often (default 15 s); 0 for none. */
  readonly heartbeatMs?: number;
  /** The browser's reconnection delay (default 2 s). */
  readonly retryMs?: number;
}

/** One event on the wire. Event names are single tokens; data may span lines. */
export function formatServerSentEvent(event: string, data: string, id?: string): string {
  if (!/^[A-Za-z][\w-]*$/.test(event)) throw new TypeError(`bad event name "${event}"`);
  const lines = data.split(/\r\n|\r|\n/).map((l) => `data: ${l}\n`);
  const idLine = id === undefined ? '' : `id: ${id.replace(/[\r\n\0]/g, '')}\n`;
  return `event: ${event}\n${idLine}${lines.join('')}\n`;
}

export class EventStream {
  private heartbeat: NodeJS.Timeout | undefined;
  private ended = false;
  private readonly closers: (() => void)[] = [];

  constructor(
    req: IncomingMessage,
    private readonly res: ServerResponse,
    options: EventStreamOptions = {},
  ) {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: ${options.retryMs ?? 2000}\n\n`);
    const heartbeatMs = options.heartbeatMs ?? 15_000;
    if (heartbeatMs > 0) {
      this.heartbeat = setInterval(() => this.comment('heartbeat'), heartbeatMs);
      this.heartbeat.unref();
    }
    const end = (): void => this.finish();
    req.on('close', end);
    res.on('close', end);
    res.on('error', end);
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Runs `fn` once when the stream ends, whichever side ended it. */
  onClose(fn: () => void): void {
    if (this.ended) fn();
    else this.closers.push(fn);
  }

  send(event: string, data: string, id?: string): void {
    if (!this.ended) this.res.write(formatServerSentEvent(event, data, id));
  }

  comment(text: string): void {
    if (!this.ended) this.res.write(`: ${text.replace(/[\r\n]/g, ' ')}\n\n`);
  }

  close(): void {
    if (!this.ended) this.res.end();
    this.finish();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.heartbeat);
    for (const fn of this.closers.splice(0)) fn();
  }
}
