/**
 * The live web view of a running print server (`pointprint serve --http-port`): printers,
 * queues, jobs, devices, pools, hours and the event log, for the signed-in user, following the
 * spooler as jobs print, with no reload.
 *
 *   GET  /            the page (rendered on the server; works without script)
 *   GET  /events      server-sent events: the page's content again whenever it changed
 *   GET  /api/view    the same content as JSON
 *   POST /jobs        printer=, job=, action=cancel|pause|resume|restart   (SetJob)
 *   POST /printers    printer=, action=pause|resume                        (SetPrinter)
 *
 * Every route but the page's script and stylesheet takes HTTP Basic against the server's own
 * accounts (those of SMB2 and the control channel); the user becomes the CallerContext of every
 * spooler call, so the spooler's access checks apply unchanged. Basic sends the password in
 * clear: the view listens on loopback unless told otherwise, and warns when it is.
 *
 * Live updates: the provider has no change notification call, so each open event stream reads
 * the view again every `pollMs` through its own reader (open printer handles, one EnumPrinters
 * and one EnumJobs per printer) and sends the content only when it changed; an action done here
 * refreshes every stream at once. node:http, not a framework: see common/http/http-listener.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireBasicAccount } from '../common/http/basic-auth';
import { HttpError } from '../common/http/http-error';
import { HttpListener, type ListeningAddress } from '../common/http/http-listener';
import { renderLivePage, sendLivePageAsset } from '../common/http/live-page';
import { readFormBody, requestPath, requireSameOrigin, wantsJson } from '../common/http/requests';
import { redirectAfterPost, sendHtml, sendJson } from '../common/http/responses';
import { EventStream } from '../common/http/sse';
import type { UserAccount } from '../common/identity';
import type { Logger } from '../common/logger';
import type { CallerContext } from '../spoolss/types';
import { LiveViewReader, type LiveViewReaderOptions } from './live-view-model';
import { renderLiveFragment, renderLiveHeader } from './render-live-view';
import type { SpoolerWindow } from './spooler-window';
import { controlJob, controlPrinter, parseJobAction, parsePrinterAction } from './web-actions';
import { callerOf } from './web-caller';

export interface WebViewOptions {
  readonly window: SpoolerWindow;
  /** The server's accounts. */
  readonly accounts: readonly UserAccount[];
  readonly logger: Logger;
  /** How often an open page's content is read again (default 500 ms). */
  readonly pollMs?: number;
  readonly reader?: LiveViewReaderOptions;
}

/** One open page: its reader, and the content it was last sent. */
interface LiveStream {
  readonly stream: EventStream;
  readonly reader: LiveViewReader;
  sent: string;
  timer?: NodeJS.Timeout;
  reading?: Promise<void>;
}

const isLoopback = (host: string): boolean => /^(127\.|::1$|::ffff:127\.|localhost$)/i.test(host);

export class WebViewServer {
  private readonly listener: HttpListener;
  private readonly streams = new Set<LiveStream>();

  constructor(private readonly o: WebViewOptions) {
    this.listener = new HttpListener((req, res) => this.handle(req, res), o.logger);
  }

  async listen(port: number, host = '127.0.0.1'): Promise<ListeningAddress> {
    const address = await this.listener.listen(port, host);
    if (!isLoopback(address.host)) {
      this.o.logger.warn('the web view is reachable beyond this machine and HTTP Basic sends passwords in clear', {
        host: address.host,
      });
    }
    this.o.logger.info('web view listening', { url: this.url });
    return address;
  }

  /** `http://host:port/` once listening. */
  get url(): string | undefined {
    const base = this.listener.url;
    return base === undefined ? undefined : `${base}/`;
  }

  async close(): Promise<void> {
    for (const s of [...this.streams]) s.stream.close();
    await this.listener.close();
  }

  private get realm(): string {
    return `pointprint ${this.o.window.serverName}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = requestPath(req);
    if ((req.method === 'GET' || req.method === 'HEAD') && sendLivePageAsset(path, res)) return;
    const caller = callerOf(requireBasicAccount(req, this.o.accounts, this.realm), req);
    if (req.method === 'POST') {
      requireSameOrigin(req);
      if (path === '/jobs') return this.jobAction(req, res, caller);
      if (path === '/printers') return this.printerAction(req, res, caller);
      throw new HttpError(404, 'no such page');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpError(405, 'method not allowed', { Allow: 'GET, HEAD, POST' });
    }
    if (path === '/events') return this.openStream(req, res, caller);
    if (path !== '/' && path !== '/api/view') throw new HttpError(404, 'no such page');
    const reader = new LiveViewReader(this.o.window, caller, this.o.reader);
    try {
      const view = await reader.read();
      if (path === '/api/view') {
        sendJson(res, 200, view);
        return;
      }
      const page = renderLivePage({
        title: `\\\\${view.serverName} - pointprint`,
        header: renderLiveHeader(view),
        fragment: renderLiveFragment(view),
        eventsPath: '/events',
      });
      sendHtml(res, 200, page);
    } finally {
      await reader.close();
    }
  }

  private async jobAction(req: IncomingMessage, res: ServerResponse, caller: CallerContext): Promise<void> {
    const form = await readFormBody(req);
    const printer = form.get('printer') ?? '';
    const jobId = Number(form.get('job'));
    const action = parseJobAction(form.get('action'));
    if (printer === '' || !Number.isInteger(jobId) || jobId <= 0 || action === undefined) {
      throw new HttpError(400, 'expected printer, job and action=cancel|pause|resume|restart');
    }
    await controlJob(this.o.window.provider, caller, printer, jobId, action);
    this.o.logger.info('web view: job control', { printer, jobId, action, user: caller.userName });
    this.done(req, res, `job ${jobId}: ${action} done`);
  }

  private async printerAction(req: IncomingMessage, res: ServerResponse, caller: CallerContext): Promise<void> {
    const form = await readFormBody(req);
    const printer = form.get('printer') ?? '';
    const action = parsePrinterAction(form.get('action'));
    if (printer === '' || action === undefined) throw new HttpError(400, 'expected printer and action=pause|resume');
    await controlPrinter(this.o.window.provider, caller, printer, action);
    this.o.logger.info('web view: printer control', { printer, action, user: caller.userName });
    this.done(req, res, `${printer}: ${action} done`);
  }

  private done(req: IncomingMessage, res: ServerResponse, message: string): void {
    for (const s of this.streams) this.refresh(s, 0);
    if (wantsJson(req)) sendJson(res, 200, { message });
    else redirectAfterPost(res, '/');
  }

  private openStream(req: IncomingMessage, res: ServerResponse, caller: CallerContext): void {
    const s: LiveStream = {
      stream: new EventStream(req, res),
      reader: new LiveViewReader(this.o.window, caller, this.o.reader),
      sent: '',
    };
    this.streams.add(s);
    s.stream.onClose(() => {
      this.streams.delete(s);
      clearTimeout(s.timer);
      void (s.reading ?? Promise.resolve()).then(() => s.reader.close());
    });
    this.refresh(s, 0);
  }

  /** Reads the stream's view in `delayMs` (again and again every pollMs), sending it when it changed. */
  private refresh(s: LiveStream, delayMs: number): void {
    if (s.stream.closed) return;
    clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = undefined;
      if (s.reading) {
        // One read at a time: the one in flight schedules the next.
        void s.reading.then(() => this.refresh(s, 0));
        return;
      }
      s.reading = this.push(s).finally(() => {
        s.reading = undefined;
        if (!s.stream.closed && s.timer === undefined) this.refresh(s, this.o.pollMs ?? 500);
      });
    }, delayMs);
  }

  private async push(s: LiveStream): Promise<void> {
    if (s.stream.closed) return;
    try {
      const fragment = renderLiveFragment(await s.reader.read()).text;
      if (fragment !== s.sent && !s.stream.closed) {
        s.sent = fragment;
        s.stream.send('fragment', fragment);
      }
    } catch (err) {
      this.o.logger.warn('web view: reading the spooler failed', { error: String(err) });
    }
  }
}
