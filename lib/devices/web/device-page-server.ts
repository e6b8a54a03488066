/**
 * The embedded web server of an emulated network print device: its own small site, on the
 * device's address, as a network printer has one for its status and configuration.
 *
 *   GET  /              the page: status and alerts, supplies and trays, job log, network
 *   GET  /events        server-sent events: the page's content again after every change
 *   GET  /status.json   the same, as JSON (what a script or a monitoring tool reads)
 *   POST /faults/clear  `fault=<jam|paper-out|toner-out|door-open|offline|all>`: clears it
 *
 * Reading is open to anyone who reaches the device, as on most printers' pages. Clearing an
 * alert needs a device administrator: HTTP Basic against the device's administrator accounts
 * (DevicePageSettings.admins; the print server host gives its devices the server's
 * Administrators, as an organisation sets its printers' admin password). A device without one
 * refuses every change. DEVIATION: the page listens on an ephemeral port of the device's address,
 * not port 80, so that several devices and servers can run side by side.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireBasicAccount } from '../../common/http/basic-auth';
import { HttpError } from '../../common/http/http-error';
import { HttpListener } from '../../common/http/http-listener';
import { renderLivePage, sendLivePageAsset } from '../../common/http/live-page';
import { readFormBody, requestPath, requireSameOrigin, wantsJson } from '../../common/http/requests';
import { redirectAfterPost, sendHtml, sendJson } from '../../common/http/responses';
import { EventStream } from '../../common/http/sse';
import type { UserAccount } from '../../common/identity';
import type { Logger } from '../../common/logger';
import type { PrintDevice } from '../print-device';
import { tonerPercent } from '../supplies';
import {
  parseFaultField,
  renderDeviceFragment,
  renderDeviceHeader,
  type DeviceNetworkService,
  type DeviceNetworkSettings,
  type DevicePageModel,
} from './device-page-view';

export type { DeviceNetworkSettings } from './device-page-view';

/** Per-device settings of the page (DeviceOverrides.web). */
export interface DevicePageSettings {
  /** Accounts that may change the device from its page; none: nobody may. */
  readonly admins?: readonly UserAccount[];
}

export interface DevicePageOptions {
  /** Where the device is on the network; the page listens on `ipAddress` and adds itself as HTTP. */
  readonly network: DeviceNetworkSettings;
  readonly settings?: DevicePageSettings;
  readonly logger: Logger;
  /** Changes closer together than this make one update (default 50 ms). */
  readonly coalesceMs?: number;
}

export class DevicePageServer {
  private readonly listener: HttpListener;
  /** Each open event stream, with the content it was last sent. */
  private readonly streams = new Map<EventStream, string>();
  private readonly unsubscribe: () => void;
  private network: DeviceNetworkSettings;
  private pending: NodeJS.Timeout | undefined;

  constructor(
    private readonly device: PrintDevice,
    private readonly o: DevicePageOptions,
  ) {
    this.network = o.network;
    this.listener = new HttpListener((req, res) => this.handle(req, res), o.logger);
    this.unsubscribe = device.onChange(() => this.scheduleUpdate());
  }

  /** Listens on the device's address; sets the device's `webPage`. */
  async listen(port = 0): Promise<string> {
    const addr = await this.listener.listen(port, this.o.network.ipAddress);
    this.network = { ...this.network, services: [...this.network.services, { name: 'HTTP', port: addr.port }] };
    const url = `${this.listener.url ?? ''}/`;
    this.device.webPage = url;
    this.o.logger.info('device web page listening', { device: this.device.name, url });
    return url;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    clearTimeout(this.pending);
    for (const s of this.streams.keys()) s.close();
    await this.listener.close();
  }

  model(): DevicePageModel {
    const s = this.device.supplies;
    const { outputDir: _host, ...device } = this.device.snapshot();
    return {
      device,
      toner: {
        percent: tonerPercent(s),
        pagesLeft: s.tonerPagesLeft,
        capacityPages: s.tonerCapacityPages,
        lowPercent: s.tonerLowPercent,
      },
      jobLog: this.device.jobLog.entries(),
      network: this.network,
      administered: (this.o.settings?.admins ?? []).length > 0,
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = requestPath(req);
    if (req.method === 'POST') {
      if (path !== '/faults/clear') throw new HttpError(404, 'no such page');
      await this.clearFault(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw new HttpError(405, 'method not allowed', { Allow: 'GET, HEAD, POST' });
    if (sendLivePageAsset(path, res)) return;
    const model = this.model();
    if (path === '/') {
      const page = renderLivePage({
        title: `${this.device.name} - device status`,
        header: renderDeviceHeader(model),
        fragment: renderDeviceFragment(model),
        eventsPath: '/events',
      });
      sendHtml(res, 200, page);
    } else if (path === '/status.json') {
      sendJson(res, 200, model);
    } else if (path === '/events') {
      const stream = new EventStream(req, res);
      const fragment = renderDeviceFragment(model).text;
      this.streams.set(stream, fragment);
      stream.onClose(() => this.streams.delete(stream));
      // What changed between the page's load and this stream's start is not lost.
      stream.send('fragment', fragment);
    } else {
      throw new HttpError(404, 'no such page');
    }
  }

  private async clearFault(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requireSameOrigin(req);
    const admins = this.o.settings?.admins ?? [];
    if (admins.length === 0) throw new HttpError(403, 'this device has no administrator account');
    const admin = requireBasicAccount(req, admins, `${this.device.name} administrator`);
    const fault = parseFaultField((await readFormBody(req)).get('fault'));
    if (fault === undefined)
      throw new HttpError(400, 'fault must be jam, paper-out, toner-out, door-open, offline or all');
    this.device.clearFault(fault === 'all' ? undefined : fault);
    this.o.logger.info('device page: alert cleared', { device: this.device.name, fault, user: admin.name });
    if (wantsJson(req)) sendJson(res, 200, { message: `${fault === 'all' ? 'all alerts' : fault} cleared` });
    else redirectAfterPost(res, '/');
  }

  private scheduleUpdate(): void {
    if (this.pending !== undefined || this.streams.size === 0) return;
    // Coalesced, and after the device's own bookkeeping (its job log) for the change is done.
    this.pending = setTimeout(() => {
      this.pending = undefined;
      const fragment = renderDeviceFragment(this.model()).text;
      for (const [stream, sent] of this.streams) {
        if (sent === fragment) continue;
        this.streams.set(stream, fragment);
        stream.send('fragment', fragment);
      }
    }, this.o.coalesceMs ?? 50);
  }
}

export interface NetworkDevicePageOptions {
  /** The print server's name for the port the device is plugged into (`IP_10.0.0.15`). */
  readonly portName: string;
  /** The device's RAW listener: the page listens on the same address. */
  readonly raw: { readonly host: string; readonly port: number };
  /** The port's HostName and PortNumber in the print server's registry. */
  readonly configured?: { readonly host: string; readonly port: number };
  /** The device's other services (LPD, SNMP ...), listed after RAW on its page. */
  readonly services?: readonly DeviceNetworkService[];
  readonly settings?: DevicePageSettings | undefined;
  readonly logger: Logger;
}

/** Starts the page of a network device on its RAW listener's address (the device fleet calls it). */
export async function startDevicePage(device: PrintDevice, o: NetworkDevicePageOptions): Promise<DevicePageServer> {
  const page = new DevicePageServer(device, {
    network: {
      hostName: o.portName,
      ipAddress: o.raw.host,
      services: [{ name: 'RAW (AppSocket/JetDirect)', port: o.raw.port }, ...(o.services ?? [])],
      ...(o.configured !== undefined && { configured: o.configured }),
    },
    ...(o.settings !== undefined && { settings: o.settings }),
    logger: o.logger.child({ component: 'device-page' }),
  });
  await page.listen();
  return page;
}
