/**
 * Throughput: one 256 MiB file downloaded from our PRINT$ and from smbd serving the same
 * directory, by Samba's smbclient and by our own SMB2 client, in alternating pairs (ours first on
 * even pairs, smbd first on odd ones, so drift on a shared machine falls on both sides), over
 * SMB 3.1.1 signed, 3.1.1 unsigned, 2.1 signed and 2.1 unsigned, and encrypted (3.1.1 with each
 * AES-128/256 GCM/CCM cipher, 3.0 with AES-128-CCM; throughput-configs.ts). A plain loopback TCP
 * copy of the same file between two node processes, with the downloads' 8 MiB buffers, is the ceiling.
 *
 * MB/s is 10^6 bytes per second of wall time, from spawning smbclient (or connecting our client)
 * to the last byte: connection setup is part of a download. The transfer rate leaves the setup
 * out (smbclient's process start, NEGOTIATE, SESSION_SETUP and TREE_CONNECT: 30-40 ms of a 160 ms
 * download, measured with `-c exit`): it runs from the client's CREATE to its CLOSE, as the TCP
 * ceiling runs from the connection to the last byte, so the two compare.
 */
import { execFile, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Smb2Client } from '../lib/smb2/client/smb2-client';
import { cpuSeconds } from './cpu-time';
import type { ProcessSelector } from './memory';
import { BIG_FILE } from './print-dollar';
import { SAMBA_TOOLS } from './samba';
import { median, medianRatio } from './stats';
import { THROUGHPUT_CONFIGS, type ThroughputConfig } from './throughput-configs';

const execFileAsync = promisify(execFile);

export interface Endpoint {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The server's processes, for its CPU time. */
  readonly processes?: ProcessSelector;
}

/** Lets a forking server reap the per-client process before its CPU time is read. */
const SETTLE_MS = 150;

export interface DownloadResult {
  readonly seconds: number;
  readonly mbps: number;
  /** MB/s of the transfer alone: CREATE to CLOSE (smbclient's own clock for smbclient). */
  readonly transferMbps: number;
}

export async function smbclientDownload(
  endpoint: Endpoint,
  config: ThroughputConfig,
  size: number,
): Promise<DownloadResult> {
  const args = [
    '-p',
    String(endpoint.port),
    '//127.0.0.1/print$',
    '-U',
    `${endpoint.user}%${endpoint.password}`,
    '-m',
    config.maxProtocol,
    ...(config.encryption !== undefined
      ? ['--client-protection=encrypt', `--option=client smb3 encryption algorithms=${config.encryption.sambaName}`]
      : [`--client-protection=${config.signed ? 'sign' : 'off'}`]),
    '-c',
    `get ${BIG_FILE} /dev/null`,
  ];
  const start = performance.now();
  const { stdout, stderr } = await execFileAsync(SAMBA_TOOLS.smbclient, args, { timeout: 180000 });
  const seconds = (performance.now() - start) / 1000;
  const text = stdout + stderr;
  if (!new RegExp(`of size ${size} as`).test(text))
    throw new Error(`smbclient did not download ${size} bytes: ${text.trim()}`);
  // smbclient's "average KiloBytes/sec" of its get (KiB/s, from its open of the file to its close).
  const m = /\(average ([\d.]+) KiloBytes\/sec\)/.exec(text);
  if (!m) throw new Error(`smbclient printed no transfer rate: ${text.trim()}`);
  return { seconds, mbps: size / seconds / 1e6, transferMbps: (Number(m[1]) * 1024) / 1e6 };
}

export async function ourClientDownload(
  endpoint: Endpoint,
  config: ThroughputConfig,
  size: number,
): Promise<DownloadResult> {
  const start = performance.now();
  const client = await Smb2Client.connect({
    host: '127.0.0.1',
    port: endpoint.port,
    dialects: [config.dialect],
    signing: config.signed ? 'required' : 'enabled',
    ...(config.encryption !== undefined && { encryption: 'required', ciphers: [config.encryption.cipher] }),
    timeoutMs: 120000,
  });
  try {
    const session = await client.login({ user: endpoint.user, password: endpoint.password });
    if (session.signed !== config.signed) throw new Error(`session signed=${session.signed}, wanted ${config.signed}`);
    if (session.encrypted !== (config.encryption !== undefined))
      throw new Error(`session encrypted=${session.encrypted}, wanted ${config.encryption !== undefined}`);
    if (config.encryption !== undefined && client.negotiation.cipher !== config.encryption.cipher)
      throw new Error(`cipher 0x${client.negotiation.cipher?.toString(16) ?? 'none'} negotiated`);
    const tree = await session.treeConnect('PRINT$');
    // Like smbclient's `get big.bin /dev/null`: the data is counted and dropped, and each READ's
    // buffer goes back to the connection for a later READ.
    let received = 0;
    const transferStart = performance.now();
    await tree.readFileToSink(BIG_FILE, (chunk) => {
      received += chunk.length;
    });
    const end = performance.now();
    if (received !== size) throw new Error(`our client received ${received} of ${size} bytes`);
    const seconds = (end - start) / 1000;
    return { seconds, mbps: size / seconds / 1e6, transferMbps: size / ((end - transferStart) / 1000) / 1e6 };
  } finally {
    await client.close();
  }
}

/** Starts tcp-source.js on the file; returns its port and a stop function. */
async function startTcpSource(file: string): Promise<{ port: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(__dirname, 'tcp-source.js'), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on [^\s:]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`tcp-source exited with ${code}`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function tcpDownload(port: number, size: number): Promise<DownloadResult> {
  const start = performance.now();
  const received = await new Promise<number>((resolve, reject) => {
    let n = 0;
    // Like our client (and smbclient's recv into its READ buffer): the socket reads into one
    // reused buffer of MaxReadSize, not into a fresh 64 KiB buffer per 'data' event.
    const socket = connect({
      port,
      host: '127.0.0.1',
      onread: {
        buffer: Buffer.allocUnsafe(8 * 1024 * 1024),
        callback: (bytes) => {
          n += bytes;
          return true;
        },
      },
    });
    socket.once('end', () => resolve(n));
    socket.once('error', reject);
  });
  if (received !== size) throw new Error(`TCP copy received ${received} of ${size} bytes`);
  const seconds = (performance.now() - start) / 1000;
  return { seconds, mbps: size / seconds / 1e6, transferMbps: size / seconds / 1e6 };
}

export interface PairedRow {
  readonly client: 'smbclient' | 'pointprint client';
  readonly config: string;
  readonly oursMbps: readonly number[];
  readonly sambaMbps: readonly number[];
  readonly oursMedianMbps: number;
  readonly sambaMedianMbps: number;
  /** The TCP ceiling measured once per pair, beside the row's downloads. */
  readonly ceilingMbps: readonly number[];
  /** The transfer alone (DownloadResult.transferMbps), per download and median. */
  readonly oursTransferMbps: readonly number[];
  readonly sambaTransferMbps: readonly number[];
  readonly oursMedianTransferMbps: number;
  readonly sambaMedianTransferMbps: number;
  /** Server CPU seconds per 10^9 bytes sent, per download. */
  readonly oursCpuPerGB: readonly number[];
  readonly sambaCpuPerGB: readonly number[];
  readonly oursMedianCpuPerGB: number;
  readonly sambaMedianCpuPerGB: number;
  /** Median of the per-pair ratios ours/smbd. */
  readonly ratio: number;
  /** Medians of the per-pair ratios of the transfer alone to the pair's ceiling. */
  readonly oursOfCeiling: number;
  readonly sambaOfCeiling: number;
  /** The first failure, when a side could not download (the row's figures cover the pairs before it). */
  readonly error?: string;
}

export interface ThroughputResult {
  readonly fileBytes: number;
  readonly pairs: number;
  readonly tcpCeilingMbps: readonly number[];
  readonly tcpCeilingMedianMbps: number;
  readonly rows: readonly PairedRow[];
  /** The configurations measured, when `--rows` chose some (all of THROUGHPUT_CONFIGS otherwise). */
  readonly configs?: readonly string[];
}

export interface ThroughputOptions {
  readonly ours: Endpoint;
  readonly samba: Endpoint;
  readonly file: string;
  readonly size: number;
  readonly pairs: number;
  readonly log: (line: string) => void;
  /** The configurations to measure (default: all). */
  readonly configs?: readonly ThroughputConfig[];
}

type Download = (endpoint: Endpoint, config: ThroughputConfig, size: number) => Promise<DownloadResult>;

async function pairs(
  o: ThroughputOptions,
  client: PairedRow['client'],
  download: Download,
  config: ThroughputConfig,
  ceiling: () => Promise<number>,
): Promise<PairedRow> {
  // The ceiling moves with the machine (2.6 and 3.1 GB/s in two runs an hour apart): each pair
  // measures it again, and a download is compared with its own pair's.
  const ceilings: number[] = [];
  const ours: number[] = [];
  const samba: number[] = [];
  const oursTransfer: number[] = [];
  const sambaTransfer: number[] = [];
  const oursCpu: number[] = [];
  const sambaCpu: number[] = [];
  let error: string | undefined;
  pairing: for (let i = 0; i < o.pairs; i++) {
    ceilings.push(await ceiling());
    const order = i % 2 === 0 ? (['ours', 'samba'] as const) : (['samba', 'ours'] as const);
    for (const side of order) {
      const endpoint = side === 'ours' ? o.ours : o.samba;
      try {
        const cpu0 = endpoint.processes ? cpuSeconds(endpoint.processes) : Number.NaN;
        const r = await download(endpoint, config, o.size);
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        const cpu = endpoint.processes ? cpuSeconds(endpoint.processes) - cpu0 : Number.NaN;
        (side === 'ours' ? ours : samba).push(r.mbps);
        (side === 'ours' ? oursTransfer : sambaTransfer).push(r.transferMbps);
        (side === 'ours' ? oursCpu : sambaCpu).push(cpu / (o.size / 1e9));
      } catch (err) {
        // A side that fails once fails every time (a refusal, not noise): keep the other side's
        // figure for the table and say why.
        error = `${side === 'ours' ? 'pointprint' : 'smbd'}: ${err instanceof Error ? err.message : String(err)}`;
        break pairing;
      }
    }
  }
  const row: PairedRow = {
    client,
    config: config.name,
    oursMbps: ours,
    sambaMbps: samba,
    oursMedianMbps: median(ours),
    sambaMedianMbps: median(samba),
    oursTransferMbps: oursTransfer,
    sambaTransferMbps: sambaTransfer,
    oursMedianTransferMbps: median(oursTransfer),
    sambaMedianTransferMbps: median(sambaTransfer),
    oursCpuPerGB: oursCpu,
    sambaCpuPerGB: sambaCpu,
    oursMedianCpuPerGB: median(oursCpu),
    sambaMedianCpuPerGB: median(sambaCpu),
    ratio: medianRatio(ours, samba),
    ceilingMbps: ceilings,
    oursOfCeiling: medianRatio(oursTransfer, ceilings),
    sambaOfCeiling: medianRatio(sambaTransfer, ceilings),
    ...(error !== undefined && { error }),
  };
  o.log(
    `  ${client}, ${config.name}: ours ${row.oursMedianMbps.toFixed(0)} MB/s, smbd ${row.sambaMedianMbps.toFixed(0)} MB/s, ` +
      `ratio ${row.ratio.toFixed(2)}, transfer alone ours ${row.oursMedianTransferMbps.toFixed(0)} smbd ${row.sambaMedianTransferMbps.toFixed(0)} MB/s ` +
      `(${(100 * row.oursOfCeiling).toFixed(0)}% and ${(100 * row.sambaOfCeiling).toFixed(0)}% of the ceiling), server CPU s/GB ours ${row.oursMedianCpuPerGB.toFixed(2)} smbd ${row.sambaMedianCpuPerGB.toFixed(2)}${error !== undefined ? ` (failed: ${error})` : ''}`,
  );
  return row;
}

export async function runThroughput(o: ThroughputOptions): Promise<ThroughputResult> {
  const source = await startTcpSource(o.file);
  const ceiling: number[] = [];
  const smbclientRows: PairedRow[] = [];
  const ourClientRows: PairedRow[] = [];
  const configs = o.configs ?? THROUGHPUT_CONFIGS;
  try {
    const sample = async (): Promise<number> => (await tcpDownload(source.port, o.size)).mbps;
    for (let i = 0; i < o.pairs; i++) ceiling.push(await sample());
    o.log(`  TCP loopback ceiling: ${median(ceiling).toFixed(0)} MB/s`);
    // Both clients of a configuration run back to back, so that "our client/smbclient" compares
    // downloads minutes apart at most on a machine whose load moves.
    for (const config of configs) {
      smbclientRows.push(await pairs(o, 'smbclient', smbclientDownload, config, sample));
      ourClientRows.push(await pairs(o, 'pointprint client', ourClientDownload, config, sample));
    }
  } finally {
    await source.stop();
  }
  const rows = [...smbclientRows, ...ourClientRows];
  return {
    fileBytes: o.size,
    pairs: o.pairs,
    tcpCeilingMbps: ceiling,
    tcpCeilingMedianMbps: median(ceiling),
    rows,
    ...(configs !== THROUGHPUT_CONFIGS && { configs: configs.map((c) => c.name) }),
  };
}

/** One download per configuration and client against our server: the workload of the profile. */
export async function throughputProfileWorkload(
  ours: Endpoint,
  size: number,
  configs: readonly ThroughputConfig[] = THROUGHPUT_CONFIGS,
): Promise<void> {
  for (const config of configs) {
    await smbclientDownload(ours, config, size);
    await ourClientDownload(ours, config, size).catch(() => undefined);
  }
}
