/**
 * The pieces a live page is made of, shared by the server's live view and the devices' pages:
 * the HTML document around a page's content, one stylesheet, and one small script.
 *
 * The page is rendered on the server (html.ts escapes everything). The element marked
 * `data-live="/events"` is replaced by each `fragment` event of that event stream, so the page
 * follows the state without reloading; forms marked `data-live-submit` are posted with fetch
 * (asking for JSON) and their answer shown in `[data-live-notice]`, the page staying in place.
 * Without script, the page still shows the state when loaded and forms still post.
 *
 * The assets are strings served from the compiled package: no bundler and no build step beyond
 * tsc. The script is plain ES2020 for the browser; the Content-Security-Policy (responses.ts)
 * allows scripts and styles from the page's own origin only, so there is no inline script or
 * style attribute anywhere (levels are <meter> elements).
 */
import type { ServerResponse } from 'node:http';
import { html, type SafeHtml } from './html';
import { sendBody } from './responses';

export const LIVE_SCRIPT_PATH = '/assets/live.js';
export const STYLESHEET_PATH = '/assets/page.css';

export interface LivePage {
  readonly title: string;
  /** The banner: who is signed in, what this is. */
  readonly header: SafeHtml;
  /** The content that follows the state, also sent by the event stream. */
  readonly fragment: SafeHtml;
  /** Where the fragment's event stream is. */
  readonly eventsPath: string;
}

export function renderLivePage(page: LivePage): SafeHtml {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title}</title>
        <link rel="stylesheet" href="${STYLESHEET_PATH}" />
        <script src="${LIVE_SCRIPT_PATH}" defer></script>
      </head>
      <body>
        <header class="banner">${page.header}<span class="live-state" data-live-state="loading">loading</span></header>
        <p class="notice" data-live-notice role="status"></p>
        <main data-live="${page.eventsPath}" data-updates="0">${page.fragment}</main>
      </body>
    </html> `;
}

export const LIVE_SCRIPT = `'use strict';
(() => {
  const root = document.querySelector('[data-live]');
  const state = document.querySelector('[data-live-state]');
  const notice = document.querySelector('[data-live-notice]');
  const setState = (text) => {
    if (!state) return;
    state.textContent = text;
    state.setAttribute('data-live-state', text);
  };
  const say = (text, failed) => {
    if (!notice) return;
    notice.textContent = text;
    notice.classList.toggle('failed', failed);
  };
  if (root && 'EventSource' in window) {
    const source = new EventSource(root.getAttribute('data-live'));
    source.addEventListener('open', () => setState('live'));
    source.addEventListener('error', () => setState('reconnecting'));
    source.addEventListener('fragment', (event) => {
      root.innerHTML = event.data;
      root.setAttribute('data-updates', String(Number(root.getAttribute('data-updates')) + 1));
    });
  }
  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-live-submit')) return;
    event.preventDefault();
    try {
      // getAttribute: a field named "action" hides the form's action property.
      const response = await fetch(form.getAttribute('action'), {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      const answer = await response.json().catch(() => ({}));
      say(response.ok ? answer.message || 'done' : answer.error || 'HTTP ' + response.status, !response.ok);
    } catch (err) {
      say(String(err), true);
    }
  });
})();
`;

export const STYLESHEET = `:root {
  color-scheme: light;
  --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --panel: #ffffff; --page: #f0f4f8;
  --ok: #2f8132; --warn: #b7791f; --bad: #c53030; --accent: #1c5d99;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 "DejaVu Sans", system-ui, sans-serif; color: var(--ink); background: var(--page); }
.banner { display: flex; gap: 1rem; align-items: baseline; padding: .8rem 1.2rem; background: #243b53; color: #fff; }
.banner h1 { font-size: 1.2rem; margin: 0; }
.banner .who { margin-left: auto; color: #d9e2ec; }
.live-state { font-size: .8rem; padding: .1rem .5rem; border-radius: 1rem; background: #486581; }
.live-state[data-live-state="live"] { background: var(--ok); }
.live-state[data-live-state="reconnecting"] { background: var(--bad); }
main { padding: .4rem 1.2rem 1.2rem; display: grid; gap: 1rem; align-items: start;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 560px), 1fr)); }
section.wide { grid-column: 1 / -1; }
.notice { margin: 0; padding: 0 1.2rem; min-height: 1.4rem; color: var(--ok); }
.notice.failed { color: var(--bad); }
section.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; }
section.card h2 { margin: 0 0 .4rem; font-size: 1.1rem; display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; }
section.card h3 { margin: .8rem 0 .3rem; font-size: .95rem; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: normal; font-size: .85rem; }
td.time, td.actions, table.jobs td { white-space: nowrap; }
table.jobs td.doc { white-space: normal; overflow-wrap: anywhere; }
.badge { display: inline-block; font-size: .75rem; padding: .05rem .45rem; border-radius: .6rem; background: var(--line); font-weight: normal; }
.badge.ok { background: #e3f9e5; color: var(--ok); }
.badge.warn { background: #fffbea; color: var(--warn); }
.badge.bad { background: #ffe3e3; color: var(--bad); }
.devices { display: grid; grid-template-columns: repeat(auto-fill, minmax(290px, 1fr)); gap: .6rem; }
.device dd { display: flex; gap: .4rem; align-items: center; flex-wrap: wrap; }
table.compact { width: auto; }
table.compact td, table.compact th { padding-right: 1.5rem; }
tr.mine td:first-child { box-shadow: inset 3px 0 var(--accent); }
.device { border: 1px solid var(--line); border-radius: 5px; padding: .5rem .7rem; }
.device h4 { margin: 0 0 .3rem; font-size: .95rem; }
meter { width: 7rem; height: .9rem; vertical-align: middle; }
form.inline { display: inline; margin: 0; }
button { font: inherit; font-size: .8rem; padding: .1rem .55rem; border: 1px solid var(--accent); border-radius: 4px; background: #fff; color: var(--accent); cursor: pointer; }
button:hover { background: var(--accent); color: #fff; }
button.danger { border-color: var(--bad); color: var(--bad); }
button.danger:hover { background: var(--bad); color: #fff; }
a { color: var(--accent); }
.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
tr.level-warning td { background: #fffbea; }
tr.level-error td { background: #ffe3e3; }
`;

/** `2026-01-02 03:04:05` from an ISO 8601 UTC time, as the pages show times (headed "UTC"). */
export function utc(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, '');
}

/** Answers GET of the script, the stylesheet and the icon; false for any other path. */
export function sendLivePageAsset(path: string, res: ServerResponse): boolean {
  if (path === LIVE_SCRIPT_PATH) sendBody(res, 200, 'text/javascript; charset=utf-8', LIVE_SCRIPT);
  else if (path === STYLESHEET_PATH) sendBody(res, 200, 'text/css; charset=utf-8', STYLESHEET);
  // No icon: an empty answer rather than a 404 in the browser's console.
  else if (path === '/favicon.ico') sendBody(res, 204, 'image/x-icon', '');
  else return false;
  return true;
}
