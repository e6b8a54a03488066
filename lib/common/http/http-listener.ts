/**
 * A node:http server for one request handler: listens on an address (port 0 picks a free
 * one), maps what the handler throws to a response in one place (HttpError to its status,
 * anything else to 500, logged; as JSON `{ error }` to a caller that asks for JSON), and on close ends every connection, open event streams
 * included, so closing never waits for a browser.
 *
 * node:http rather than a framework: these servers have a handful of fixed routes, Basic
 * authentication and one event stream, which node:http covers in a few lines each; a
 * framework would add a dependency tree to the package without removing code.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';
import { HttpError } from './http-error';
import { wantsJson } from './requests';
import { sendJson, sendText } from './responses';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface ListeningAddress {
  readonly host: string;
  readonly port: number;
}

export class HttpListener {
  private readonly server: http.Server;
  private address: ListeningAddress | undefined;

  constructor(
    handler: HttpHandler,
    private readonly logger: Logger,
  ) {
    this.server = http.createServer((req, res) => {
      handler(req, res).catch((err: unknown) => this.fail(req, res, err));
    });
    // Requests are small: headers and body must arrive promptly; responses (event streams) may last.
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
    this.server.on('clientError', (_err, socket) => socket.destroy());
  }

  async listen(port: number, host: string): Promise<ListeningAddress> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const a = this.server.address() as AddressInfo;
    this.address = { host: a.address, port: a.port };
    return this.address;
  }

  /** `http://host:port` once listening. */
  get url(): string | undefined {
    if (!this.address) return undefined;
    const host = this.address.host.includes(':') ? `[${this.address.host}]` : this.address.host;
    return `http://${host}:${this.address.port}`;
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private fail(req: IncomingMessage, res: ServerResponse, err: unknown): void {
    if (err instanceof HttpError) {
      this.logger.info('HTTP request refused', {
        method: req.method,
        url: req.url,
        status: err.status,
        why: err.message,
      });
      if (wantsJson(req)) sendJson(res, err.status, { error: err.message }, err.headers);
      else sendText(res, err.status, err.message, err.headers);
      return;
    }
    this.logger.error('HTTP request failed', { method: req.method, url: req.url, error: String(err) });
    if (wantsJson(req)) sendJson(res, 500, { error: 'internal error' });
    else sendText(res, 500, 'internal error');
  }
}
