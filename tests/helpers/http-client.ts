/**
 * A small HTTP client for the web view and device page tests: Basic credentials, form posts,
 * and an event-stream reader that collects server-sent events until a condition holds, bounded
 * in time.
 */
import http from 'node:http';

export const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

export interface ServerSentEvent {
  readonly event: string;
  readonly data: string;
}

/** Posts a form; `origin` as a browser would send it (defaults to the target's own). */
export function postForm(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams(fields),
    headers: { Origin: new URL(url).origin, ...headers },
  });
}

/**
 * Opens `url` as an event stream and resolves with the events received up to and including the
 * first for which `done` is true; rejects after `timeoutMs` naming what it waited for.
 */
export function readEventsUntil(
  url: string,
  headers: Record<string, string>,
  what: string,
  done: (e: ServerSentEvent, all: readonly ServerSentEvent[]) => boolean,
  timeoutMs = 10_000,
  onOpen?: () => void,
): Promise<ServerSentEvent[]> {
  return new Promise((resolve, reject) => {
    const events: ServerSentEvent[] = [];
    let buffered = '';
    const req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        req.destroy();
        reject(new Error(`event stream answered ${res.statusCode ?? '?'}`));
        return;
      }
      onOpen?.();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const lines = block.split('\n');
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          if (event === undefined) continue;
          const data = lines
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          const e = { event, data };
          events.push(e);
          if (done(e, events)) {
            clearTimeout(timer);
            req.destroy();
            resolve(events);
            return;
          }
        }
      });
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`gave up waiting for ${what} (${events.length} events received)`));
    }, timeoutMs);
  });
}
