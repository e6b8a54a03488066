/**
 * One client connection to an SMB2 server — [MS-SMB2] 3.2 (client). One socket, one frame
 * decoder ([MS-SMB2] 2.1 direct TCP framing), one MessageId/credit manager, and the table of
 * outstanding calls matched by MessageId.
 *
 *   send:    acquire CreditCharge credits -> consecutive MessageIds -> header + body (one member
 *            per compounded request, each 8-aligned, NextCommand chained, [MS-SMB2] 3.2.4.1.4)
 *            -> signed per member when its session signs (3.2.4.1.1) -> framed write
 *   receive: frame -> split compounded responses on NextCommand (3.2.5.1.9) -> match MessageId
 *            -> interim STATUS_PENDING with SMB2_FLAGS_ASYNC_COMMAND: keep waiting (3.2.5.1.5)
 *            -> credits granted (3.2.5.1.4) -> signature verified on signing sessions
 *            (3.2.5.1.3) -> the caller decodes the body.
 *
 * State: open -> closed (by the client, or because the socket failed or the server broke the
 * protocol). Closing fails every outstanding call with one Smb2ConnectionError; nothing the
 * server sends can throw out of the data handler.
 */
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import { BufferReader } from '../../common/binary/buffer-reader';
import { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { NtStatus, ntStatusName } from '../../common/status/ntstatus';
import {
  CREDIT_PAYLOAD_SIZE,
  SMB2_HEADER_SIZE,
  SMB2_PROTOCOL_ID,
  Smb2Capabilities,
  Smb2Flags,
  smb2CommandName,
} from '../constants';
import { FrameDecoder, NBSS_KEEP_ALIVE, NBSS_MAX_LENGTH, NBSS_SESSION_MESSAGE, frameHeader } from '../framing';
import type { Frame } from '../framing';
import type { Smb2Header } from '../header';
import { NEXT_COMMAND_OFFSET, decodeSmb2Header, encodeSmb2Header, isAsync } from '../header';
import type { Smb2Dialect } from '../signing/keys';
import type { SigningAlgorithm } from '../signing/sign';
import { isSmb2MessageSigned, signSmb2Message, verifySmb2Message } from '../signing/sign';
import { Smb2ConnectionError, Smb2ProtocolError, Smb2SignatureError, Smb2TimeoutError } from './client-errors';
import { CreditManager } from './credit-manager';

/** MessageId of unsolicited server messages (oplock/lease breaks, [MS-SMB2] 3.2.5.19). */
const UNSOLICITED_MESSAGE_ID = 0xffffffffffffffffn;
const MAX_CREDIT_REQUEST = 0xffff;
const MAX_COMPOUND_MEMBERS = 32;
// [MS-SMB2] 2.2.1.2 header field offsets patched once the MessageId is known.
const CREDIT_CHARGE_OFFSET = 6;
const CREDIT_REQUEST_OFFSET = 14;
const MESSAGE_ID_OFFSET = 24;

export interface SessionSigning {
  readonly key: Buffer;
  /** Sign every request and require every response to be signed. */
  readonly signAll: boolean;
}

export interface Smb2CallRequest {
  readonly command: number;
  readonly sessionId?: bigint;
  readonly treeId?: number;
  /** The larger of what the request sends and what its response may carry, for the CreditCharge. */
  readonly payloadSize?: number;
  readonly encodeBody: (w: BufferWriter, base: number) => void;
  /** Sign this request and require a signed response even if the session does not sign everything. */
  readonly sign?: boolean;
  /** A compound member that inherits the previous member's FileId (SMB2_FLAGS_RELATED_OPERATIONS). */
  readonly related?: boolean;
  readonly timeoutMs?: number;
}

export interface Smb2CallResponse {
  readonly header: Smb2Header;
  readonly status: number;
  /** This response's bytes (one compound member with its padding), as hashed and signed. */
  readonly message: Buffer;
  /** The request's bytes as sent. */
  readonly request: Buffer;
}

/** A reader over a response body; the codecs take offsets relative to base 0 (the header). */
export function bodyReader(response: Smb2CallResponse): BufferReader {
  return new BufferReader(response.message, SMB2_HEADER_SIZE);
}

interface PendingCall {
  readonly messageId: bigint;
  readonly command: number;
  readonly sessionId: bigint;
  readonly forceSign: boolean;
  readonly request: Buffer;
  readonly timeoutMs: number;
  creditsRequested: number;
  timer: NodeJS.Timeout | undefined;
  asyncId: bigint | undefined;
  readonly resolve: (r: Smb2CallResponse) => void;
  readonly reject: (e: Error) => void;
}

interface Deferred {
  readonly promise: Promise<Smb2CallResponse>;
  readonly resolve: (r: Smb2CallResponse) => void;
  readonly reject: (e: Error) => void;
}

function defer(): Deferred {
  let resolve: (r: Smb2CallResponse) => void = () => undefined;
  let reject: (e: Error) => void = () => undefined;
  const promise = new Promise<Smb2CallResponse>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface ClientConnectionOptions {
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** What the client tries to hold; each request asks for the difference. */
  readonly maxCreditsWanted: number;
  /** For messages: `host:port`. */
  readonly peer: string;
}

export class Smb2ClientConnection {
  /** Set by NEGOTIATE. */
  dialect: Smb2Dialect | undefined;
  serverCapabilities = 0;
  signingAlgorithm: SigningAlgorithm | undefined;

  private readonly credits = new CreditManager();
  private readonly decoder = new FrameDecoder(NBSS_MAX_LENGTH);
  private readonly pending = new Map<bigint, PendingCall>();
  /** Calls that timed out: their late responses are dropped quietly (credits still counted). */
  private readonly abandoned = new Set<bigint>();
  private readonly signing = new Map<bigint, SessionSigning>();
  private creditsRequestedInFlight = 0;
  private closedError: Error | undefined;
  private readonly logger: Logger;

  constructor(
    private readonly stream: Duplex,
    private readonly options: ClientConnectionOptions,
  ) {
    this.logger = options.logger;
    stream.on('data', (chunk: Buffer) => this.onData(chunk));
    // A reset or a broken pipe is the connection going away: reported as a close, whichever the
    // socket signals first, with the calls it takes down.
    stream.on('error', (err: Error) => this.fail(this.lostError(`closed (${err.message})`, err)));
    stream.on('end', () => this.fail(this.lostError('closed by the server')));
    stream.on('close', () => this.fail(this.lostError('closed')));
  }

  /** TCP connect with a time limit. */
  static async open(
    host: string,
    port: number,
    options: Omit<ClientConnectionOptions, 'peer'>,
  ): Promise<Smb2ClientConnection> {
    const peer = `${host}:${port}`;
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host, port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new Smb2TimeoutError(`connecting to ${peer} took more than ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        s.removeAllListeners('error');
        resolve(s);
      });
      s.once('error', (err) => {
        clearTimeout(timer);
        reject(new Smb2ConnectionError(`cannot connect to ${peer}: ${err.message}`, { cause: err }));
      });
    });
    socket.setNoDelay(true);
    options.logger.info('connected', { peer });
    return new Smb2ClientConnection(socket, { ...options, peer });
  }

  get closed(): boolean {
    return this.closedError !== undefined;
  }

  get outstanding(): number {
    return this.pending.size;
  }

  get creditBalance(): number {
    return this.credits.balance;
  }

  /** Multi-credit requests: 2.1 and later with SMB2_GLOBAL_CAP_LARGE_MTU ([MS-SMB2] 3.2.4.1.2). */
  get multiCredit(): boolean {
    return (
      this.dialect !== undefined &&
      this.dialect !== 0x0202 &&
      (this.serverCapabilities & Smb2Capabilities.SMB2_GLOBAL_CAP_LARGE_MTU) !== 0
    );
  }

  /** Credits a request moving `payloadSize` bytes costs. */
  chargeFor(payloadSize: number): number {
    if (!this.multiCredit) return 1;
    return Math.max(1, Math.ceil(payloadSize / CREDIT_PAYLOAD_SIZE));
  }

  /** The largest single payload the credits this client aims to hold allow. */
  get maxCreditedPayload(): number {
    return this.multiCredit
      ? Math.max(1, Math.floor(this.options.maxCreditsWanted / 2)) * CREDIT_PAYLOAD_SIZE
      : CREDIT_PAYLOAD_SIZE;
  }

  setSessionSigning(sessionId: bigint, signing: SessionSigning | undefined): void {
    if (signing === undefined) this.signing.delete(sessionId);
    else this.signing.set(sessionId, signing);
  }

  /** One request. */
  call(request: Smb2CallRequest): Promise<Smb2CallResponse> {
    const [p] = this.submit([request]);
    if (p === undefined) throw new RangeError('submit returned no promise');
    return p;
  }

  /** Several requests in one compounded message; one promise per member. */
  submit(requests: readonly Smb2CallRequest[]): Array<Promise<Smb2CallResponse>> {
    if (requests.length === 0 || requests.length > MAX_COMPOUND_MEMBERS)
      throw new RangeError(`${requests.length} compound members`);
    const deferreds = requests.map(() => defer());
    // Callers usually await only some members; the others must not become unhandled rejections.
    for (const d of deferreds) d.promise.catch(() => undefined);
    void this.dispatch(requests, deferreds);
    return deferreds.map((d) => d.promise);
  }

  private async dispatch(requests: readonly Smb2CallRequest[], deferreds: readonly Deferred[]): Promise<void> {
    const rejectAll = (err: unknown): void =>
      deferreds.forEach((d) => d.reject(err instanceof Error ? err : new Error(String(err))));
    if (this.closedError !== undefined) return rejectAll(this.closedError);
    // Encode first (with MessageId 0): a request that cannot be encoded fails before it takes credits.
    let members: Buffer[];
    try {
      members = requests.map((req, i) => {
        const w = new BufferWriter(256);
        encodeSmb2Header(w, {
          command: req.command,
          flags: req.related === true && i > 0 ? Smb2Flags.SMB2_FLAGS_RELATED_OPERATIONS : 0,
          messageId: 0n,
          treeId: req.treeId ?? 0,
          sessionId: req.sessionId ?? 0n,
        });
        req.encodeBody(w, 0);
        let bytes = w.finish();
        if (i < requests.length - 1) {
          if (bytes.length % 8 !== 0) bytes = Buffer.concat([bytes, Buffer.alloc(8 - (bytes.length % 8))]);
          bytes.writeUInt32LE(bytes.length, NEXT_COMMAND_OFFSET);
        }
        return bytes;
      });
    } catch (err) {
      return rejectAll(err);
    }
    const charges = requests.map((r) => this.chargeFor(r.payloadSize ?? 0));
    const total = charges.reduce((a, b) => a + b, 0);
    let firstId: bigint;
    try {
      firstId = await this.credits.acquire(total, this.pending.size > 0);
    } catch (err) {
      return rejectAll(err);
    }
    if (this.closedError !== undefined) return rejectAll(this.closedError);

    const deficit = Math.max(0, this.options.maxCreditsWanted - this.credits.balance - this.creditsRequestedInFlight);
    const calls: PendingCall[] = [];
    let id = firstId;
    members.forEach((bytes, i) => {
      const req = requests[i];
      const d = deferreds[i];
      if (req === undefined || d === undefined) throw new RangeError('compound member without request');
      const charge = charges[i] ?? 1;
      const creditsRequested = Math.min(MAX_CREDIT_REQUEST, i === 0 ? Math.max(charge, deficit) : charge);
      // 2.0.2 and the NEGOTIATE before any dialect: CreditCharge is reserved and zero.
      bytes.writeUInt16LE(this.dialect === undefined || this.dialect === 0x0202 ? 0 : charge, CREDIT_CHARGE_OFFSET);
      bytes.writeUInt16LE(creditsRequested, CREDIT_REQUEST_OFFSET);
      bytes.writeBigUInt64LE(id, MESSAGE_ID_OFFSET);
      const sessionId = req.sessionId ?? 0n;
      const signing = this.signing.get(sessionId);
      const forceSign = req.sign === true;
      if (signing !== undefined && (signing.signAll || forceSign) && this.dialect !== undefined) {
        signSmb2Message(this.dialect, signing.key, bytes, this.signingAlgorithm);
      }
      calls.push({
        messageId: id,
        command: req.command,
        sessionId,
        forceSign,
        request: bytes,
        timeoutMs: req.timeoutMs ?? this.options.timeoutMs,
        creditsRequested,
        timer: undefined,
        asyncId: undefined,
        resolve: d.resolve,
        reject: d.reject,
      });
      id += BigInt(charge);
    });

    for (const call of calls) {
      this.pending.set(call.messageId, call);
      this.creditsRequestedInFlight += call.creditsRequested;
      this.armTimer(call);
      this.logger.debug('request', {
        command: smb2CommandName(call.command),
        messageId: call.messageId.toString(),
        credits: this.credits.balance,
      });
    }
    const payload = members.length === 1 && members[0] !== undefined ? members[0] : Buffer.concat(members);
    if (this.logger.isLevelEnabled('silly')) this.logger.silly('send', { hex: payload.toString('hex') });
    this.stream.write(Buffer.concat([frameHeader(payload.length), payload]));
  }

  private armTimer(call: PendingCall): void {
    if (call.timer !== undefined) clearTimeout(call.timer);
    call.timer = setTimeout(() => {
      if (this.pending.get(call.messageId) !== call) return;
      this.settle(call);
      this.abandoned.add(call.messageId);
      call.reject(
        new Smb2TimeoutError(
          `${smb2CommandName(call.command)} got no response from ${this.options.peer} within ${call.timeoutMs} ms`,
        ),
      );
    }, call.timeoutMs);
  }

  /** Removes a call from the outstanding table. */
  private settle(call: PendingCall): void {
    if (call.timer !== undefined) clearTimeout(call.timer);
    this.pending.delete(call.messageId);
    this.creditsRequestedInFlight -= call.creditsRequested;
    call.creditsRequested = 0;
    if (this.pending.size === 0 && this.credits.waiting > 0) this.credits.failStarved();
  }

  // --- receiving ------------------------------------------------------------------------------

  private onData(chunk: Buffer): void {
    if (this.closedError !== undefined) return;
    try {
      for (const frame of this.decoder.push(chunk)) {
        this.onFrame(frame);
        if (this.closedError !== undefined) return;
      }
    } catch (err) {
      this.fail(
        err instanceof Smb2ProtocolError
          ? err
          : new Smb2ProtocolError(
              `bad data from ${this.options.peer}: ${err instanceof Error ? err.message : String(err)}`,
              {
                cause: err,
              },
            ),
      );
    }
  }

  private onFrame(frame: Frame): void {
    if (frame.type === NBSS_KEEP_ALIVE) return;
    if (frame.type !== NBSS_SESSION_MESSAGE)
      throw new Smb2ProtocolError(`NetBIOS packet type 0x${frame.type.toString(16)}`);
    const payload = frame.payload;
    if (this.logger.isLevelEnabled('silly')) this.logger.silly('receive', { hex: payload.toString('hex') });
    if (payload.length < 4) throw new Smb2ProtocolError('frame shorter than a protocol id');
    const protocolId = payload.readUInt32LE(0);
    if (protocolId !== SMB2_PROTOCOL_ID) {
      // 0xFD (encrypted) and 0xFC (compressed) are never asked for by this client.
      throw new Smb2ProtocolError(`unexpected protocol id 0x${protocolId.toString(16)}`);
    }
    for (let start = 0; ;) {
      if (payload.length - start < SMB2_HEADER_SIZE) throw new Smb2ProtocolError('truncated SMB2 header');
      const header = decodeSmb2Header(new BufferReader(payload, start));
      const next = header.nextCommand;
      if (next !== 0 && (next % 8 !== 0 || next < SMB2_HEADER_SIZE || start + next > payload.length)) {
        throw new Smb2ProtocolError(`bad NextCommand ${next}`);
      }
      const end = next === 0 ? payload.length : start + next;
      this.onResponse(header, payload.subarray(start, end));
      if (next === 0 || this.closedError !== undefined) return;
      start = end;
    }
  }

  private onResponse(header: Smb2Header, message: Buffer): void {
    if ((header.flags & Smb2Flags.SMB2_FLAGS_SERVER_TO_REDIR) === 0)
      throw new Smb2ProtocolError('a request where a response was due');
    const id = header.messageId;
    const call = this.pending.get(id);
    if (call === undefined) {
      if (id === UNSOLICITED_MESSAGE_ID) {
        this.logger.debug('unsolicited server message ignored', { command: smb2CommandName(header.command) });
        return;
      }
      if (this.abandoned.delete(id)) {
        this.credits.grant(header.credits);
        this.logger.debug('late response to a call that timed out', { messageId: id.toString() });
        return;
      }
      throw new Smb2ProtocolError(`response to MessageId ${id} that is not outstanding`);
    }
    if (header.command !== call.command) {
      throw new Smb2ProtocolError(
        `MessageId ${id}: ${smb2CommandName(header.command)} answers ${smb2CommandName(call.command)}`,
      );
    }
    if (header.status === NtStatus.STATUS_PENDING && isAsync(header)) {
      // [MS-SMB2] 3.2.5.1.5: an interim response; credits count now, the final one follows.
      call.asyncId = header.asyncId;
      this.creditsRequestedInFlight -= call.creditsRequested;
      call.creditsRequested = 0;
      this.credits.grant(header.credits);
      this.armTimer(call);
      this.logger.debug('interim response', {
        command: smb2CommandName(call.command),
        asyncId: header.asyncId.toString(),
      });
      return;
    }
    // Credits first: a request waiting for them must not be failed as starved by settle().
    this.credits.grant(header.credits);
    this.settle(call);
    this.logger.debug('response', {
      command: smb2CommandName(call.command),
      messageId: id.toString(),
      status: ntStatusName(header.status),
      credits: this.credits.balance,
    });
    try {
      this.checkSignature(call, header, message);
    } catch (err) {
      call.reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    call.resolve({ header, status: header.status, message, request: call.request });
  }

  /** [MS-SMB2] 3.2.5.1.3: responses on a signing session must carry a valid signature. */
  private checkSignature(call: PendingCall, header: Smb2Header, message: Buffer): void {
    const signing = this.signing.get(call.sessionId);
    if (signing === undefined || this.dialect === undefined) return;
    const what = `${smb2CommandName(call.command)} response (${ntStatusName(header.status)})`;
    if (isSmb2MessageSigned(message)) {
      if (header.sessionId !== call.sessionId) throw new Smb2SignatureError(`${what} signed for another session`);
      if (!verifySmb2Message(this.dialect, signing.key, message, this.signingAlgorithm)) {
        throw new Smb2SignatureError(`${what} has a bad signature`);
      }
    } else if (signing.signAll || call.forceSign) {
      throw new Smb2SignatureError(`${what} is not signed on a signing session`);
    }
  }

  // --- closing --------------------------------------------------------------------------------

  private lostError(how: string, cause?: Error): Smb2ConnectionError {
    const n = this.pending.size;
    return new Smb2ConnectionError(
      `connection to ${this.options.peer} ${how}${n > 0 ? ` with ${n} request${n === 1 ? '' : 's'} outstanding` : ''}`,
      cause !== undefined ? { cause } : undefined,
    );
  }

  /** Closes the connection, failing every outstanding call with `err`. */
  fail(err: Error): void {
    if (this.closedError !== undefined) return;
    this.closedError = err;
    const calls = [...this.pending.values()];
    this.pending.clear();
    this.creditsRequestedInFlight = 0;
    if (err instanceof Smb2ProtocolError)
      this.logger.warn('closing: the server broke the protocol', { error: err.message });
    else this.logger.info('connection closed', { reason: err.message, outstanding: calls.length });
    for (const call of calls) {
      if (call.timer !== undefined) clearTimeout(call.timer);
      call.reject(err);
    }
    this.credits.failAll(err);
    this.stream.destroy();
  }

  close(): void {
    this.fail(new Smb2ConnectionError(`connection to ${this.options.peer} closed by the client`));
  }
}

/** Rethrows a decoder failure on a response as a protocol error naming the command. */
export function decodeOrThrow<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof MalformedPacketError)
      throw new Smb2ProtocolError(`malformed ${what}: ${err.message}`, { cause: err });
    throw err;
  }
}
