/**
 * What a network printer's embedded web page shows (as HP's or Brother's do): the device's
 * state and faults, its supplies (toner level and pages left) and trays, the job it is on, its
 * job log, and its network settings. Rendered on the server from the device's own state.
 */
import { html, type SafeHtml } from '../../common/http/html';
import { utc } from '../../common/http/live-page';
import { DEVICE_FAULTS, type DeviceFault, type DeviceSnapshot } from '../print-device';
import type { DeviceJobLogEntry } from '../device-job-log';

export interface DeviceNetworkService {
  /** `RAW (AppSocket/JetDirect)`, `HTTP`, `SNMP` ... */
  readonly name: string;
  readonly port: number;
}

export interface DeviceNetworkSettings {
  readonly hostName: string;
  readonly ipAddress: string;
  readonly services: readonly DeviceNetworkService[];
  /** What the print server's Standard TCP/IP port says of the device (HostName, PortNumber). */
  readonly configured?: { readonly host: string; readonly port: number };
}

export interface DevicePageModel {
  /** The device's state, without where the emulator writes its output (a path on the host). */
  readonly device: Omit<DeviceSnapshot, 'outputDir'>;
  readonly toner: {
    readonly percent: number;
    readonly pagesLeft: number;
    readonly capacityPages: number;
    readonly lowPercent: number;
  };
  readonly jobLog: readonly DeviceJobLogEntry[];
  readonly network: DeviceNetworkSettings;
  /** Whether an administrator account is configured (who may clear faults). */
  readonly administered: boolean;
}

const FAULT_TEXT: Readonly<Record<DeviceFault, string>> = {
  jam: 'Paper jam',
  'paper-out': 'Out of paper',
  'toner-out': 'Toner empty',
  'door-open': 'Door open',
  offline: 'Offline',
};

/** What the clear button does, as the printer's panel would say it. */
const CLEAR_TEXT: Readonly<Record<DeviceFault, string>> = {
  jam: 'Clear the jam',
  'paper-out': 'Load paper',
  'toner-out': 'Replace the cartridge',
  'door-open': 'Close the door',
  offline: 'Put online',
};

export function faultText(fault: DeviceFault): string {
  return FAULT_TEXT[fault];
}

export function renderDeviceHeader(m: DevicePageModel): SafeHtml {
  return html`<h1>${m.device.name}</h1>
    <span class="who">embedded web server · ${m.network.ipAddress}</span>`;
}

export function renderDeviceFragment(m: DevicePageModel): SafeHtml {
  return html`${renderStatus(m)}${renderSupplies(m)}${renderJobLog(m.jobLog)}${renderNetwork(m.network)}`;
}

function stateBadge(d: DevicePageModel['device']): SafeHtml {
  const cls = d.state === 'stopped' ? 'bad' : d.state === 'printing' ? 'warn' : 'ok';
  const text = d.state === 'stopped' ? 'Stopped' : d.state === 'printing' ? 'Printing' : 'Ready';
  return html`<span class="badge ${cls}" data-device-state="${d.state}">${text}</span>`;
}

function renderStatus(m: DevicePageModel): SafeHtml {
  const d = m.device;
  const faults = d.faults.map(
    (f) =>
      html`<tr data-fault="${f}">
        <td><span class="badge bad">${FAULT_TEXT[f]}</span></td>
        <td>${clearForm(f, CLEAR_TEXT[f])}</td>
      </tr>`,
  );
  const job = d.currentJob;
  return html`<section class="card" data-section="status">
    <h2>Status ${stateBadge(d)}</h2>
    <dl class="facts">
      <dt>Speed</dt>
      <dd>${d.ppm} pages per minute</dd>
      <dt>Pages printed</dt>
      <dd data-page-count="${d.pagesPrinted}">${d.pagesPrinted}</dd>
      <dt>Current job</dt>
      <dd>${job ? `job ${job.jobId}: page ${job.pagesPrinted} of ${job.pages}` : 'none'}</dd>
    </dl>
    <h3>Alerts</h3>
    ${
      faults.length === 0
        ? html`<p class="empty">No alerts.</p>`
        : html`<table class="compact">
              <tbody>
                ${faults}
              </tbody>
            </table>
            <p>${clearForm('all', 'Clear all alerts')}</p>`
    }
    ${
      m.administered
        ? html`<p class="muted">Clearing an alert asks for a device administrator's sign-in.</p>`
        : html`<p class="muted">
            No administrator account is configured on this device: alerts cannot be cleared here.
          </p>`
    }
  </section>`;
}

function clearForm(fault: DeviceFault | 'all', label: string): SafeHtml {
  // A plain form (no script): a POST that gets 401 makes the browser ask for the administrator's sign-in.
  return html`<form class="inline" method="post" action="/faults/clear">
    <input type="hidden" name="fault" value="${fault}" /><button type="submit" data-clear="${fault}">${label}</button>
  </form>`;
}

function renderSupplies(m: DevicePageModel): SafeHtml {
  const t = m.toner;
  const tonerClass = t.pagesLeft <= 0 ? 'bad' : t.percent <= t.lowPercent ? 'warn' : 'ok';
  const trays = m.device.trays.map(
    (tray) =>
      html`<tr data-tray="${tray.name}">
        <td>${tray.name}</td>
        <td>${tray.mediaName}</td>
        <td>
          <meter min="0" max="${tray.capacity}" low="${Math.ceil(tray.capacity / 10)}" value="${tray.sheets}"></meter>
        </td>
        <td data-sheets="${tray.sheets}">${tray.sheets} of ${tray.capacity} sheets</td>
        <td>
          ${tray.sheets <= 0 ? html`<span class="badge bad">Empty</span>` : html`<span class="badge ok">Ready</span>`}
        </td>
      </tr>`,
  );
  return html`<section class="card" data-section="supplies">
    <h2>Supplies</h2>
    <table class="compact">
      <thead>
        <tr>
          <th>Supply</th>
          <th>Level</th>
          <th></th>
          <th>State</th>
        </tr>
      </thead>
      <tbody>
        <tr data-supply="toner">
          <td>Black toner cartridge</td>
          <td>
            <meter min="0" max="100" low="${t.lowPercent + 1}" optimum="100" value="${t.percent}"></meter>
            <span data-toner-percent="${t.percent}">${t.percent}%</span>
          </td>
          <td>about ${t.pagesLeft} of ${t.capacityPages} pages left</td>
          <td>
            <span class="badge ${tonerClass}"
              >${tonerClass === 'bad' ? 'Empty' : tonerClass === 'warn' ? 'Low' : 'OK'}</span
            >
          </td>
        </tr>
      </tbody>
    </table>
    <h3>Trays</h3>
    <table class="compact">
      <thead>
        <tr>
          <th>Tray</th>
          <th>Media</th>
          <th>Level</th>
          <th></th>
          <th>State</th>
        </tr>
      </thead>
      <tbody>
        ${trays}
      </tbody>
    </table>
  </section>`;
}

function renderJobLog(log: readonly DeviceJobLogEntry[]): SafeHtml {
  const rows = log.map(
    (e) =>
      html`<tr data-log-job="${e.jobId}">
        <td>${e.jobId}</td>
        <td>${e.documentName}</td>
        <td>${e.pagesPrinted} of ${e.pages}</td>
        <td>
          <span class="badge ${e.outcome === 'printed' ? 'ok' : 'warn'}"
            >${e.outcome === 'printed' ? 'Printed' : 'Cancelled'}</span
          >
        </td>
        <td class="time">${utc(e.started)}</td>
        <td class="time">${utc(e.finished)}</td>
      </tr>`,
  );
  return html`<section class="card" data-section="job-log">
    <h2>Job log</h2>
    ${
      rows.length === 0
        ? html`<p class="empty">No job yet.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>Job</th>
                <th>Job name</th>
                <th>Pages</th>
                <th>Result</th>
                <th>Started (UTC)</th>
                <th>Finished (UTC)</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }
  </section>`;
}

function renderNetwork(n: DeviceNetworkSettings): SafeHtml {
  const services = n.services.map(
    (s) =>
      html`<dt>${s.name}</dt>
        <dd>port ${s.port}</dd>`,
  );
  return html`<section class="card" data-section="network">
    <h2>Network</h2>
    <dl class="facts">
      <dt>Host name</dt>
      <dd>${n.hostName}</dd>
      <dt>IPv4 address</dt>
      <dd>${n.ipAddress}</dd>
      ${services}
      ${
        n.configured &&
        html`<dt>Print server's port</dt>
          <dd>HostName ${n.configured.host}, PortNumber ${n.configured.port}</dd>`
      }
    </dl>
  </section>`;
}

/** `fault` from a form: one of the device's faults or `all`. */
export function parseFaultField(value: string | null): DeviceFault | 'all' | undefined {
  if (value === 'all') return 'all';
  return DEVICE_FAULTS.find((f) => f === value);
}
