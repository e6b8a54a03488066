/**
 * `npm run bench -- --only limits`: our server's memory and availability under the attacks of
 * issue 13 (items 1-3), against `pointprint serve` with its default limits, on 127.0.0.1:
 *
 *   compound READs   4 logged-on connections, each one frame of 60 READs of 8 MiB (credits
 *                    inside the window): every READ answered, peak server RSS under 300 MB
 *   flood            200 slowloris sockets (one byte a second) and 2,000 idle sockets from
 *                    127.0.0.2: a quarter of the limit is served, the rest of the limit waits,
 *                    the others are refused; smbclient from 127.0.0.1 is served (it takes the place
 *                    of one of them); all are gone after the deadline to negotiate
 *   come and go      20 logged-on clients each open 200 files, read, and hold half an 8 MiB
 *                    frame; they leave; RSS returns within 20% of idle
 *
 * Idle is measured once the server has served one client (its code compiled, its pools made), so
 * that what is compared is what the clients left behind.
 */
import { execFile } from 'node:child_process';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { BIG_FILE, type PrintDollarTree } from './print-dollar';
import { BENCH_USER, type PointprintServer } from './pointprint-server';
import { rssBytes, sampleMemory, singleProcess } from './memory';
import { RawSmb2 } from './raw-smb2';
import { formatTable, type Cell } from './table';

const run = promisify(execFile);
const MiB = 2 ** 20;
const RSS_LIMIT = 300 * 1e6;
/** The default deadline to negotiate (lib/smb2/server/server-limits.ts), and a margin. */
const NEGOTIATE_DEADLINE_MS = 30000;

export interface LimitsRow {
  readonly scenario: string;
  readonly measure: string;
  readonly value: number | string;
  readonly target: string;
  readonly ok: boolean;
}

export interface LimitsResult {
  readonly rows: LimitsRow[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;

async function smbclientServed(port: number): Promise<{ ok: boolean; ms: number }> {
  const start = Date.now();
  try {
    const { stdout } = await run(
      '/usr/bin/smbclient',
      ['-p', String(port), '//127.0.0.1/print$', '-U', `${BENCH_USER.name}%${BENCH_USER.password}`, '-c', 'ls'],
      { timeout: 60000, env: { ...process.env, HOME: tmpdir() } },
    );
    return { ok: /blocks of size/.test(stdout), ms: Date.now() - start };
  } catch {
    return { ok: false, ms: Date.now() - start };
  }
}

async function compoundReads(server: PointprintServer, log: (s: string) => void): Promise<LimitsRow[]> {
  const sampler = sampleMemory(singleProcess(server.pid), { intervalMs: 100 });
  const connections = await Promise.all(
    [0, 1, 2, 3].map(async () => {
      const c = await RawSmb2.connect(server.port);
      await c.logon(BENCH_USER.name, BENCH_USER.password, 'print$', 8192);
      return { c, fileId: await c.open(BIG_FILE) };
    }),
  );
  const start = Date.now();
  const statuses = await Promise.all(
    connections.map(({ c, fileId }) =>
      c.sendCompound(Array.from({ length: 60 }, (_, i) => c.read(fileId, (i % 4) * 4096, 8 * MiB))),
    ),
  );
  const seconds = (Date.now() - start) / 1000;
  const peak = sampler.stop();
  const answered = statuses.flat().filter((s) => s === 0).length;
  const received = connections.reduce((n, { c }) => n + c.bytesReceived, 0);
  for (const { c } of connections) c.close();
  log(
    `  compound READs: ${answered}/240 answered, ${mb(received)} MB in ${seconds.toFixed(1)} s, peak RSS ${mb(peak.peakRssBytes)} MB`,
  );
  return [
    { scenario: 'compound READs', measure: 'READs answered', value: answered, target: '240', ok: answered === 240 },
    { scenario: 'compound READs', measure: 'MB sent', value: mb(received), target: '-', ok: true },
    {
      scenario: 'compound READs',
      measure: 'peak server RSS MB',
      value: mb(peak.peakRssBytes),
      target: '< 300',
      ok: peak.peakRssBytes < RSS_LIMIT,
    },
  ];
}

interface Held {
  readonly socket: net.Socket;
  closed: boolean;
}

function socketFrom(port: number, localAddress: string): Promise<Held> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    const held: Held = { socket, closed: false };
    socket.on('close', () => (held.closed = true));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve(held));
    socket.once('error', () => resolve(held));
  });
}

async function flood(server: PointprintServer, log: (s: string) => void): Promise<LimitsRow[]> {
  const sampler = sampleMemory(singleProcess(server.pid), { intervalMs: 200 });
  const slow: Held[] = [];
  for (let i = 0; i < 200; i++) {
    const h = await socketFrom(server.port, '127.0.0.2');
    // A frame header announcing 200 bytes, then one byte a second: the frame never completes.
    if (!h.closed) h.socket.write(Buffer.from([0, 0, 0, 200]));
    slow.push(h);
  }
  const drip = setInterval(() => {
    for (const h of slow) if (!h.closed) h.socket.write(Buffer.from([0xfe]));
  }, 1000);
  const idle: Held[] = [];
  for (let i = 0; i < 2000; i++) idle.push(await socketFrom(server.port, '127.0.0.2'));
  await sleep(1000);
  const heldSlow = slow.filter((h) => !h.closed).length;
  const heldIdle = idle.filter((h) => !h.closed).length;
  const served = await smbclientServed(server.port);
  log(
    `  flood: ${heldSlow} slowloris and ${heldIdle} idle sockets held; smbclient served: ${served.ok} in ${served.ms} ms`,
  );
  await sleep(NEGOTIATE_DEADLINE_MS + 2000 - 1000);
  const slowLeft = slow.filter((h) => !h.closed).length;
  const idleLeft = idle.filter((h) => !h.closed).length;
  clearInterval(drip);
  for (const h of [...slow, ...idle]) h.socket.destroy();
  const peak = sampler.stop();
  log(`  flood: after the deadline to negotiate ${slowLeft} slowloris and ${idleLeft} idle sockets left`);
  const row = (measure: string, value: number | string, target: string, ok: boolean): LimitsRow => ({
    scenario: '200 slowloris + 2,000 idle from 127.0.0.2',
    measure,
    value,
    target,
    ok,
  });
  return [
    // 256 served (a quarter of the limit), the others waiting unread, the rest refused.
    row('sockets held before logon', heldSlow + heldIdle, '<= 1024 (the limit)', heldSlow + heldIdle <= 1024),
    row('sockets refused', 2200 - heldSlow - heldIdle, '>= 1176', heldSlow + heldIdle <= 1024),
    row('smbclient from 127.0.0.1 served', served.ok ? 'yes' : 'no', 'yes', served.ok),
    row('smbclient ms', served.ms, '-', true),
    row('held after the negotiate deadline', slowLeft + idleLeft, '0', slowLeft + idleLeft === 0),
    row('peak server RSS MB', mb(peak.peakRssBytes), '-', true),
  ];
}

/** One client's visit: logon, `opens` opens, a 1 MiB read, and half an 8 MiB frame held. */
async function visit(port: number, opens: number): Promise<RawSmb2> {
  const c = await RawSmb2.connect(port);
  await c.logon(BENCH_USER.name, BENCH_USER.password, 'print$', 1024);
  let big = await c.open(BIG_FILE);
  for (let i = 1; i < opens; i++) big = await c.open(BIG_FILE);
  await c.send(c.read(big, 0, MiB));
  const frame = c.paddedEcho(8 * MiB);
  const wire = Buffer.concat([
    Buffer.from([0, frame.bytes.length >> 16, (frame.bytes.length >> 8) & 0xff, frame.bytes.length & 0xff]),
    frame.bytes,
  ]);
  c.socket.write(wire.subarray(0, wire.length / 2));
  return c;
}

async function comeAndGo(server: PointprintServer, log: (s: string) => void): Promise<LimitsRow[]> {
  // Warm up: one client's visit compiles the code paths and makes the pools.
  (await visit(server.port, 10)).close();
  await sleep(5000);
  const idle = rssBytes(server.pid);
  const sampler = sampleMemory(singleProcess(server.pid), { intervalMs: 100 });
  // Through the teardown too: budget given back by a closing connection goes to one still waiting
  // (it reads the rest of its frame before it sees its peer's close).
  const whole = sampleMemory(singleProcess(server.pid), { intervalMs: 100 });
  const clients = await Promise.all(Array.from({ length: 20 }, () => visit(server.port, 200)));
  await sleep(3000);
  for (const c of clients) c.close();
  const peak = sampler.stop();
  let after = rssBytes(server.pid);
  // Give the server time to notice the closes, trim its pools and collect (memory-reclaim.ts: a
  // collection 3 s after the last close, and another 10 s later for V8's young generation).
  for (let waited = 0; waited < 30000 && after > idle * 1.2; waited += 1000) {
    await sleep(1000);
    after = rssBytes(server.pid);
  }
  const teardown = whole.stop();
  log(
    `  come and go: idle ${mb(idle)} MB, peak ${mb(peak.peakRssBytes)} MB (${mb(teardown.peakRssBytes)} with the teardown), after ${mb(after)} MB`,
  );
  const row = (measure: string, value: number, target: string, ok: boolean): LimitsRow => ({
    scenario: '20 clients come and go',
    measure,
    value,
    target,
    ok,
  });
  return [
    row('idle server RSS MB', mb(idle), '-', true),
    row('peak server RSS MB', mb(peak.peakRssBytes), '-', true),
    row('peak server RSS MB, teardown included', mb(teardown.peakRssBytes), '-', true),
    row('server RSS after MB', mb(after), `<= ${mb(idle * 1.2)} (idle + 20%)`, after <= idle * 1.2),
  ];
}

/** Runs the three scenarios, each on a fresh server. */
export async function runLimits(
  tree: PrintDollarTree,
  start: () => Promise<PointprintServer>,
  stop: (s: PointprintServer) => Promise<void>,
  log: (s: string) => void,
): Promise<LimitsResult> {
  if (tree.bigFileSize < 8 * MiB + 3 * 4096) throw new Error('the limits benchmark needs a big.bin of 8 MiB or more');
  const rows: LimitsRow[] = [];
  for (const scenario of [compoundReads, flood, comeAndGo]) {
    const server = await start();
    try {
      rows.push(...(await scenario(server, log)));
    } finally {
      await stop(server);
    }
  }
  return { rows };
}

export function limitsTable(r: LimitsResult): string {
  const rows: Cell[][] = r.rows.map((x) => [x.scenario, x.measure, x.value, x.target, x.ok ? 'ok' : 'FAILED']);
  return formatTable(
    'Limits: our server under the attacks of issue 13',
    ['scenario', 'measure', 'value', 'target', ''],
    rows,
  );
}
