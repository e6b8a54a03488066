/**
 * Progress of large downloads on a terminal: wraps a connector so each PRINT$ stream it opens
 * reports bytes as they arrive, as one rewritten line on stderr (stdout stays the command's).
 */
import { Transform } from 'node:stream';
import type { PrintServerConnection, PrintServerConnector } from '../client/print-server-connection';

/** Below this, a download is over before a progress line would help. */
export const PROGRESS_MIN_BYTES = 1024 * 1024;

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

export function withDownloadProgress(
  connector: PrintServerConnector,
  write: (s: string) => void,
): PrintServerConnector {
  return async (serverName, options) => {
    const connection = await connector(serverName, options);
    const files: PrintServerConnection['files'] = {
      async openRead(uncPath) {
        const opened = await connection.files.openRead(uncPath);
        if (opened.size < PROGRESS_MIN_BYTES) return opened;
        const name = uncPath.slice(uncPath.lastIndexOf('\\') + 1);
        let done = 0;
        let lastPercent = -1;
        const counter = new Transform({
          transform(chunk: Buffer, _enc, callback) {
            done += chunk.length;
            const percent = Math.floor((done * 100) / opened.size);
            if (percent !== lastPercent) {
              lastPercent = percent;
              write(`\r  ${name}  ${String(percent).padStart(3)}%  ${mib(done)} / ${mib(opened.size)}`);
              if (done >= opened.size) write('\n');
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
