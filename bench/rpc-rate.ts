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
 *
 * Beside it, ours over TCP as Windows 11 calls it: MS-PAR's RpcAsyncEnumPrinterDataEx (opnum 28,
 * the same stubs) on IRemoteWinspool, bound with SPNEGO at PKT_PRIVACY, every fragment sealed.
 * smbd serves no RPC over TCP: that row has no Samba figure.
 */
import { performance } from 'node:perf_hooks';
import { ProcessorArchitecture } from '../lib/point-and-print/constants';
import { spnegoInitiatorMechanism } from '../lib/rpc/auth/spnego-mechanism';
import { RpcClient } from '../lib/rpc/client/rpc-client';
import { connectTcpTransport } from '../lib/rpc/client/tcp-transport';
import { MSRPC_UUID_RPRN, RpcAuthnLevel } from '../lib/rpc/constants';
import { IREMOTEWINSPOOL_OBJECT_UUID, IREMOTEWINSPOOL_SYNTAX } from '../lib/rpc/par/constants';
import { PAR_OPNUMS } from '../lib/rpc/par/par-opnums';
import { RprnOpnum } from '../lib/rpc/rprn/opnums';
import { RprnClient, type RprnHandle } from '../lib/rpc/rprn/client/rprn-client';
import { decodeResponseStub, encodeRequestStub } from '../lib/rpc/ndr/ndr-message';
import { RpcEnumPrinterDataEx } from '../lib/rpc/rprn/messages/enum-printer-data-ex';
import { decodePrinterEnumValues } from '../lib/rpc/rprn/structures/printer-enum-values';
import { Smb2Client } from '../lib/smb2/client/smb2-client';
import { AccessMask } from '../lib/spoolss/constants';
import { cpuSeconds } from './cpu-time';
import type { ProcessSelector } from './memory';
import { median, medianRatio, round } from './stats';
import { formatTable } from './table';

export interface RpcTarget {
  readonly name: 'pointprint' | 'smbd';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly printer: string;
  readonly processes?: ProcessSelector;
  /** Ours only: DCE/RPC over TCP (MS-PAR), measured beside the pipe. */
  readonly rpcPort?: number;
}

/** How the calls travel: \pipe\spoolss (MS-RPRN over SMB2) or TCP (MS-PAR at PKT_PRIVACY). */
export type RpcTransport = 'np' | 'tcp';

export const RPC_KEY = 'CopyFiles\\ICM';
const OFFERED = 4096;

interface SpoolssChannel {
  readonly rpc: RpcClient;
  readonly handle: RprnHandle;
  /** EnumPrinterDataEx's opnum on this interface (79 on MS-RPRN, 28 on MS-PAR). */
  readonly opnum: number;
  /** Values per answer (3 from smbd, 5 from ours with SourceDir/TargetDir). */
  readonly values: number;
  close(): Promise<void>;
}

/** IRemoteWinspool over TCP, as Windows 11 binds it. */
async function bindTcp(t: RpcTarget): Promise<RpcClient> {
  if (t.rpcPort === undefined) throw new Error(`${t.name} has no RPC over TCP`);
  const mechanism = spnegoInitiatorMechanism({ user: t.user, password: t.password, domain: '', workstation: 'BENCH' });
  return RpcClient.bind(
    await connectTcpTransport('127.0.0.1', t.rpcPort),
    { uuid: IREMOTEWINSPOOL_SYNTAX.uuid, version: IREMOTEWINSPOOL_SYNTAX.major },
    {
      security: { mechanism, authLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY },
      objectUuid: IREMOTEWINSPOOL_OBJECT_UUID,
    },
  );
}

async function openChannel(t: RpcTarget, transport: RpcTransport): Promise<SpoolssChannel> {
  const client =
    transport === 'np'
      ? await Smb2Client.connect({ host: '127.0.0.1', port: t.port, signing: 'required', timeoutMs: 60000 })
      : undefined;
  try {
    let rpc: RpcClient;
    if (client !== undefined) {
      const session = await client.login({ user: t.user, password: t.password });
      const ipc = await session.treeConnect('IPC$');
      const pipe = await ipc.openPipe('spoolss');
      rpc = await RpcClient.bind(pipe, {
        uuid: MSRPC_UUID_RPRN.uuid,
        version: MSRPC_UUID_RPRN.major,
        minor: MSRPC_UUID_RPRN.minor,
      });
    } else {
      rpc = await bindTcp(t);
    }
    const opnums = transport === 'tcp' ? PAR_OPNUMS : undefined;
    const rprn = new RprnClient(rpc, { serverName: '127.0.0.1', ...(opnums && { opnums }) });
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
      opnum: opnums?.opnum(RpcEnumPrinterDataEx) ?? RprnOpnum.RpcEnumPrinterDataEx,
      values: values.length,
      close: async () => {
        await rprn.closePrinter(handle).catch(() => undefined);
        await (client?.close() ?? rpc.close());
      },
    };
  } catch (err) {
    await client?.close();
    throw err;
  }
}

async function callOnce(c: SpoolssChannel): Promise<void> {
  const request = encodeRequestStub(RpcEnumPrinterDataEx, {
    hPrinter: c.handle,
    keyName: RPC_KEY,
    cbEnumValues: OFFERED,
  });
  const res = decodeResponseStub(RpcEnumPrinterDataEx, await c.rpc.call(c.opnum, request));
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
  transport: RpcTransport = 'np',
): Promise<{ rate: number; values: number; serverCpuUsPerCall: number }> {
  const channels = await Promise.all(Array.from({ length: connections }, () => openChannel(t, transport)));
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

/** Ours over TCP (MS-PAR, PKT_PRIVACY) beside ours over the pipe, same windows. */
export interface RpcTcpRow {
  readonly connections: number;
  readonly tcpPerSecond: readonly number[];
  readonly tcpMedian: number;
  readonly pipeMedian: number;
  readonly tcpCpuUsPerCall: number;
}

export interface RpcRateResult {
  readonly key: string;
  readonly windowSeconds: number;
  readonly rounds: number;
  readonly rows: readonly RpcRateRow[];
  /** Present when our server listens for RPC over TCP. */
  readonly tcpRows?: readonly RpcTcpRow[];
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
  const tcpRows: RpcTcpRow[] = [];
  for (const row of ours.rpcPort === undefined ? [] : rows) {
    const rates: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < o.rounds; i++) {
      const r = await measureRate(ours, row.connections, o.seconds, 'tcp');
      rates.push(r.rate);
      cpu.push(r.serverCpuUsPerCall);
    }
    const tcp: RpcTcpRow = {
      connections: row.connections,
      tcpPerSecond: rates,
      tcpMedian: median(rates),
      pipeMedian: row.oursMedian,
      tcpCpuUsPerCall: median(cpu),
    };
    o.log(`  ${row.connections} connection(s) over TCP, MS-PAR at PKT_PRIVACY: ours ${tcp.tcpMedian.toFixed(0)}/s`);
    tcpRows.push(tcp);
  }
  return { key: RPC_KEY, windowSeconds: o.seconds, rounds: o.rounds, rows, ...(tcpRows.length > 0 && { tcpRows }) };
}

/** The TCP figures next to the pipe's (a table of its own: smbd has no RPC over TCP). */
export function rpcTcpTable(r: RpcRateResult): string {
  return formatTable(
    `RPC rate over TCP: RpcAsyncEnumPrinterDataEx(${r.key}) calls/s, MS-PAR at PKT_PRIVACY (SPNEGO), ours only`,
    ['connections', 'TCP, sealed /s', '\\pipe\\spoolss /s', 'TCP/pipe', 'ours CPU us/call (TCP)'],
    (r.tcpRows ?? []).map((x) => [
      x.connections,
      round(x.tcpMedian, 0),
      round(x.pipeMedian, 0),
      round(x.tcpMedian / x.pipeMedian, 2),
      round(x.tcpCpuUsPerCall, 0),
    ]),
  );
}
