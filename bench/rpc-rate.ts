/**
 * RPC rate: RpcEnumPrinterDataEx (opnum 79) on the printer's CopyFiles\ICM key, back to back, on
 * one connection and on 16 connections at once, for a fixed window; ours and smbd alternate
 * rounds. Each connection is our SMB2 client (signed 3.1.1 session, IPC$, \pipe\spoolss, MS-RPRN
 * bind, one OpenPrinterEx); each call offers a 4 KiB buffer, so it is one request and one answer
 * (no size probe), and its answer is decoded and checked.
 *
 * The two servers do different work for the same call: ours runs the key's Point-and-Print module
 * (GenerateCopyFilePaths) and adds SourceDir/TargetDir as Windows does; Samba returns the three
 * stored values.
 */
import { performance } from 'node:perf_hooks';
import { ProcessorArchitecture } from '../lib/point-and-print/constants';
import { RpcClient } from '../lib/rpc/client/rpc-client';
import { MSRPC_UUID_RPRN } from '../lib/rpc/constants';
import { RprnOpnum } from '../lib/rpc/rprn/opnums';
import { RprnClient, type RprnHandle } from '../lib/rpc/rprn/client/rprn-client';
import { decodeResponseStub, encodeRequestStub } from '../lib/rpc/ndr/ndr-message';
import { RpcEnumPrinterDataEx } from '../lib/rpc/rprn/messages/enum-printer-data-ex';
import { decodePrinterEnumValues } from '../lib/rpc/rprn/structures/printer-enum-values';
import { Smb2Client } from '../lib/smb2/client/smb2-client';
import { AccessMask } from '../lib/spoolss/constants';
import { cpuSeconds } from './cpu-time';
import type { ProcessSelector } from './memory';
import { median, medianRatio } from './stats';

export interface RpcTarget {
  readonly name: 'pointprint' | 'smbd';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly printer: string;
  readonly processes?: ProcessSelector;
}

export const RPC_KEY = 'CopyFiles\\ICM';
const OFFERED = 4096;

interface SpoolssChannel {
  readonly rpc: RpcClient;
  readonly handle: RprnHandle;
  /** Values per answer (3 from smbd, 5 from ours with SourceDir/TargetDir). */
  readonly values: number;
  close(): Promise<void>;
}

async function openChannel(t: RpcTarget): Promise<SpoolssChannel> {
  const client = await Smb2Client.connect({ host: '127.0.0.1', port: t.port, signing: 'required', timeoutMs: 60000 });
  try {
    const session = await client.login({ user: t.user, password: t.password });
    const ipc = await session.treeConnect('IPC$');
    const pipe = await ipc.openPipe('spoolss');
    const rpc = await RpcClient.bind(pipe, {
      uuid: MSRPC_UUID_RPRN.uuid,
      version: MSRPC_UUID_RPRN.major,
      minor: MSRPC_UUID_RPRN.minor,
    });
    const rprn = new RprnClient(rpc, { serverName: '127.0.0.1' });
    // SPLCLIENT_INFO_1 as AddPrinterConnection sends it (a Windows 11 x64 client).
    const handle = await rprn.openPrinterEx(`\\\\127.0.0.1\\${t.printer}`, AccessMask.PRINTER_ACCESS_USE, {
      size: 28,
      machineName: '\\\\BENCH',
      userName: t.user,
      buildNum: 26100,
      majorVersion: 10,
      minorVersion: 0,
      processorArchitecture: ProcessorArchitecture.PROCESSOR_ARCHITECTURE_AMD64,
    });
    const values = await rprn.enumPrinterDataEx(handle, RPC_KEY);
    return {
      rpc,
      handle,
      values: values.length,
      close: async () => {
        await rprn.closePrinter(handle).catch(() => undefined);
        await client.close();
      },
    };
  } catch (err) {
    await client.close();
    throw err;
  }
}

async function callOnce(c: SpoolssChannel): Promise<void> {
  const request = encodeRequestStub(RpcEnumPrinterDataEx, {
    hPrinter: c.handle,
    keyName: RPC_KEY,
    cbEnumValues: OFFERED,
  });
  const res = decodeResponseStub(RpcEnumPrinterDataEx, await c.rpc.call(RprnOpnum.RpcEnumPrinterDataEx, request));
  if (res.status !== 0) throw new Error(`EnumPrinterDataEx returned WERROR ${res.status}`);
  const values = decodePrinterEnumValues(res.enumValues, res.count);
  if (values.length !== c.values)
    throw new Error(`EnumPrinterDataEx returned ${values.length} values, not ${c.values}`);
}

/** Calls per second over `seconds` on `connections` channels opened beforehand (setup is not timed). */
export async function measureRate(
  t: RpcTarget,
  connections: number,
  seconds: number,
): Promise<{ rate: number; values: number; serverCpuUsPerCall: number }> {
  const channels = await Promise.all(Array.from({ length: connections }, () => openChannel(t)));
  try {
    let calls = 0;
    const cpu0 = t.processes ? cpuSeconds(t.processes) : Number.NaN;
    const start = performance.now();
    const deadline = start + seconds * 1000;
    await Promise.all(
      channels.map(async (c) => {
        while (performance.now() < deadline) {
          await callOnce(c);
          calls++;
        }
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    const cpu = t.processes ? cpuSeconds(t.processes) - cpu0 : Number.NaN;
    return { rate: calls / elapsed, values: channels[0]?.values ?? 0, serverCpuUsPerCall: (cpu / calls) * 1e6 };
  } finally {
    await Promise.all(channels.map((c) => c.close()));
  }
}

export interface RpcRateRow {
  readonly connections: number;
  readonly oursPerSecond: readonly number[];
  readonly sambaPerSecond: readonly number[];
  readonly oursMedian: number;
  readonly sambaMedian: number;
  readonly ratio: number;
  readonly oursValues: number;
  readonly sambaValues: number;
  /** Median server CPU microseconds per call. */
  readonly oursCpuUsPerCall: number;
  readonly sambaCpuUsPerCall: number;
}

export interface RpcRateResult {
  readonly key: string;
  readonly windowSeconds: number;
  readonly rounds: number;
  readonly rows: readonly RpcRateRow[];
}

export async function runRpcRate(
  ours: RpcTarget,
  samba: RpcTarget,
  o: { readonly seconds: number; readonly rounds: number; readonly log: (line: string) => void },
): Promise<RpcRateResult> {
  const rows: RpcRateRow[] = [];
  for (const connections of [1, 16]) {
    const a: number[] = [];
    const b: number[] = [];
    const aCpu: number[] = [];
    const bCpu: number[] = [];
    let oursValues = 0;
    let sambaValues = 0;
    for (let i = 0; i < o.rounds; i++) {
      for (const side of i % 2 === 0 ? [ours, samba] : [samba, ours]) {
        const r = await measureRate(side, connections, o.seconds);
        if (side === ours) {
          a.push(r.rate);
          aCpu.push(r.serverCpuUsPerCall);
          oursValues = r.values;
        } else {
          b.push(r.rate);
          bCpu.push(r.serverCpuUsPerCall);
          sambaValues = r.values;
        }
      }
    }
    const row: RpcRateRow = {
      connections,
      oursPerSecond: a,
      sambaPerSecond: b,
      oursMedian: median(a),
      sambaMedian: median(b),
      ratio: medianRatio(a, b),
      oursValues,
      sambaValues,
      oursCpuUsPerCall: median(aCpu),
      sambaCpuUsPerCall: median(bCpu),
    };
    o.log(
      `  ${connections} connection(s): ours ${row.oursMedian.toFixed(0)}/s, smbd ${row.sambaMedian.toFixed(0)}/s, ratio ${row.ratio.toFixed(2)}`,
    );
    rows.push(row);
  }
  return { key: RPC_KEY, windowSeconds: o.seconds, rounds: o.rounds, rows };
}
