/**
 * Knowing that dumpcap has written everything: on Linux it reads the kernel's packet ring a block
 * at a time (a block is handed over when full or after libpcap's timeout) and flushes its file
 * every half second, and on SIGTERM it writes what it has already read, not what waits in the
 * ring. So a capture stopped a fixed time after the traffic loses its tail on a loaded machine.
 * Instead, a UDP datagram carrying a random token is sent after the traffic, through the same ring;
 * once the token is in the file, every packet tapped before it is too. The datagram is then
 * removed from the file, so that readers see only the traffic.
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { readFile, writeFile } from 'node:fs/promises';

const SENTINEL_DEADLINE_MS = 30000;
const SENTINEL_POLL_MS = 50;
const SENTINEL_RESEND_MS = 1000;

export interface Sentinel {
  /** The BPF expression that keeps the sentinel's datagrams in the capture. */
  readonly filter: string;
  /** Sends the token until `file` holds it; throws after 30 s. */
  awaitWritten(file: string): Promise<void>;
  /** Rewrites `file` without the sentinel's packets. */
  strip(file: string): Promise<void>;
  close(): void;
}

/** A UDP socket on 127.0.0.1 that sends datagrams to itself (no ICMP answer, nothing else listens). */
export async function openSentinel(): Promise<Sentinel> {
  const socket: Socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  socket.on('message', () => undefined);
  const port = socket.address().port;
  const token = randomBytes(16);
  return {
    filter: `(udp and host 127.0.0.1 and port ${port})`,
    awaitWritten: async (file) => {
      const deadline = Date.now() + SENTINEL_DEADLINE_MS;
      let nextSend = 0;
      for (;;) {
        const now = Date.now();
        if (now >= nextSend) {
          socket.send(token, port, '127.0.0.1');
          nextSend = now + SENTINEL_RESEND_MS;
        }
        const bytes = await readFile(file).catch(() => Buffer.alloc(0));
        if (bytes.includes(token)) return;
        if (now > deadline) throw new Error(`dumpcap did not write its sentinel to ${file} within 30 s`);
        await new Promise((r) => setTimeout(r, SENTINEL_POLL_MS));
      }
    },
    strip: async (file) => writeFile(file, withoutPacketsHolding(await readFile(file), token)),
    close: () => socket.close(),
  };
}

const SECTION_HEADER_BLOCK = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const ENHANCED_PACKET_BLOCK = 6;
const SIMPLE_PACKET_BLOCK = 3;

/** The pcapng `file` without the packet blocks that contain `token`; other blocks are kept as they are. */
export function withoutPacketsHolding(file: Buffer, token: Buffer): Buffer {
  const kept: Buffer[] = [];
  let littleEndian = true;
  let at = 0;
  while (at < file.length) {
    if (file.length - at < 12) throw new Error(`pcapng: a truncated block at ${at}`);
    if (file.readUInt32LE(at) === SECTION_HEADER_BLOCK) {
      littleEndian = file.readUInt32LE(at + 8) === BYTE_ORDER_MAGIC;
    }
    const type = littleEndian ? file.readUInt32LE(at) : file.readUInt32BE(at);
    const length = littleEndian ? file.readUInt32LE(at + 4) : file.readUInt32BE(at + 4);
    if (length < 12 || length % 4 !== 0 || at + length > file.length) {
      throw new Error(`pcapng: block length ${length} at ${at} does not fit the file`);
    }
    const block = file.subarray(at, at + length);
    const isPacket = type === ENHANCED_PACKET_BLOCK || type === SIMPLE_PACKET_BLOCK;
    if (!(isPacket && block.includes(token))) kept.push(block);
    at += length;
  }
  return Buffer.concat(kept);
}
