/**
 * Responses of the project's small HTTP servers (the live view, the devices' pages): every one
 * carries the same protective headers. The Content-Security-Policy lets a page load scripts,
 * styles and event streams from its own origin only, with no inline script, and forbids
 * framing; nothing is cached, since every page shows live state and may be per user.
 */
import type { ServerResponse } from 'node:http';
import type { SafeHtml } from './html';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  // Not no-referrer: under it a browser sends `Origin: null` with the page's own form posts.
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export function sendBody(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': contentType,
    'Content-Length': String(bytes.length),
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : bytes);
}

export function sendHtml(res: ServerResponse, status: number, page: SafeHtml): void {
  sendBody(res, status, 'text/html; charset=utf-8', page.text);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendBody(res, status, 'text/plain; charset=utf-8', text.endsWith('\n') ? text : `${text}\n`, headers);
}

/** 303 See Other: after a form's POST, the browser GETs `location` (no resubmission on reload). */
export function redirectAfterPost(res: ServerResponse, location: string): void {
  sendBody(res, 303, 'text/plain; charset=utf-8', `see ${location}\n`, { Location: location });
}
