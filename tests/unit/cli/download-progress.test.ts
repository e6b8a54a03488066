/** The progress line of a long download: share done, bytes, speed and time left. */
import { PassThrough, Readable } from 'node:stream';
import type { PrintServerConnection, PrintServerConnector } from '../../../lib/client/print-server-connection';
import {
  formatDuration,
  formatProgress,
  PROGRESS_MIN_BYTES,
  withDownloadProgress,
} from '../../../lib/cli/download-progress';

const MiB = 1024 * 1024;

test('durations as m:ss and h:mm:ss', () => {
  expect(formatDuration(0)).toBe('0:00');
  expect(formatDuration(75)).toBe('1:15');
  expect(formatDuration(3725)).toBe('1:02:05');
});

test('speed and time left while it runs, total time at the end', () => {
  expect(formatProgress('big.cab', 10 * MiB, 40 * MiB, 2000)).toBe(
    'big.cab   25%  10.0 MiB / 40.0 MiB  5.0 MiB/s  0:06 left',
  );
  expect(formatProgress('big.cab', 0, 40 * MiB, 0)).toBe('big.cab    0%  0.0 MiB / 40.0 MiB  --  --:-- left');
  expect(formatProgress('big.cab', 40 * MiB, 40 * MiB, 8000)).toBe(
    'big.cab  100%  40.0 MiB / 40.0 MiB  5.0 MiB/s  0:08 total',
  );
});

test('a large PRINT$ read reports as it streams; the bytes pass through unchanged', async () => {
  const size = 2 * PROGRESS_MIN_BYTES;
  const data = Buffer.alloc(size, 7);
  const connection: PrintServerConnection = {
    serverName: 'NTPRINT',
    provider: {} as PrintServerConnection['provider'],
    files: {
      openRead: () => Promise.resolve({ size, stream: Readable.from([data.subarray(0, MiB), data.subarray(MiB)]) }),
    },
    close: () => Promise.resolve(),
  };
  const base: PrintServerConnector = () => Promise.resolve(connection);
  let clock = 0;
  const lines: string[] = [];
  const wrapped = await withDownloadProgress(
    base,
    (s) => lines.push(s),
    () => (clock += 500),
  )('NTPRINT', {});
  const { stream } = await wrapped.files.openRead('\\\\NTPRINT\\PRINT$\\x64\\3\\big.cab');
  const sinkStream = new PassThrough();
  const chunks: Buffer[] = [];
  sinkStream.on('data', (c: Buffer) => chunks.push(c));
  await new Promise((resolve) => (stream as Readable).pipe(sinkStream).on('finish', resolve));
  expect(Buffer.concat(chunks).equals(data)).toBe(true);
  // Each line rewrites the last one (\r) and clears what a longer one left (ESC [K).
  const last = lines.at(-1) ?? '';
  expect(last.startsWith('\r') && last.endsWith('\u001b[K\n')).toBe(true);
  expect(last.slice(1, -4)).toMatch(/^ {2}big\.cab {2}100% {2}2\.0 MiB \/ 2\.0 MiB {2}[\d.]+ MiB\/s {2}0:0\d total$/);
  expect(lines.some((l) => l.includes(' left'))).toBe(true);
});
