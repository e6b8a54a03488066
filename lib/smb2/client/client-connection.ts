/**
 * One client connection to an SMB2 server — [MS-SMB2] 3.2 (client). One socket, one frame
 * decoder ([MS-SMB2] 2.1 direct TCP framing), one MessageId/credit manager, and the table of
 * outstanding calls matched by MessageId.
 *
 *   send:    header + body (one member per compounded request, each 8-aligned, NextCommand
 *            chained, [MS-SMB2] 3.2.4.1.4; request-encoder.ts) -> acquire CreditCharge credits
 *            -> consecutive MessageIds, signed per member when its session signs (3.2.4.1.1;
 *            outgoing-calls.ts), or the whole message sealed in a TRANSFORM_HEADER when its
 *            session or tree encrypts (3.2.4.1.8, client-encryption.ts) -> framed write
 *            (frame-writer.ts)
 *   receive: frame -> decrypted when it is a TRANSFORM_HEADER (3.2.5.1.1; a large AES-GCM one on
 *            a seal worker while the socket is read on, then frames in arrival order,
 *            in-order-frames.ts) -> compounded responses split on NextCommand (3.2.5.1.9;
 *            response-members.ts) -> match MessageId
 *            -> interim STATUS_PENDING with SMB2_FLAGS_ASYNC_COMMAND: keep waiting (3.2.5.1.5)
 *            -> credits granted (3.2.5.1.4) -> signature verified on signing sessions
 *            (3.2.5.1.3; an encrypted one is not signed) -> the caller decodes the body.
 *
 * State: open -> closed (by the client, or because the socket failed or the server broke the
 * protocol). Closing fails every outstanding call with one Smb2ConnectionError; nothing the
 * server sends can throw out of the data handler.
 */
import type { Duplex } from 'node:stream';
import type { Logger } from '../../common/logger';
import { NtStatus, ntStatusName } from '../../common/status/ntstatus';
import { CREDIT_PAYLOAD_SIZE, Smb2Capabilities, Smb2Flags, smb2CommandName } from '../constants';
import { NBSS_SESSION_MESSAGE } from '../framing';
import type { Frame } from '../framing';
import type { Smb2Header } from '../header';
import { isAsync } from '../header';
import type { Smb2Cipher } from '../signing/encryption';
import type { Smb2Dialect } from '../signing/keys';
import type { SigningAlgorithm } from '../signing/sign';
import { Smb2ConnectionError, Smb2ProtocolError, Smb2TimeoutError, badDataFrom } from './client-errors';
import type { Smb2CallRequest, Smb2CallResponse } from './client-messages';
import {
  encryptRequest,
  openingOnWorker,
  receivedMessage,
  type ReceivedFrame,
  type SessionEncryption,
} from './client-encryption';
import { CreditManager } from './credit-manager';
import { FrameReceiver, readsForLaterReceiver } from './frame-receiver';
import { writeFrame } from './frame-writer';
import { InOrderFrames } from './in-order-frames';
import { stampOutgoingCalls } from './outgoing-calls';
import type { Deferred, PendingCall } from './pending-call';
import { defer } from './pending-call';
import { encodeRequestMembers } from './request-encoder';
import { responseMembers } from './response-members';
import { checkResponseProtection, type SessionSigning } from './response-protection';
import { connectTcp } from './tcp-connect';

/** MessageId of unsolicited server messages (oplock/lease breaks, [MS-SMB2] 3.2.5.19). */
const UNSOLICITED_MESSAGE_ID = 0xffffffffffffffffn;
const MAX_COMPOUND_MEMBERS = 32;

export type { SessionSigning } from './response-protection';

export interface ClientConnectionOptions {
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** What the client tries to hold; each request asks for the difference. */
  readonly maxCreditsWanted: number;
  /** For messages: `host:port`. */
  readonly peer: string;
}

export type { Smb2CallRequest, Smb2CallResponse } from './client-messages';
export { bodyReader, decodeOrThrow } from './client-messages';

export class Smb2ClientConnection {
  /** Set by NEGOTIATE. */
  dialect: Smb2Dialect | undefined;
  serverCapabilities = 0;
  signingAlgorithm: SigningAlgorithm | undefined;
  /** The cipher NEGOTIATE settled (3.0: AES-128-CCM; 3.1.1: ENCRYPTION_CAPABILITIES), if any. */
  cipher: Smb2Cipher | undefined;

  private readonly credits = new CreditManager();
  private readonly receiver = new FrameReceiver(
    (frame) => this.onFrame(frame),
    (err) => this.fail(badDataFrom(this.options.peer, err)),
  );
  private readonly inOrder = new InOrderFrames<ReceivedFrame>(
    (received) => this.onReceived(received),
    (err) => this.fail(badDataFrom(this.options.peer, err)),
    (full) => (full ? this.stream.pause() : this.stream.resume()),
  );
  private readonly pending = new Map<bigint, PendingCall>();
  /** Calls that timed out: their late responses are dropped quietly (credits still counted). */
  private readonly abandoned = new Set<bigint>();
  private readonly signing = new Map<bigint, SessionSigning>();
  private readonly encryption = new Map<bigint, SessionEncryption>();
  private readonly findEncryption = (id: bigint): SessionEncryption | undefined => this.encryption.get(id);
  private creditsRequestedInFlight = 0;
  private closedError: Error | undefined;
  private readonly logger: Logger;

  constructor(
    private readonly stream: Duplex,
    private readonly options: ClientConnectionOptions,
  ) {
    this.logger = options.logger;
    stream.on('data', (chunk: Buffer) => this.receiver.push(chunk));
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
    const reads = readsForLaterReceiver();
    const socket = await connectTcp(host, port, options.timeoutMs, reads.onread);
    options.logger.info('connected', { peer });
    const connection = new Smb2ClientConnection(socket, { ...options, peer });
    reads.adopt(connection.receiver);
    return connection;
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

  /**
   * The caller is done with a READ's data (a view of a large frame): the frame's buffer may take
   * another READ. Anything else is ignored. Called once per response, after the last use of it.
   */
  releaseReadBuffer(data: Uint8Array): void {
    this.receiver.pool.release(data);
  }

  setSessionSigning(sessionId: bigint, signing: SessionSigning | undefined): void {
    if (signing === undefined) this.signing.delete(sessionId);
    else this.signing.set(sessionId, signing);
  }

  setSessionEncryption(sessionId: bigint, encryption: SessionEncryption | undefined): void {
    if (encryption === undefined) this.encryption.delete(sessionId);
    else this.encryption.set(sessionId, encryption);
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
      members = encodeRequestMembers(requests);
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
    // A compound goes in one TRANSFORM_HEADER, for the session of its first member.
    const sealedFor = requests[0]?.sessionId ?? 0n;
    const sealing = this.encryption.get(sealedFor);
    const seal = sealing !== undefined && (sealing.encryptAll || requests.some((r) => r.encrypt === true));
    const calls = stampOutgoingCalls(
      { requests, members, deferreds, charges, firstId, deficit, sealed: seal },
      {
        dialect: this.dialect,
        signingAlgorithm: this.signingAlgorithm,
        signingFor: (id) => this.signing.get(id),
        defaultTimeoutMs: this.options.timeoutMs,
      },
    );
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
    if (seal && sealing !== undefined) {
      const { header, ciphertext } = encryptRequest(sealing, sealedFor, payload);
      writeFrame(this.stream, ciphertext, header);
    } else writeFrame(this.stream, payload);
  }

  private armTimer(call: PendingCall): void {
    if (call.timer !== undefined) clearTimeout(call.timer);
    call.timer = setTimeout(() => {
      // Node runs expired timers before it reads the sockets: on a starved process the answer
      // may be waiting, unread, in the socket. setImmediate runs after this turn's reads, so a
      // response that arrived in time is taken, not timed out.
      const timer = call.timer;
      setImmediate(() => {
        // An interim response meanwhile re-armed the timer: the call waits on.
        if (call.timer === timer) this.timedOut(call);
      });
    }, call.timeoutMs);
  }

  private timedOut(call: PendingCall): void {
    if (this.pending.get(call.messageId) !== call || this.closedError !== undefined) return;
    this.settle(call);
    this.abandoned.add(call.messageId);
    call.reject(
      new Smb2TimeoutError(
        `${smb2CommandName(call.command)} got no response from ${this.options.peer} within ${call.timeoutMs} ms`,
      ),
    );
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

  private onFrame(frame: Frame): void {
    if (this.logger.isLevelEnabled('silly') && frame.type === NBSS_SESSION_MESSAGE)
      this.logger.silly('receive', { hex: frame.payload.toString('hex') });
    const opening = openingOnWorker(this.cipher, this.findEncryption, frame);
    if (opening === undefined) this.inOrder.add({ frame });
    else this.inOrder.addPending(opening);
  }

  /** A frame's turn: its message (decrypted now unless a worker did), then its responses, in order. */
  private onReceived(received: ReceivedFrame): void {
    const release = (b: Buffer): boolean => this.receiver.pool.release(b);
    const { message, encrypted } = receivedMessage(this.cipher, this.findEncryption, received, release);
    for (const { header, message: member } of responseMembers({ type: received.frame.type, payload: message })) {
      this.onResponse(header, member, encrypted);
      if (this.closedError !== undefined) return;
    }
  }

  private onResponse(header: Smb2Header, message: Buffer, encrypted: boolean): void {
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
      checkResponseProtection(
        call,
        { header, message, encrypted },
        this.signing.get(call.sessionId),
        this.dialect,
        this.signingAlgorithm,
      );
    } catch (err) {
      call.reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    call.resolve({ header, status: header.status, message, request: call.request });
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
    this.receiver.stop();
    this.inOrder.stop();
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
