/**
 * A bare SMB2 connection for the limits benchmark: what an attacker sends, byte for byte, with
 * the library's codecs and NTLM initiator — a 2.1 NEGOTIATE, SESSION_SETUP, TREE_CONNECT, CREATE,
 * and then compounds or partial frames no well-behaved client would send. Responses are matched
 * by MessageId and reduced to their status (READ data is counted, not kept).
 */
import * as net from 'node:net';
import { BufferReader } from '../lib/common/binary/buffer-reader';
import { BufferWriter } from '../lib/common/binary/buffer-writer';
import { GssInitiator } from '../lib/auth/gss-initiator';
import { Smb2Command } from '../lib/smb2/constants';
import { FrameDecoder, encodeFrame } from '../lib/smb2/framing';
import { decodeSmb2Header, encodeSmb2Header } from '../lib/smb2/header';
import type { FileId } from '../lib/smb2/messages/common';
import { decodeCreateResponse, encodeCreateRequest } from '../lib/smb2/messages/create';
import { encodeEchoRequest } from '../lib/smb2/messages/echo';
import { decodeNegotiateResponse, encodeNegotiateRequest } from '../lib/smb2/messages/negotiate';
import { encodeReadRequest, plainReadRequest } from '../lib/smb2/messages/read';
import { decodeSessionSetupResponse, encodeSessionSetupRequest } from '../lib/smb2/messages/session-setup';
import { encodeTreeConnectRequest } from '../lib/smb2/messages/tree-connect';

const STATUS_MORE_PROCESSING_REQUIRED = 0xc0000016;

export interface Built {
  readonly bytes: Buffer;
  readonly messageId: bigint;
}

interface Answer {
  readonly status: number;
  /** The message when kept (small responses), else empty. */
  readonly message: Buffer;
}

export class RawSmb2 {
  /** READ response bytes received (counted, not kept). */
  bytesReceived = 0;
  private nextMessageId = 0n;
  private sessionId = 0n;
  private treeId = 0;
  private readonly decoder = new FrameDecoder(16 * 1024 * 1024);
  private readonly waiting = new Map<bigint, (a: Answer) => void>();
  private closed = false;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.decoder.push(chunk)) this.onFrame(frame.payload);
    });
    socket.on('close', () => {
      this.closed = true;
      for (const resolve of this.waiting.values()) resolve({ status: -1, message: Buffer.alloc(0) });
      this.waiting.clear();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number, localAddress?: string): Promise<RawSmb2> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1', ...(localAddress !== undefined && { localAddress }) });
      socket.once('connect', () => resolve(new RawSmb2(socket)));
      socket.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  build(command: number, encodeBody: (w: BufferWriter, base: number) => void, creditCharge = 1, credits = 64): Built {
    const messageId = this.nextMessageId;
    this.nextMessageId += BigInt(Math.max(1, creditCharge));
    const w = new BufferWriter(256);
    encodeSmb2Header(w, {
      command,
      creditCharge,
      credits,
      flags: 0,
      messageId,
      treeId: this.treeId,
      sessionId: this.sessionId,
    });
    encodeBody(w, 0);
    return { bytes: w.finish(), messageId };
  }

  /** Sends requests as one compound in one frame; resolves with their statuses. */
  sendCompound(members: readonly Built[]): Promise<number[]> {
    const parts = members.map((m, i) => {
      if (i === members.length - 1) return m.bytes;
      const padded = Buffer.concat([m.bytes, Buffer.alloc((8 - (m.bytes.length % 8)) % 8)]);
      padded.writeUInt32LE(padded.length, 20);
      return padded;
    });
    const answers = members.map((m) => this.answer(m.messageId).then((a) => a.status));
    this.socket.write(encodeFrame(Buffer.concat(parts)));
    return Promise.all(answers);
  }

  send(b: Built): Promise<Answer> {
    const a = this.answer(b.messageId);
    this.socket.write(encodeFrame(b.bytes));
    return a;
  }

  /** The response to a request the caller writes itself. */
  answer(messageId: bigint): Promise<Answer> {
    if (this.closed) return Promise.resolve({ status: -1, message: Buffer.alloc(0) });
    return new Promise((resolve) => this.waiting.set(messageId, resolve));
  }

  /** 2.1 NEGOTIATE, NTLM SESSION_SETUP, TREE_CONNECT; then asks for `credits` credits. */
  async logon(user: string, password: string, share: string, credits = 64): Promise<void> {
    const neg = await this.send(
      this.build(Smb2Command.NEGOTIATE, (w, base) =>
        encodeNegotiateRequest(w, base, {
          securityMode: 1,
          capabilities: 0,
          clientGuid: Buffer.alloc(16, 0x42),
          dialects: [0x0210],
          negotiateContexts: [],
        }),
      ),
    );
    if (neg.status !== 0) throw new Error(`NEGOTIATE 0x${neg.status.toString(16)}`);
    let token: Buffer | undefined = decodeNegotiateResponse(new BufferReader(neg.message, 64), 0).securityBuffer;
    const init = new GssInitiator({ user, password, domain: 'WORKGROUP', workstation: 'BENCH', useSpnego: true });
    for (let leg = 0; leg < 4; leg++) {
      const step = init.step(token);
      const r = await this.send(
        this.build(Smb2Command.SESSION_SETUP, (w, base) =>
          encodeSessionSetupRequest(w, base, {
            flags: 0,
            securityMode: 1,
            capabilities: 0,
            channel: 0,
            previousSessionId: 0n,
            securityBuffer: step.token,
          }),
        ),
      );
      this.sessionId = decodeSmb2Header(new BufferReader(r.message)).sessionId;
      if (r.status === 0) break;
      if (r.status !== STATUS_MORE_PROCESSING_REQUIRED) throw new Error(`SESSION_SETUP 0x${r.status.toString(16)}`);
      token = decodeSessionSetupResponse(new BufferReader(r.message, 64), 0).securityBuffer;
    }
    const tree = await this.send(
      this.build(Smb2Command.TREE_CONNECT, (w, base) =>
        encodeTreeConnectRequest(w, base, { flags: 0, path: `\\\\127.0.0.1\\${share}` }),
      ),
    );
    if (tree.status !== 0) throw new Error(`TREE_CONNECT 0x${tree.status.toString(16)}`);
    this.treeId = decodeSmb2Header(new BufferReader(tree.message)).treeId;
    await this.send(this.build(Smb2Command.ECHO, (w) => encodeEchoRequest(w), 1, credits));
  }

  async open(name: string): Promise<FileId> {
    const r = await this.send(
      this.build(Smb2Command.CREATE, (w, base) =>
        encodeCreateRequest(w, base, {
          securityFlags: 0,
          requestedOplockLevel: 0,
          impersonationLevel: 2,
          smbCreateFlags: 0n,
          desiredAccess: 0x00120089,
          fileAttributes: 0,
          shareAccess: 7,
          createDisposition: 1,
          createOptions: 0,
          name,
          createContexts: [],
        }),
      ),
    );
    if (r.status !== 0) throw new Error(`CREATE ${name} 0x${r.status.toString(16)}`);
    return decodeCreateResponse(new BufferReader(r.message, 64), 0).fileId;
  }

  /** A READ of `length` bytes at `offset`, paying its credits. */
  read(fileId: FileId, offset: number, length: number): Built {
    return this.build(
      Smb2Command.READ,
      (w) => encodeReadRequest(w, plainReadRequest(fileId, offset, length)),
      Math.ceil(length / 65536),
    );
  }

  /** An ECHO padded to `size` bytes: a large frame that needs no share. */
  paddedEcho(size: number): Built {
    return this.build(Smb2Command.ECHO, (w) => {
      encodeEchoRequest(w);
      w.zeros(Math.max(0, size - 68));
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onFrame(payload: Buffer): void {
    for (let start = 0; payload.length - start >= 64;) {
      const header = decodeSmb2Header(new BufferReader(payload, start));
      const end = header.nextCommand === 0 ? payload.length : start + header.nextCommand;
      const resolve = this.waiting.get(header.messageId);
      if (resolve !== undefined) {
        this.waiting.delete(header.messageId);
        const size = end - start;
        this.bytesReceived += size;
        // READ data is only counted: a 480 MB attack must not fill the bench's memory.
        resolve({
          status: header.status,
          message: size <= 65536 ? Buffer.from(payload.subarray(start, end)) : Buffer.alloc(0),
        });
      }
      if (header.nextCommand === 0) break;
      start = end;
    }
  }
}
