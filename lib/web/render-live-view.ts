/**
 * The live view as HTML: a card per printer (status, share, driver, ports and pool, hours,
 * the devices, the queue with its job controls, the printer's pause and resume for a user with
 * Manage Printer), then the event log for a user who may read it. Everything comes from the
 * LiveView read for the signed-in user; html.ts escapes every name.
 */
import { html, type SafeHtml } from '../common/http/html';
import { utc } from '../common/http/live-page';
import type { PrintEvent } from '../spooler/services/event-log';
import type { LiveJob, LivePrinter, LiveView } from './live-view-model';
import { renderDevices } from './render-devices';

const BAD = new Set([
  'ERROR',
  'PAPER_JAM',
  'PAPER_OUT',
  'PAPEROUT',
  'PAPER_PROBLEM',
  'DOOR_OPEN',
  'NO_TONER',
  'OFFLINE',
  'USER_INTERVENTION',
  'NOT_AVAILABLE',
  'SERVER_UNKNOWN',
  'OUT_OF_MEMORY',
]);
const WARN = new Set(['PAUSED', 'TONER_LOW', 'WAITING', 'DELETING', 'BLOCKED_DEVQ', 'RESTART', 'PENDING_DELETION']);
const WORDS: Readonly<Record<string, string>> = {
  PAPEROUT: 'Paper out',
  NO_TONER: 'Toner empty',
  USER_INTERVENTION: 'Needs attention',
  BLOCKED_DEVQ: 'Blocked',
  IO_ACTIVE: 'I/O active',
  WAITING: 'Waiting for its hours',
};

/** A PRINTER_STATUS_* or JOB_STATUS_* name as a badge, with the constant in its title. */
function statusBadge(constant: string): SafeHtml {
  const bare = constant.replace(/^(PRINTER|JOB)_STATUS_/, '');
  const words = WORDS[bare] ?? bare.charAt(0) + bare.slice(1).toLowerCase().replace(/_/g, ' ');
  const cls = BAD.has(bare) ? 'bad' : WARN.has(bare) ? 'warn' : '';
  return html`<span class="badge ${cls}" title="${constant}" data-status="${constant}">${words}</span>`;
}

export function renderLiveHeader(view: LiveView): SafeHtml {
  const groups = view.user.groups.join(', ');
  return html`<h1>Print server \\\\${view.serverName}</h1>
    <span class="who" data-user="${view.user.name}">${view.user.name}${groups && ` (${groups})`}</span>`;
}

export function renderLiveFragment(view: LiveView): SafeHtml {
  return html`${view.printers.length === 0 ? html`<p class="empty">No printer to show.</p>` : view.printers.map(renderPrinter)}
  ${view.events && renderEvents(view.events)}`;
}

function renderPrinter(p: LivePrinter): SafeHtml {
  const statuses = p.statusNames.filter((n) => n !== 'PRINTER_STATUS_IO_ACTIVE');
  return html`<section class="card" data-printer="${p.name}">
    <h2>
      ${p.name}
      ${statuses.length === 0 ? html`<span class="badge ok" data-status="ready">Ready</span>` : statuses.map(statusBadge)}
      ${p.canManagePrinter && printerForm(p.name, p.paused ? 'resume' : 'pause')}
    </h2>
    <dl class="facts">
      <dt>Share</dt>
      <dd>${p.shared ? p.shareName : html`<span class="muted">not shared</span>`}</dd>
      <dt>Driver</dt>
      <dd>${p.driverName}</dd>
      ${
        p.location &&
        html`<dt>Location</dt>
          <dd>${p.location}</dd>`
      }
      ${
        p.comment &&
        html`<dt>Comment</dt>
          <dd>${p.comment}</dd>`
      }
      <dt>${p.pool ? 'Ports (pool)' : 'Port'}</dt>
      <dd>
        ${p.ports.join(', ')}${p.pool && html` <span class="badge" data-pool="${p.ports.length}">printer pool of ${p.ports.length}</span>`}
      </dd>
      <dt>Hours</dt>
      <dd data-hours="${p.availability}">
        ${p.availability === 'always' ? 'always available' : p.availability}
        ${p.availability !== 'always' && (p.available ? html`<span class="badge ok">open now</span>` : html`<span class="badge warn">closed now: jobs wait</span>`)}
      </dd>
    </dl>
    <h3>Devices</h3>
    ${renderDevices(p.devices)}
    <h3>Queue (${p.jobs.length} ${p.jobs.length === 1 ? 'job' : 'jobs'})</h3>
    ${renderJobs(p)}
  </section>`;
}

function renderJobs(p: LivePrinter): SafeHtml {
  if (p.jobs.length === 0) return html`<p class="empty" data-queue-empty>No document is waiting.</p>`;
  return html`<table class="jobs">
    <thead>
      <tr>
        <th>Job</th>
        <th>Document</th>
        <th>Owner</th>
        <th>Pages</th>
        <th>Submitted (UTC)</th>
        <th>Status</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${p.jobs.map((j) => renderJob(p.name, j))}
    </tbody>
  </table>`;
}

function renderJob(printer: string, j: LiveJob): SafeHtml {
  const paused = j.statusNames.includes('JOB_STATUS_PAUSED');
  return html`<tr data-job-id="${j.jobId}" data-owner="${j.userName}" ${j.mine ? html` class="mine"` : ''}>
    <td>${j.jobId}</td>
    <td class="doc">${j.documentName} <span class="muted">${j.size} bytes</span></td>
    <td title="${j.machineName && `from ${j.machineName}`}">${j.userName}</td>
    <td data-pages="${j.pagesPrinted}/${j.totalPages}">${j.pagesPrinted} of ${j.totalPages}</td>
    <td class="time" title="${utc(j.submitted)}">${utc(j.submitted).slice(11)}</td>
    <td>${j.statusNames.length === 0 ? html`<span class="badge">Queued</span>` : j.statusNames.map(statusBadge)}</td>
    <td class="actions">
      ${jobForm(printer, j.jobId, paused ? 'resume' : 'pause')} ${jobForm(printer, j.jobId, 'cancel')}
    </td>
  </tr>`;
}

function jobForm(printer: string, jobId: number, action: 'pause' | 'resume' | 'cancel'): SafeHtml {
  const label = action === 'cancel' ? 'Cancel' : action === 'pause' ? 'Pause' : 'Resume';
  return html`<form class="inline" method="post" action="/jobs" data-live-submit>
    <input type="hidden" name="printer" value="${printer}" /><input type="hidden" name="job" value="${jobId}" />
    <input type="hidden" name="action" value="${action}" /><button
      type="submit"
      ${action === 'cancel' ? html` class="danger"` : ''}
      data-job-action="${action}"
    >
      ${label}
    </button>
  </form>`;
}

function printerForm(printer: string, action: 'pause' | 'resume'): SafeHtml {
  return html`<form class="inline" method="post" action="/printers" data-live-submit>
    <input type="hidden" name="printer" value="${printer}" /><input type="hidden" name="action" value="${action}" />
    <button type="submit" data-printer-action="${action}">
      ${action === 'pause' ? 'Pause printing' : 'Resume printing'}
    </button>
  </form>`;
}

function renderEvents(events: readonly PrintEvent[]): SafeHtml {
  const rows = events.map(
    (e) =>
      html`<tr class="level-${e.level}" data-event-id="${e.id}" data-record="${e.record}">
        <td class="time">${utc(e.time)}</td>
        <td>${e.id}</td>
        <td>${e.channel}</td>
        <td>${e.message}</td>
      </tr>`,
  );
  return html`<section class="card wide" data-section="events">
    <h2>Event log <span class="badge">Microsoft-Windows-PrintService</span></h2>
    ${
      rows.length === 0
        ? html`<p class="empty">No event yet.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>Time (UTC)</th>
                <th>Event ID</th>
                <th>Channel</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }
  </section>`;
}
