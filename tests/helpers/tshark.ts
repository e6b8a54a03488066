/**
 * tshark as a conformance oracle: capture loopback traffic to one port with dumpcap, then decode
 * it as SMB2 (`-d tcp.port==PORT,nbss`) and count the malformed packets per SMB2 command and
 * spoolss opnum, to compare with the same commands against Samba's smbd.
 */
import { spawn, execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import tmp from 'tmp';
import { openSentinel } from './capture-sentinel';
import { TOOLS } from './interop-tools';

const run = promisify(execFile);

export interface Capture {
  readonly file: string;
  stop(): Promise<string>;
}

/**
 * Captures TCP on one port, or what a BPF `filter` selects (`tcp and host 127.0.0.7`: every port of
 * one address). It resolves once the capture sees packets, and `stop` once every packet sent before
 * it is in the file (see capture-sentinel.ts).
 */
export async function startCapture(port: number, filter = `tcp port ${port}`): Promise<Capture> {
  const dir = tmp.dirSync({ unsafeCleanup: true, prefix: 'pointprint-cap-' });
  const file = join(dir.name, 'cap.pcapng');
  const sentinel = await openSentinel();
  const child = spawn(TOOLS.dumpcap, ['-q', '-i', 'lo', '-f', `(${filter}) or ${sentinel.filter}`, '-w', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // dumpcap prints "Capturing on 'Loopback: lo'" before it opens the interface, and "File: ..."
  // once its filter is attached: only then does it see packets.
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`dumpcap did not start: ${stderr}`)), 10000);
      const check = (): void => {
        if (/^File: /m.test(stderr)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stderr.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`dumpcap exited ${code}: ${stderr}`));
      });
    });
  } catch (e) {
    child.kill('SIGTERM');
    sentinel.close();
    throw e;
  }
  return {
    file,
    stop: async () => {
      try {
        await sentinel.awaitWritten(file);
      } finally {
        await new Promise<void>((resolve) => {
          child.removeAllListeners('exit');
          if (child.exitCode !== null || child.signalCode !== null) resolve();
          else {
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }
        });
        sentinel.close();
      }
      await sentinel.strip(file);
      return file;
    },
  };
}

export interface DissectionSummary {
  readonly packets: number;
  readonly smb2Packets: number;
  /** Malformed expert items by "smb2.cmd/spoolss.opnum" (e.g. "5/-", "9/78"). */
  readonly malformed: Readonly<Record<string, number>>;
  readonly malformedTotal: number;
  /** Frames tshark decodes as SMB2 with a bad signature. */
  readonly badSignatures: number;
}

export async function dissect(
  file: string,
  port: number,
  extraOptions: readonly string[] = [],
): Promise<DissectionSummary> {
  const decode = ['-d', `tcp.port==${port},nbss`];
  const fields = [
    '-T',
    'fields',
    '-E',
    'separator=|',
    '-e',
    'frame.number',
    '-e',
    'smb2.cmd',
    '-e',
    'spoolss.opnum',
    '-e',
    '_ws.malformed',
    '-e',
    'smb2.bad_signature',
  ];
  const { stdout } = await run(TOOLS.tshark, ['-n', '-r', file, ...decode, ...extraOptions, ...fields], {
    maxBuffer: 64 * 1024 * 1024,
  });
  let packets = 0;
  let smb2Packets = 0;
  let badSignatures = 0;
  const malformed: Record<string, number> = {};
  let malformedTotal = 0;
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    packets++;
    const [, cmd = '', opnum = '', bad = '', badSig = ''] = line.split('|');
    if (cmd) smb2Packets++;
    if (badSig) badSignatures++;
    if (bad) {
      const key = `${cmd || '-'}/${opnum || '-'}`;
      malformed[key] = (malformed[key] ?? 0) + 1;
      malformedTotal++;
    }
  }
  return { packets, smb2Packets, malformed, malformedTotal, badSignatures };
}

/** The rows of `fields` (one array per frame that `filter` keeps) of a capture of SMB2 on `port`. */
export async function tsharkFields(
  file: string,
  port: number,
  filter: string,
  fields: readonly string[],
): Promise<string[][]> {
  const { stdout } = await run(
    TOOLS.tshark,
    [
      '-n',
      '-r',
      file,
      '-d',
      `tcp.port==${port},nbss`,
      '-Y',
      filter,
      '-T',
      'fields',
      '-E',
      'separator=|',
      ...fields.flatMap((f) => ['-e', f]),
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('|'));
}

/** The malformed keys (and counts) in `ours` beyond what `baseline` shows for the same command. */
export function malformedBeyond(ours: DissectionSummary, baseline: DissectionSummary): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(ours.malformed)) {
    const allowed = baseline.malformed[key] ?? 0;
    if (n > allowed) out[key] = n - allowed;
  }
  return out;
}

export interface DcerpcDissection {
  /** One row per DCE/RPC PDU: PTYPE, opnum (requests, responses), the protocol tshark names it with (lower case). */
  readonly rows: readonly {
    readonly frame: number;
    readonly src: string;
    readonly ptype: string;
    readonly opnum: string;
    readonly protocols: string;
    readonly malformed: boolean;
  }[];
  /** Malformed items by "protocol/opnum" (e.g. "iremotewinspool/0", "epm/3", "dcerpc/-"). */
  readonly malformed: Readonly<Record<string, number>>;
  readonly malformedTotal: number;
}

/** The protocols tshark names DCE/RPC PDUs after, that we compare on. */
const RPC_PROTOCOLS = ['iremotewinspool', 'spoolss', 'epm', 'srvsvc'] as const;

/**
 * DCE/RPC over TCP (ncacn_ip_tcp) as tshark decodes it; `ntlmPassword` lets it unseal NTLMSSP
 * (ntlmssp.nt_password), so the stubs of sealed calls are dissected too. `from` keeps only the
 * PDUs one address sent (a server's answers, when a third-party client's requests are not ours to judge);
 * `decode` adds tshark options (`-d tcp.port==PORT,nbss` for DCE/RPC over SMB2 pipes).
 */
export async function dissectDcerpc(
  file: string,
  ntlmPassword?: string,
  from?: string,
  decode: readonly string[] = [],
): Promise<DcerpcDissection> {
  const prefs = ntlmPassword === undefined ? [] : ['-o', `ntlmssp.nt_password:${ntlmPassword}`];
  const fields = [
    '-T',
    'fields',
    '-E',
    'separator=|',
    '-e',
    'frame.number',
    '-e',
    'ip.src',
    '-e',
    'dcerpc.pkt_type',
    '-e',
    'dcerpc.opnum',
    '-e',
    '_ws.col.Protocol',
    '-e',
    '_ws.malformed',
  ];
  const { stdout } = await run(TOOLS.tshark, ['-n', '-r', file, ...prefs, ...decode, '-Y', 'dcerpc', ...fields], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const rows: DcerpcDissection['rows'][number][] = [];
  const malformed: Record<string, number> = {};
  let malformedTotal = 0;
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    const [frame = '0', src = '', ptype = '', opnum = '', protocols = '', bad = ''] = line.split('|');
    if (from !== undefined && src !== from) continue;
    rows.push({ frame: Number(frame), src, ptype, opnum, protocols: protocols.toLowerCase(), malformed: bad !== '' });
    if (bad) {
      const top = RPC_PROTOCOLS.find((p) => p === protocols.toLowerCase()) ?? 'dcerpc';
      const key = `${top}/${opnum.split(',')[0] || '-'}`;
      malformed[key] = (malformed[key] ?? 0) + 1;
      malformedTotal++;
    }
  }
  return { rows, malformed, malformedTotal };
}
