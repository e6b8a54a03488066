/**
 * The devices behind a printer's ports, as the live view shows them: state, alerts, toner and
 * trays, the job on the device, and a link to the device's own web page.
 */
import { html, type SafeHtml } from '../common/http/html';
import { faultText } from '../devices/web/device-page-view';
import type { LiveDevice } from './live-view-model';

export function renderDevices(devices: readonly LiveDevice[]): SafeHtml {
  if (devices.length === 0) return html`<p class="empty">No device is attached to its ports.</p>`;
  return html`<div class="devices">${devices.map(renderDevice)}</div>`;
}

function renderDevice(d: LiveDevice): SafeHtml {
  const cls = d.state === 'stopped' ? 'bad' : d.state === 'printing' ? 'warn' : 'ok';
  const text = { stopped: 'Stopped', printing: 'Printing', idle: 'Ready', unknown: 'Status unknown' }[d.state];
  const job = d.currentJob;
  // A port with SNMP off, or a device not answering, tells nothing of its supplies.
  const trays = (d.trays ?? []).map(
    (t) =>
      html`<dt>${t.name}</dt>
        <dd data-tray="${t.name}">
          <meter min="0" max="${t.capacity}" low="${Math.ceil(t.capacity / 10)}" value="${t.sheets}"></meter>
          ${t.sheets}/${t.capacity} ${t.mediaName}
        </dd>`,
  );
  return html`<div class="device" data-device="${d.port}" data-device-state="${d.state}">
    <h4>${d.port} <span class="badge ${cls}">${text}</span></h4>
    ${
      d.faults.length > 0 &&
      html`<p>${d.faults.map((f) => html`<span class="badge bad" data-fault="${f}">${faultText(f)}</span> `)}</p>`
    }
    <dl class="facts">
      ${
        d.address !== undefined &&
        html`<dt>Address</dt>
          <dd>${d.address}</dd>`
      }
      <dt>Speed</dt>
      <dd>${d.ppm} ppm</dd>
      <dt>Toner</dt>
      ${
        d.tonerPercent === undefined
          ? html`<dd>unknown</dd>`
          : html`<dd>
              <meter min="0" max="100" low="11" optimum="100" value="${d.tonerPercent}"></meter>
              <span data-toner-percent="${d.tonerPercent}">${d.tonerPercent}%</span>
            </dd>`
      }
      ${trays}
      <dt>Job</dt>
      <dd>${job ? `job ${job.jobId}, page ${job.pagesPrinted} of ${job.pages}` : 'none'}</dd>
      <dt>Pages</dt>
      <dd>${d.pagesPrinted === undefined ? 'unknown' : `${d.pagesPrinted} printed`}</dd>
    </dl>
    ${d.webPage !== undefined && html`<p><a href="${d.webPage}" data-device-page="${d.port}" target="_blank" rel="noopener">Device page</a></p>`}
  </div>`;
}
