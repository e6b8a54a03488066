/**
 * What the project's HTTP servers read from a request: the path, a bounded form body, whether
 * the caller wants JSON back, and whether a state-changing request comes from another site.
 *
 * Cross-site requests: a browser sends the Basic credentials it has for an origin with any
 * request to it, a form POST from another site included (CSRF). Browsers send `Origin` with
 * every POST (and `Sec-Fetch-Site`); a POST whose Origin is not the server's own is refused.
 * Clients that are not browsers send neither header and cannot be driven by another site.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error';

/** Form bodies of these servers carry a few short fields. */
export const MAX_FORM_BODY = 16 * 1024;

/** The decoded path of the request, without its query. */
export function requestPath(req: IncomingMessage): string {
  const raw = (req.url ?? '/').split('?')[0] ?? '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'bad percent-encoding in the path');
  }
}

/** An `application/x-www-form-urlencoded` body (what HTML forms and URLSearchParams send). */
export async function readFormBody(req: IncomingMessage, limit = MAX_FORM_BODY): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, 'expected an application/x-www-form-urlencoded body');
  }
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw new HttpError(413, `the body is over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `the body is over ${limit} bytes`);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The script of a page asks for JSON (Accept); a plain form submission gets a redirect. */
export function wantsJson(req: IncomingMessage): boolean {
  return /\bapplication\/json\b/i.test(req.headers.accept ?? '');
}

/** True for a request another site's page made the browser send. */
export function isCrossSiteRequest(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host.toLowerCase() !== (req.headers.host ?? '').toLowerCase();
  } catch {
    // `Origin: null` (a sandboxed or file: page) is not this server.
    return true;
  }
}

/** Refuses a state-changing request sent from another site (403). */
export function requireSameOrigin(req: IncomingMessage): void {
  if (isCrossSiteRequest(req)) throw new HttpError(403, 'cross-site request refused');
}
