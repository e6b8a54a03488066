/**
 * Where a storm flow's time goes on the client side (issue 18): for every TCP connection a flow
 * opens, when the connect started, when the socket connected, when its first request was written
 * and handed to the kernel (the write's callback), and when the first bytes of an answer were read,
 * plus the client process's event-loop delay. A flow is known by an AsyncLocalStorage store set
 * around it; the sockets are seen through node's `net.client.socket` diagnostics channel, so the
 * client library is measured as it is, unchanged.
 *
 * The first read is seen by wrapping the socket's `onread` callback (the SMB2 client reads into
 * its own buffers, so no 'data' event is emitted); node keeps it under the symbol kBufferCb.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** Times in ms from the flow's start; undefined when it did not happen. */
export interface SocketTrace {
  readonly connectStart: number;
  connected?: number;
  firstWrite?: number;
  firstWriteFlushed?: number;
  firstRead?: number;
}

export interface FlowTrace {
  readonly flow: number;
  readonly start: number;
  readonly sockets: SocketTrace[];
}

const flowStore = new AsyncLocalStorage<FlowTrace>();

function readCallbackSymbol(socket: Socket): symbol | undefined {
  return Object.getOwnPropertySymbols(socket).find((s) => s.description === 'kBufferCb');
}

function watch(socket: Socket, trace: FlowTrace): void {
  const since = (): number => performance.now() - trace.start;
  const entry: SocketTrace = { connectStart: since() };
  trace.sockets.push(entry);
  socket.once('connect', () => (entry.connected = since()));
  const write = socket.write.bind(socket) as (chunk: unknown, cb?: (err?: Error | null) => void) => boolean;
  (socket as { write: unknown }).write = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (entry.firstWrite !== undefined) return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    entry.firstWrite = since();
    const cb = rest.find((r): r is (err?: Error | null) => void => typeof r === 'function');
    return write(chunk, (err) => {
      entry.firstWriteFlushed = since();
      cb?.(err);
    });
  };
  const key = readCallbackSymbol(socket);
  const holder = socket as unknown as Record<symbol, unknown>;
  const onread = key !== undefined ? holder[key] : undefined;
  if (key !== undefined && typeof onread === 'function') {
    holder[key] = (n: number, buffer: Uint8Array): unknown => {
      if (n > 0) entry.firstRead ??= since();
      return (onread as (n: number, buffer: Uint8Array) => unknown)(n, buffer);
    };
  } else socket.once('data', () => (entry.firstRead ??= since()));
}

let subscribed = false;

/** Starts watching the sockets flows open; returns the loop-delay monitor (ms figures). */
export function startTracing(): { stop: () => { maxMs: number; p99Ms: number } } {
  if (!subscribed) {
    subscribed = true;
    subscribe('net.client.socket', (message) => {
      const trace = flowStore.getStore();
      const socket = (message as { socket?: Socket }).socket;
      if (trace !== undefined && socket !== undefined) watch(socket, trace);
    });
  }
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  return {
    stop: () => {
      delay.disable();
      return { maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6 };
    },
  };
}

/** Runs one flow with its trace as the async context. */
export function traced<T>(
  flow: number,
  start: number,
  run: () => Promise<T>,
): { trace: FlowTrace; result: Promise<T> } {
  const trace: FlowTrace = { flow, start, sockets: [] };
  return { trace, result: flowStore.run(trace, run) };
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function gap(traces: readonly SocketTrace[], from: keyof SocketTrace, to: keyof SocketTrace): string {
  const d = traces.flatMap((t) => {
    const a = t[from];
    const b = t[to];
    return a !== undefined && b !== undefined ? [b - a] : [];
  });
  const m = median(d);
  return m === undefined ? '-' : `${(m / 1000).toFixed(1)} s (max ${(Math.max(...d) / 1000).toFixed(1)})`;
}

/**
 * One paragraph on the failed flows: their last socket's gaps (medians and maxima), how many had
 * answer bytes read before they failed, and a few flows in full.
 */
export function describeFailedFlows(failed: readonly { trace: FlowTrace; failedAt: number }[]): string {
  const last = failed.flatMap(({ trace, failedAt }) => {
    const s = trace.sockets.at(-1);
    return s === undefined ? [] : [{ s, failedAt }];
  });
  const sockets = last.map(({ s }) => s);
  const answered = last.filter(({ s, failedAt }) => s.firstRead !== undefined && s.firstRead < failedAt).length;
  const toFailure = last.flatMap(({ s, failedAt }) => (s.firstWrite !== undefined ? [failedAt - s.firstWrite] : []));
  const m = median(toFailure);
  const samples = failed.slice(0, 3).map(({ trace, failedAt }) => {
    const socketsText = trace.sockets
      .map((s) =>
        [s.connectStart, s.connected, s.firstWrite, s.firstWriteFlushed, s.firstRead]
          .map((t) => (t === undefined ? '-' : (t / 1000).toFixed(2)))
          .join('/'),
      )
      .join(' ');
    return `flow ${trace.flow}: sockets [connect/connected/write/flushed/read s] ${socketsText}; failed at ${(failedAt / 1000).toFixed(2)} s`;
  });
  return [
    `${failed.length} failed flows; on their last socket: connect->connected ${gap(sockets, 'connectStart', 'connected')},` +
      ` connected->first write ${gap(sockets, 'connected', 'firstWrite')}, write->flushed ${gap(sockets, 'firstWrite', 'firstWriteFlushed')},` +
      ` write->first answer bytes ${gap(sockets, 'firstWrite', 'firstRead')}, write->failure ${m === undefined ? '-' : (m / 1000).toFixed(1) + ' s'};` +
      ` ${answered} of ${last.length} had answer bytes read before failing`,
    ...samples,
  ].join('\n  ');
}
