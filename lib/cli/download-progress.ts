/**
 * Progress of large downloads on a terminal: wraps a connector so each PRINT$ stream it opens
 * reports bytes as they arrive, as one rewritten line on stderr (stdout stays the command's):
 * the file, the share done, the bytes, the speed and the time left, as scp and curl show them.
 */
import { Transform } from 'node:stream';
import type { PrintServerConnection, PrintServerConnector } from '../client/print-server-connection';

/** Below this, a download is over before a progress line would help. */
export const PROGRESS_MIN_BYTES = 1024 * 1024;
/** How often the line is rewritten at most (the last one always is). */
const REDRAW_MS = 200;

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** `m:ss`, or `h:mm:ss` from an hour. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One progress line: `name  42%  10.0 MiB / 24.0 MiB  5.0 MiB/s  0:03 left`. */
export function formatProgress(name: string, done: number, size: number, elapsedMs: number): string {
  const percent = size > 0 ? Math.floor((done * 100) / size) : 100;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? done / seconds : 0;
  const tail =
    done >= size
      ? `${mib(rate)}/s  ${formatDuration(seconds)} total`
      : rate > 0
        ? `${mib(rate)}/s  ${formatDuration((size - done) / rate)} left`
        : '--  --:-- left';
  return `${name}  ${String(percent).padStart(3)}%  ${mib(done)} / ${mib(size)}  ${tail}`;
}

export function withDownloadProgress(
  connector: PrintServerConnector,
  write: (s: string) => void,
  now: () => number = Date.now,
): PrintServerConnector {
  return async (serverName, options) => {
    const connection = await connector(serverName, options);
    const files: PrintServerConnection['files'] = {
      async openRead(uncPath) {
        const opened = await connection.files.openRead(uncPath);
        if (opened.size < PROGRESS_MIN_BYTES) return opened;
        const name = uncPath.slice(uncPath.lastIndexOf('\\') + 1);
        const started = now();
        let done = 0;
        let drawn = 0;
        const counter = new Transform({
          transform(chunk: Buffer, _enc, callback) {
            done += chunk.length;
            const t = now();
            const last = done >= opened.size;
            if (last || t - drawn >= REDRAW_MS) {
              drawn = t;
              // Clear to the end of the line: the new line may be shorter than the old one.
              write(`\r  ${formatProgress(name, done, opened.size, t - started)}\u001b[K${last ? '\n' : ''}`);
            }
            callback(null, chunk);
          },
        });
        opened.stream.on('error', (err: Error) => counter.destroy(err));
        return { size: opened.size, stream: opened.stream.pipe(counter) };
      },
    };
    return { serverName: connection.serverName, provider: connection.provider, files, close: () => connection.close() };
  };
}
