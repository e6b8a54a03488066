/**
 * A deliberately small SMB2 client for driving the server in tests: it builds requests with the
 * message codecs, authenticates with the GssInitiator, signs when asked, and exposes every raw
 * response (header, status, body) so tests can check exact statuses and also send broken bytes.
 */
import type { Duplex } from 'node:stream';
import { BufferReader } from '../../../../lib/common/binary/buffer-reader';
import { BufferWriter } from '../../../../lib/common/binary/buffer-writer';
import { GssInitiator } from '../../../../lib/auth/gss-initiator';
import { Smb2Command, Smb2Flags, type Smb2DialectValue } from '../../../../lib/smb2/constants';
import { FrameDecoder, encodeFrame } from '../../../../lib/smb2/framing';
import { decodeSmb2Header, encodeSmb2Header, type Smb2Header } from '../../../../lib/smb2/header';
import type { FileId } from '../../../../lib/smb2/messages/common';
import { decodeCreateResponse, encodeCreateRequest } from '../../../../lib/smb2/messages/create';
import { encodeCloseRequest } from '../../../../lib/smb2/messages/close';
import {
  decodeNegotiateResponse,
  encodeNegotiateRequest,
  type NegotiateContext,
  type NegotiateResponse,
} from '../../../../lib/smb2/messages/negotiate';
import { decodeSessionSetupResponse, encodeSessionSetupRequest } from '../../../../lib/smb2/messages/session-setup';
import { encodeTreeConnectRequest } from '../../../../lib/smb2/messages/tree-connect';
import { PreauthIntegrity, deriveSigningKey } from '../../../../lib/smb2/signing/keys';
import { signSmb2Message, verifySmb2Message } from '../../../../lib/smb2/signing/sign';

export interface RawResponse {
  readonly header: Smb2Header;
  readonly status: number;
  /** The response member's bytes (header included). */
  readonly message: Buffer;
  /** A reader positioned at the body. */
  body(): BufferReader;
}

export interface SendOptions {
  readonly sessionId?: bigint;
  readonly treeId?: number;
  readonly creditCharge?: number;
  readonly credits?: number;
  readonly flags?: number;
  readonly messageId?: bigint;
  readonly sign?: boolean;
}

export class RawSmb2Client {
  nextMessageId = 0n;
  sessionId = 0n;
  treeId = 0;
  dialect: Smb2DialectValue = 0x0311;
  signingKey: Buffer | undefined;
  /** Exported session key and the session's final preauth hash (for deriving other keys). */
  sessionKey: Buffer | undefined;
  sessionPreauthHash: Buffer | undefined;
  /** Ciphers offered in a 3.1.1 NEGOTIATE (none by default). */
  offeredCiphers: number[] = [];
  negotiateResponse: NegotiateResponse | undefined;
  /** The payload size of every frame received, in order. */
  readonly frameSizes: number[] = [];
  private readonly decoder = new FrameDecoder(16 * 1024 * 1024);
  private readonly waiting = new Map<bigint, (r: RawResponse) => void>();
  private readonly closedWaiters: Array<() => void> = [];
  private ended = false;
  private preauth: PreauthIntegrity | undefined;

  constructor(readonly stream: Duplex) {
    stream.on('data', (chunk: Buffer) => {
      for (const frame of this.decoder.push(chunk)) {
        this.frameSizes.push(frame.payload.length);
        // Only plain SMB2 messages are matched to requests; tests read other frames themselves.
        if (frame.type === 0 && frame.payload.length >= 64 && frame.payload.readUInt32LE(0) === 0x424d53fe)
          this.onMessage(frame.payload);
      }
    });
    const end = (): void => {
      this.ended = true;
      for (const w of this.closedWaiters.splice(0)) w();
    };
    stream.on('close', end);
    stream.on('end', end);
    stream.on('error', end);
  }

  get isClosed(): boolean {
    return this.ended;
  }

  /** Resolves when the server closes the transport (or after `ms`, with false). */
  waitClosed(ms = 2000): Promise<boolean> {
    if (this.ended) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), ms);
      this.closedWaiters.push(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  private onMessage(payload: Buffer): void {
    for (let start = 0; ;) {
      const header = decodeSmb2Header(new BufferReader(payload, start));
      const end = header.nextCommand === 0 ? payload.length : start + header.nextCommand;
      const message = payload.subarray(start, end);
      const bodyStart = start + 64;
      const response: RawResponse = {
        header,
        status: header.status,
        message,
        body: () => new BufferReader(payload, bodyStart, end),
      };
      const resolve = this.waiting.get(header.messageId);
      if (resolve) {
        this.waiting.delete(header.messageId);
        resolve(response);
      }
      if (header.nextCommand === 0) break;
      start = end;
    }
  }

  writeRaw(bytes: Buffer): void {
    this.stream.write(bytes);
  }

  /** Builds one request message (header + body), unsigned. */
  build(
    command: number,
    encodeBody: (w: BufferWriter, base: number) => void,
    o: SendOptions = {},
  ): { bytes: Buffer; messageId: bigint } {
    const messageId = o.messageId ?? this.nextMessageId;
    const charge = o.creditCharge ?? 1;
    if (o.messageId === undefined) this.nextMessageId += BigInt(Math.max(1, charge));
    const w = new BufferWriter(256);
    encodeSmb2Header(w, {
      command,
      creditCharge: charge,
      credits: o.credits ?? 64,
      flags: o.flags ?? 0,
      messageId,
      treeId: o.treeId ?? this.treeId,
      sessionId: o.sessionId ?? this.sessionId,
    });
    encodeBody(w, 0);
    return { bytes: w.finish(), messageId };
  }

  /** Sends one request and waits for its response (rejects if the server closes first). */
  send(
    command: number,
    encodeBody: (w: BufferWriter, base: number) => void,
    o: SendOptions = {},
  ): Promise<RawResponse> {
    const { bytes, messageId } = this.build(command, encodeBody, o);
    if ((o.sign ?? this.signingKey !== undefined) && this.signingKey)
      signSmb2Message(this.dialect, this.signingKey, bytes);
    return this.sendBuilt(bytes, messageId);
  }

  sendBuilt(bytes: Buffer, messageId: bigint): Promise<RawResponse> {
    const response = this.awaitResponse(messageId);
    if (!this.ended) this.stream.write(encodeFrame(bytes));
    return response;
  }

  /** The response to `messageId`, for a request the test writes itself (rejects if the server closes first). */
  awaitResponse(messageId: bigint): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      if (this.ended) {
        reject(new Error('connection closed'));
        return;
      }
      this.waiting.set(messageId, resolve);
      this.closedWaiters.push(() => {
        if (this.waiting.delete(messageId)) reject(new Error('connection closed'));
      });
    });
  }

  /**
   * Sends built requests as one compound (each padded to 8 bytes and chained by NextCommand) in
   * one frame; resolves with every response, however the server frames them.
   */
  sendCompound(members: ReadonlyArray<{ bytes: Buffer; messageId: bigint }>): Promise<RawResponse[]> {
    const parts = members.map((m, i) => {
      const last = i === members.length - 1;
      const padded = last ? m.bytes : Buffer.concat([m.bytes, Buffer.alloc((8 - (m.bytes.length % 8)) % 8)]);
      if (!last) padded.writeUInt32LE(padded.length, 20);
      return padded;
    });
    const answers = members.map((m) => this.awaitResponse(m.messageId));
    this.stream.write(encodeFrame(Buffer.concat(parts)));
    return Promise.all(answers);
  }

  verify(response: RawResponse): boolean {
    if (!this.signingKey) return false;
    return verifySmb2Message(this.dialect, this.signingKey, response.message);
  }

  async negotiate(
    dialects: readonly Smb2DialectValue[] = [0x0202, 0x0210, 0x0300, 0x0302, 0x0311],
    securityMode = 1,
  ): Promise<RawResponse> {
    const contexts: NegotiateContext[] = [];
    if (dialects.includes(0x0311)) {
      const pw = new BufferWriter(64);
      pw.u16(1).u16(32).u16(1).bytes(Buffer.alloc(32, 7));
      contexts.push({ type: 1, data: pw.finish() });
      contexts.push({ type: 8, data: Buffer.from([1, 0, 1, 0]) }); // SIGNING_CAPABILITIES: AES-CMAC
      if (this.offeredCiphers.length > 0) {
        const cw = new BufferWriter(16);
        cw.u16(this.offeredCiphers.length);
        for (const cipher of this.offeredCiphers) cw.u16(cipher);
        contexts.push({ type: 2, data: cw.finish() }); // ENCRYPTION_CAPABILITIES
      }
    }
    const { bytes, messageId } = this.build(Smb2Command.NEGOTIATE, (w, base) =>
      encodeNegotiateRequest(w, base, {
        securityMode,
        capabilities: 0,
        clientGuid: Buffer.alloc(16, 0x42),
        dialects,
        negotiateContexts: contexts,
      }),
    );
    const r = await this.sendBuilt(bytes, messageId);
    if (r.status === 0) {
      this.negotiateResponse = decodeNegotiateResponse(r.body(), 0);
      this.dialect = this.negotiateResponse.dialectRevision as Smb2DialectValue;
      if (this.dialect === 0x0311) {
        this.preauth = new PreauthIntegrity();
        this.preauth.update(bytes);
        this.preauth.update(r.message);
      }
    }
    return r;
  }

  /** SESSION_SETUP rounds until done; returns the last response. */
  async sessionSetup(
    user: string,
    password: string,
    o: { useSpnego?: boolean; securityMode?: number } = {},
  ): Promise<RawResponse> {
    const init = new GssInitiator({
      user,
      password,
      domain: 'WORKGROUP',
      workstation: 'TESTBOX',
      useSpnego: o.useSpnego ?? true,
    });
    const sessionPreauth = this.preauth?.fork();
    let serverToken: Buffer | undefined = this.negotiateResponse?.securityBuffer;
    for (;;) {
      const step = init.step(serverToken);
      const { bytes, messageId } = this.build(Smb2Command.SESSION_SETUP, (w, base) =>
        encodeSessionSetupRequest(w, base, {
          flags: 0,
          securityMode: o.securityMode ?? 1,
          capabilities: 0,
          channel: 0,
          previousSessionId: 0n,
          securityBuffer: step.token,
        }),
      );
      sessionPreauth?.update(bytes);
      const r = await this.sendBuilt(bytes, messageId);
      this.sessionId = r.header.sessionId;
      if (r.status === 0xc0000016) {
        sessionPreauth?.update(r.message);
        serverToken = decodeSessionSetupResponse(r.body(), 0).securityBuffer;
        continue;
      }
      if (r.status === 0 && init.sessionKey && init.sessionKey.length > 0) {
        this.signingKey = deriveSigningKey(this.dialect, init.sessionKey, sessionPreauth?.value);
        this.sessionKey = init.sessionKey;
        this.sessionPreauthHash = sessionPreauth?.value;
      }
      return r;
    }
  }

  async treeConnect(path: string, o: SendOptions = {}): Promise<RawResponse> {
    const r = await this.send(
      Smb2Command.TREE_CONNECT,
      (w, base) => encodeTreeConnectRequest(w, base, { flags: 0, path }),
      o,
    );
    if (r.status === 0) this.treeId = r.header.treeId;
    return r;
  }

  async create(
    name: string,
    o: { desiredAccess?: number; disposition?: number; options?: number } = {},
    s: SendOptions = {},
  ): Promise<{ response: RawResponse; fileId?: FileId; endOfFile?: bigint }> {
    const response = await this.send(
      Smb2Command.CREATE,
      (w, base) =>
        encodeCreateRequest(w, base, {
          securityFlags: 0,
          requestedOplockLevel: 0,
          impersonationLevel: 2,
          smbCreateFlags: 0n,
          desiredAccess: o.desiredAccess ?? 0x00120089,
          fileAttributes: 0,
          shareAccess: 7,
          createDisposition: o.disposition ?? 1,
          createOptions: o.options ?? 0,
          name,
          createContexts: [],
        }),
      s,
    );
    if (response.status !== 0) return { response };
    const c = decodeCreateResponse(response.body(), 0);
    return { response, fileId: c.fileId, endOfFile: c.endOfFile };
  }

  close(fileId: FileId, s: SendOptions = {}): Promise<RawResponse> {
    return this.send(Smb2Command.CLOSE, (w) => encodeCloseRequest(w, { flags: 0, fileId }), s);
  }

  /** NEGOTIATE + SESSION_SETUP (+ TREE_CONNECT when a share is given). */
  async login(user: string, password: string, share?: string, dialects?: readonly Smb2DialectValue[]): Promise<void> {
    const n = await this.negotiate(dialects);
    if (n.status !== 0) throw new Error(`negotiate failed 0x${n.status.toString(16)}`);
    const s = await this.sessionSetup(user, password);
    if (s.status !== 0) throw new Error(`session setup failed 0x${s.status.toString(16)}`);
    if (share !== undefined) {
      const t = await this.treeConnect(`\\\\127.0.0.1\\${share}`);
      if (t.status !== 0) throw new Error(`tree connect failed 0x${t.status.toString(16)}`);
    }
  }
}

export const SIGNED = Smb2Flags.SMB2_FLAGS_SIGNED;
