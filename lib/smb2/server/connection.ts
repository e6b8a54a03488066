/**
 * One SMB2 connection (one socket or duplex) — [MS-SMB2] 3.3.1.7, 3.3.5.
 *
 * State machine (logged on every transition):
 *   awaiting-negotiate --SMB1 NEGOTIATE "SMB 2.???"--> awaiting-smb2-negotiate --NEGOTIATE--> negotiated
 *   awaiting-negotiate --NEGOTIATE (or SMB1 "SMB 2.002")--> negotiated
 *   any --protocol violation / transport end / idle timeout--> closed
 * Each state admits a fixed set of commands; anything else drops the connection, as Windows does.
 *
 * Requests are processed one frame at a time, in order, and answered synchronously (never
 * STATUS_PENDING: @marsaud/smb2 cannot handle interim responses). The one exception: a lone
 * (uncompounded, unencrypted) READ starts without waiting for the READs before it, so a client's
 * pipelined READs overlap their disk reads; responses are matched by MessageId, and
 * [MS-SMB2] 3.3.4.1 lets them leave in any order. Any other request first waits for every READ in
 * flight, so it sees their effects and they never see its (a CLOSE cannot close a file under a READ). Compounded requests
 * ([MS-SMB2] 3.3.5.2.7) get one compounded response; related members inherit the session, tree
 * and FileId of the previous one. This file is the one place that maps errors to NTSTATUS.
 */
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { BufferReader } from '../../common/binary/buffer-reader';
import { BufferWriter } from '../../common/binary/buffer-writer';
import { InvalidStateError, MalformedPacketError, NtStatusError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { NtStatus, isNtError, ntStatusName } from '../../common/status/ntstatus';
import { DriverStoreLookupError, InvalidReadRangeError } from '../../drivers/driver-store';
import {
  RELATED_FILE_ID,
  SMB1_PROTOCOL_ID,
  SMB2_HEADER_SIZE,
  SMB2_PROTOCOL_ID,
  SMB2_TRANSFORM_PROTOCOL_ID,
  Smb2Command,
  Smb2Flags,
  smb2CommandName,
} from '../constants';
import type { Smb2DialectValue } from '../constants';
import {
  FrameDecoder,
  FrameTooLargeError,
  NBSS_KEEP_ALIVE,
  NBSS_POSITIVE_RESPONSE,
  NBSS_SESSION_MESSAGE,
  NBSS_SESSION_REQUEST,
  frameHeader,
} from '../framing';
import type { Frame } from '../framing';
import type { Smb2Header } from '../header';
import { NEXT_COMMAND_OFFSET, decodeSmb2Header, encodeSmb2Header } from '../header';
import type { FileId } from '../messages/common';
import { encodeErrorResponse } from '../messages/error-response';
import { encodeNegotiateResponse } from '../messages/negotiate';
import {
  SMB1_DIALECT_SMB2_002,
  SMB1_DIALECT_SMB2_WILDCARD,
  decodeSmb1NegotiateRequest,
} from '../messages/smb1-negotiate';
import { decodeTransformHeader, decryptMessage, encryptMessage, type Smb2Cipher } from '../signing/encryption';
import type { PreauthIntegrity } from '../signing/keys';
import { signSmb2Message, verifySmb2Message } from '../signing/sign';
import { CreditWindow } from './credits';
import { ResponseBufferPool } from './response-buffer-pool';
import type { HandlerResponse, RequestContext } from './handlers/handler';
import { TerminateConnectionError } from './handlers/handler';
import { HANDLERS } from './handlers/index';
import { negotiateResponseFor, serverCapabilities, serverSecurityMode } from './handlers/negotiate';
import type { Open } from './open';
import type { ServerContext } from './server-context';
import type { Session } from './session';
import type { TreeConnect } from './tree';

/** READs of one connection in flight at once, and the bytes they may ask for (one READ is always admitted). */
const MAX_READS_IN_FLIGHT = 8;
const MAX_READ_BYTES_IN_FLIGHT = 32 * 2 ** 20;

/** Offsets in an SMB2 message ([MS-SMB2] 2.2.1.2, 2.2.19) for recognising a lone READ before decoding it. */
const COMMAND_OFFSET = 12;
const READ_LENGTH_OFFSET = SMB2_HEADER_SIZE + 4;
const READ_REQUEST_MIN_SIZE = SMB2_HEADER_SIZE + 49;

export type ConnectionState = 'awaiting-negotiate' | 'awaiting-smb2-negotiate' | 'negotiated' | 'closed';

const ALL_BUT_NEGOTIATE: ReadonlySet<number> = new Set(
  Object.values(Smb2Command).filter((c) => c !== Smb2Command.NEGOTIATE),
);

/** The commands each state admits ([MS-SMB2] 3.3.5.2: before NEGOTIATE only NEGOTIATE; NEGOTIATE only once). */
const COMMAND_GATE: Readonly<Record<ConnectionState, ReadonlySet<number>>> = {
  'awaiting-negotiate': new Set([Smb2Command.NEGOTIATE]),
  'awaiting-smb2-negotiate': new Set([Smb2Command.NEGOTIATE]),
  negotiated: ALL_BUT_NEGOTIATE,
  closed: new Set(),
};

/** Commands processed without a session ([MS-SMB2] 3.3.5.2.9). */
const SESSIONLESS: ReadonlySet<number> = new Set([
  Smb2Command.NEGOTIATE,
  Smb2Command.SESSION_SETUP,
  Smb2Command.ECHO,
  Smb2Command.CANCEL,
]);

/** Commands that name a tree ([MS-SMB2] 3.3.5.2.11). */
const TREE_COMMANDS: ReadonlySet<number> = new Set([
  Smb2Command.TREE_DISCONNECT,
  Smb2Command.CREATE,
  Smb2Command.CLOSE,
  Smb2Command.FLUSH,
  Smb2Command.READ,
  Smb2Command.WRITE,
  Smb2Command.LOCK,
  Smb2Command.IOCTL,
  Smb2Command.QUERY_DIRECTORY,
  Smb2Command.CHANGE_NOTIFY,
  Smb2Command.QUERY_INFO,
  Smb2Command.SET_INFO,
]);

export interface NegotiatedParameters {
  readonly dialect: Smb2DialectValue;
  readonly clientGuid: Buffer;
  readonly clientSecurityMode: number;
  readonly clientCapabilities: number;
  readonly clientDialects: readonly number[];
  readonly serverCapabilities: number;
  readonly serverSecurityMode: number;
  readonly preauth: PreauthIntegrity | undefined;
}

interface OpenEntry {
  readonly open: Open;
  readonly session: Session;
  readonly tree: TreeConnect;
}

/** What related members of one compound inherit ([MS-SMB2] 3.3.5.2.7.2). */
interface CompoundState {
  index: number;
  sessionId: bigint;
  treeId: number;
  fileId: FileId | undefined;
  /** The previous member's error status, when it failed. */
  failedStatus: number | undefined;
  /** Whether the previous member named or created a FileId. */
  previousHadFileId: boolean;
}

/** Commands that carry (or, for CREATE, generate) a FileId. */
const FILE_COMMANDS: ReadonlySet<number> = new Set([
  Smb2Command.CREATE,
  Smb2Command.CLOSE,
  Smb2Command.FLUSH,
  Smb2Command.READ,
  Smb2Command.WRITE,
  Smb2Command.LOCK,
  Smb2Command.IOCTL,
  Smb2Command.QUERY_DIRECTORY,
  Smb2Command.CHANGE_NOTIFY,
  Smb2Command.QUERY_INFO,
  Smb2Command.SET_INFO,
]);

interface ResponseMember {
  bytes: Buffer;
  signer: Session | undefined;
  afterSend: ((message: Buffer) => void) | undefined;
}

/** Maps any error a handler throws to the NTSTATUS of its response — the one place that does. */
export function statusForError(err: unknown): { status: number; expected: boolean } {
  if (err instanceof NtStatusError) return { status: err.status, expected: true };
  if (err instanceof MalformedPacketError) return { status: NtStatus.STATUS_INVALID_PARAMETER, expected: true };
  if (err instanceof InvalidReadRangeError) return { status: NtStatus.STATUS_INVALID_PARAMETER, expected: true };
  if (err instanceof DriverStoreLookupError) {
    const byReason = {
      'not-found': NtStatus.STATUS_OBJECT_NAME_NOT_FOUND,
      'not-a-directory': NtStatus.STATUS_NOT_A_DIRECTORY,
      'is-a-directory': NtStatus.STATUS_FILE_IS_A_DIRECTORY,
    } as const;
    return { status: byReason[err.reason], expected: true };
  }
  return { status: NtStatus.STATUS_INTERNAL_ERROR, expected: false };
}

export class Smb2Connection {
  state: ConnectionState = 'awaiting-negotiate';
  dialect: Smb2DialectValue | undefined;
  /** 3.1.1 SIGNING_CAPABILITIES choice; undefined means the dialect's default. */
  signingAlgorithm: 0 | 1 | 2 | undefined;
  /** The negotiated cipher (3.0/3.0.2: AES-128-CCM when both support encryption; 3.1.1: from the context). */
  cipher: Smb2Cipher | undefined;
  /** 3.1.1 connection preauth hash (NEGOTIATE request + response). */
  preauth: PreauthIntegrity | undefined;
  readonly sessions = new Map<bigint, Session>();
  readonly logger: Logger;
  /** READ response buffers, reused once the transport has written them (no 8 MiB allocation per READ). */
  readonly responseBuffers = new ResponseBufferPool(MAX_READS_IN_FLIGHT, MAX_READ_BYTES_IN_FLIGHT);

  private negotiatedParameters: NegotiatedParameters | undefined;
  private readonly opens = new Map<bigint, OpenEntry>();
  private nextVolatileId = 1n;
  private readonly credits = new CreditWindow();
  private readonly decoder: FrameDecoder;
  private readonly queue: Frame[] = [];
  private processing = false;
  /** READs started and not yet answered, with the bytes they asked for. */
  private readonly readsInFlight = new Set<Promise<void>>();
  private readBytesInFlight = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly closed: Promise<void>;
  private resolveClosed: () => void = () => undefined;

  constructor(
    readonly id: string,
    private readonly stream: Duplex,
    readonly server: ServerContext,
    readonly remoteAddress: string,
    private readonly onClosed: (connection: Smb2Connection) => void,
  ) {
    this.logger = server.logger.child({ component: 'smb2', connId: id });
    // Until someone authenticates, only small frames (NEGOTIATE, SESSION_SETUP) are accepted.
    this.decoder = new FrameDecoder(Math.min(server.limits.maxFrameSize, server.limits.maxUnauthenticatedFrameSize));
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  start(): void {
    this.logger.info('connection opened', { remoteAddress: this.remoteAddress });
    this.stream.on('data', (chunk: Buffer) => this.onData(chunk));
    this.stream.on('end', () => this.close('peer ended the connection'));
    this.stream.on('close', () => this.close('transport closed'));
    this.stream.on('error', (err: Error) => this.close(`transport error: ${err.message}`));
    this.resetIdleTimer();
  }

  /** Resolves once the connection is closed and its opens are released. */
  whenClosed(): Promise<void> {
    return this.closed;
  }

  /** Resolves once no frame is waiting or being processed (a server's shutdown grace waits for it). */
  async whenIdle(): Promise<void> {
    // Polled: shutdown only, and the caller bounds the wait.
    while (this.state !== 'closed' && (this.processing || this.queue.length > 0 || this.readsInFlight.size > 0))
      await new Promise<void>((resolve) => setTimeout(resolve, 10));
  }

  get maxTransactSize(): number {
    return this.dialect === 0x0202 ? 65536 : this.server.limits.maxTransactSize;
  }

  get maxReadSize(): number {
    return this.dialect === 0x0202 ? 65536 : this.server.limits.maxReadSize;
  }

  get maxWriteSize(): number {
    return this.dialect === 0x0202 ? 65536 : this.server.limits.maxWriteSize;
  }

  requireDialect(): Smb2DialectValue {
    if (this.dialect === undefined) throw new InvalidStateError('no dialect negotiated');
    return this.dialect;
  }

  negotiated(): NegotiatedParameters {
    if (this.negotiatedParameters === undefined) throw new InvalidStateError('no dialect negotiated');
    return this.negotiatedParameters;
  }

  completeNegotiate(p: NegotiatedParameters): void {
    this.negotiatedParameters = p;
    this.dialect = p.dialect;
    this.preauth = p.preauth;
    this.logger.info('dialect negotiated', { dialect: `0x${p.dialect.toString(16).padStart(4, '0')}` });
    this.transitionTo('negotiated');
  }

  // --- opens, trees, sessions -------------------------------------------------------------------

  async registerOpen(open: Open, session: Session, tree: TreeConnect): Promise<FileId> {
    if (this.opens.size >= this.server.limits.maxOpens) {
      await open.abandon();
      throw new NtStatusError(NtStatus.STATUS_TOO_MANY_OPENED_FILES);
    }
    const volatile = this.nextVolatileId++;
    open.fileId = { persistent: volatile, volatile };
    this.opens.set(volatile, { open, session, tree });
    return open.fileId;
  }

  async closeOpen(open: Open): Promise<void> {
    this.opens.delete(open.fileId.volatile);
    await open.close();
  }

  async disconnectTree(session: Session, tree: TreeConnect): Promise<void> {
    session.trees.delete(tree.treeId);
    await this.abandonOpens((e) => e.tree === tree);
  }

  async logoff(session: Session): Promise<void> {
    session.state = 'expired';
    this.sessions.delete(session.sessionId);
    session.trees.clear();
    await this.abandonOpens((e) => e.session === session);
  }

  /** A session became valid: frames up to MaxTransactSize (plus headers) are now accepted. */
  sessionEstablished(): void {
    this.decoder.maxFrameSize = this.server.limits.maxFrameSize;
  }

  removeSession(session: Session): void {
    this.sessions.delete(session.sessionId);
  }

  private async abandonOpens(match: (e: OpenEntry) => boolean): Promise<void> {
    for (const [id, entry] of [...this.opens]) {
      if (!match(entry)) continue;
      this.opens.delete(id);
      try {
        await entry.open.abandon();
      } catch (err) {
        this.logger.warn('releasing an open failed', { name: entry.open.name, error: String(err) });
      }
    }
  }

  // --- transport --------------------------------------------------------------------------------

  close(reason: string): void {
    if (this.state === 'closed') return;
    this.transitionTo('closed', reason);
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.queue.length = 0;
    this.responseBuffers.close();
    // end() lets the peer see the close on any duplex (an in-memory pair too); destroy() frees it.
    this.stream.end();
    setImmediate(() => this.stream.destroy());
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    for (const s of sessions) s.state = 'expired';
    // READs still in flight finish (unanswered) before their files are closed.
    const released =
      this.readsInFlight.size === 0
        ? this.abandonOpens(() => true)
        : Promise.all(this.readsInFlight).then(() => this.abandonOpens(() => true));
    void released.finally(() => {
      this.onClosed(this);
      this.resolveClosed();
    });
  }

  private transitionTo(next: ConnectionState, reason?: string): void {
    this.logger.info(`state ${this.state} -> ${next}`, reason === undefined ? {} : { reason });
    this.state = next;
  }

  private resetIdleTimer(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close('idle timeout'), this.server.limits.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private onData(chunk: Buffer): void {
    if (this.state === 'closed') return;
    this.resetIdleTimer();
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      this.close(err instanceof FrameTooLargeError ? err.message : `framing error: ${String(err)}`);
      return;
    }
    this.queue.push(...frames);
    // Bound what one connection may hold in memory: stop reading while the queue is long.
    if (this.queue.length >= this.server.limits.maxQueuedFrames) this.stream.pause();
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let frame = this.queue.shift(); frame !== undefined && this.state !== 'closed'; frame = this.queue.shift()) {
        const readLength = this.loneReadLength(frame);
        if (readLength === undefined) {
          // Everything but a lone READ keeps the order of the wire.
          while (this.readsInFlight.size > 0) await Promise.all(this.readsInFlight);
          await this.runFrame(frame);
        } else {
          while (
            this.readsInFlight.size > 0 &&
            (this.readsInFlight.size >= MAX_READS_IN_FLIGHT ||
              this.readBytesInFlight + readLength > MAX_READ_BYTES_IN_FLIGHT)
          ) {
            await Promise.race(this.readsInFlight);
          }
          // The awaits above may have seen the connection close.
          if ((this.state as ConnectionState) === 'closed') break;
          this.readBytesInFlight += readLength;
          const read: Promise<void> = this.runFrame(frame).finally(() => {
            this.readsInFlight.delete(read);
            this.readBytesInFlight -= readLength;
          });
          this.readsInFlight.add(read);
        }
        if (this.queue.length < this.server.limits.maxQueuedFrames && this.stream.isPaused()) this.stream.resume();
      }
    } finally {
      this.processing = false;
    }
  }

  /** The Length a lone SMB2 READ asks for, or undefined for any other frame. */
  private loneReadLength(frame: Frame): number | undefined {
    const p = frame.payload;
    if (frame.type !== NBSS_SESSION_MESSAGE || this.state !== 'negotiated' || p.length < READ_REQUEST_MIN_SIZE)
      return undefined;
    if (p.readUInt32LE(0) !== SMB2_PROTOCOL_ID || p.readUInt16LE(COMMAND_OFFSET) !== Smb2Command.READ) return undefined;
    if (p.readUInt32LE(NEXT_COMMAND_OFFSET) !== 0) return undefined;
    return p.readUInt32LE(READ_LENGTH_OFFSET);
  }

  /** Processes one frame; never rejects (a failure closes the connection). */
  private async runFrame(frame: Frame): Promise<void> {
    try {
      await this.processFrame(frame);
    } catch (err) {
      if (err instanceof TerminateConnectionError) this.close(err.message);
      else {
        this.logger.error('unexpected failure: closing the connection', {
          error: err instanceof Error ? err.stack : String(err),
        });
        this.close('internal error');
      }
    }
  }

  /**
   * Writes one frame. A pooled READ buffer in `payload` goes back to the pool once nothing reads it
   * again: when the socket has written it (never earlier: a buffer still queued in the socket must
   * not be reused), or at once when the frame is a copy.
   */
  private async send(payload: Buffer, type = NBSS_SESSION_MESSAGE): Promise<void> {
    if (this.state === 'closed') {
      this.responseBuffers.give(payload);
      return;
    }
    let ok: boolean;
    if (this.stream instanceof Socket && payload.length >= 65536) {
      // TCP has no message boundaries: header and payload leave in one writev, without copying the payload.
      this.stream.cork();
      this.stream.write(frameHeader(payload.length, type));
      ok = this.stream.write(payload, (err) => {
        // After an error the write may not have let go of the bytes: leave them to the collector.
        if (err === undefined || err === null) this.responseBuffers.give(payload);
      });
      this.stream.uncork();
    } else {
      ok = this.stream.write(Buffer.concat([frameHeader(payload.length, type), payload]));
      this.responseBuffers.give(payload);
    }
    if (ok) return;
    // Back-pressure: wait until the peer reads before producing more.
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
    });
  }

  private async processFrame(frame: Frame): Promise<void> {
    if (frame.type === NBSS_SESSION_REQUEST) {
      // [RFC 1002] 4.3.3: port 139 style session request; any called name is accepted.
      await this.send(Buffer.alloc(0), NBSS_POSITIVE_RESPONSE);
      return;
    }
    if (frame.type === NBSS_KEEP_ALIVE) return;
    if (frame.type !== NBSS_SESSION_MESSAGE)
      throw new TerminateConnectionError(`NetBIOS packet type 0x${frame.type.toString(16)}`);
    const payload = frame.payload;
    if (payload.length < 4) throw new TerminateConnectionError('frame shorter than a protocol id');
    const protocolId = payload.readUInt32LE(0);
    if (protocolId === SMB2_PROTOCOL_ID) await this.processSmb2(payload);
    else if (protocolId === SMB1_PROTOCOL_ID) await this.processSmb1(payload);
    else if (protocolId === SMB2_TRANSFORM_PROTOCOL_ID) await this.processEncrypted(payload);
    else throw new TerminateConnectionError(`protocol id 0x${protocolId.toString(16)}`);
  }

  /** [MS-SMB2] 3.3.5.3.1: the SMB2 answer to an SMB1 multi-protocol NEGOTIATE. */
  private async processSmb1(payload: Buffer): Promise<void> {
    if (this.state !== 'awaiting-negotiate') throw new TerminateConnectionError('SMB1 after negotiation');
    let dialects: readonly string[];
    try {
      dialects = decodeSmb1NegotiateRequest(new BufferReader(payload)).dialects;
    } catch (err) {
      throw new TerminateConnectionError(`bad SMB1 NEGOTIATE: ${String(err)}`);
    }
    if (!this.credits.consume(0n, 1)) throw new TerminateConnectionError('credit window');
    let dialect: number;
    if (dialects.includes(SMB1_DIALECT_SMB2_WILDCARD)) {
      dialect = 0x02ff;
      this.transitionTo('awaiting-smb2-negotiate', 'SMB1 negotiate offered SMB 2.???');
    } else if (dialects.includes(SMB1_DIALECT_SMB2_002)) {
      dialect = 0x0202;
      this.completeNegotiate({
        dialect: 0x0202,
        clientGuid: Buffer.alloc(16),
        clientSecurityMode: 0,
        clientCapabilities: 0,
        clientDialects: [0x0202],
        serverCapabilities: serverCapabilities(0x0202),
        serverSecurityMode: serverSecurityMode(this),
        preauth: undefined,
      });
    } else {
      throw new TerminateConnectionError(`SMB1-only client (${dialects.join(', ')})`);
    }
    const w = new BufferWriter(256);
    encodeSmb2Header(w, {
      command: Smb2Command.NEGOTIATE,
      credits: this.credits.grant(1),
      flags: Smb2Flags.SMB2_FLAGS_SERVER_TO_REDIR,
      messageId: 0n,
    });
    encodeNegotiateResponse(w, 0, negotiateResponseFor(this, dialect, []));
    await this.send(w.finish());
  }

  /**
   * [MS-SMB2] 3.3.5.2.1.1: a TRANSFORM_HEADER message is decrypted with its session's key and
   * processed as usual; the response goes back encrypted. Anything that does not decrypt drops
   * the connection.
   */
  private async processEncrypted(payload: Buffer): Promise<void> {
    if (this.cipher === undefined) throw new TerminateConnectionError('encrypted message but no cipher negotiated');
    let sessionId: bigint;
    try {
      sessionId = decodeTransformHeader(payload).sessionId;
    } catch (err) {
      throw new TerminateConnectionError(`bad TRANSFORM_HEADER: ${String(err)}`);
    }
    const session = this.sessions.get(sessionId);
    if (session?.encryptionKeys === undefined || session.state !== 'valid') {
      throw new TerminateConnectionError(`encrypted message for session 0x${sessionId.toString(16)} without keys`);
    }
    let message: Buffer;
    try {
      message = decryptMessage(this.cipher, session.encryptionKeys.serverIn, payload).message;
    } catch (err) {
      throw new TerminateConnectionError(`message does not decrypt: ${String(err)}`);
    }
    await this.processSmb2(message, session);
  }

  private async processSmb2(payload: Buffer, encryptedFor?: Session): Promise<void> {
    const compound: CompoundState = {
      index: 0,
      sessionId: 0n,
      treeId: 0,
      fileId: undefined,
      failedStatus: undefined,
      previousHadFileId: false,
    };
    const members: ResponseMember[] = [];
    for (let start = 0; ; compound.index++) {
      if (payload.length - start < SMB2_HEADER_SIZE) throw new TerminateConnectionError('truncated SMB2 header');
      let header: Smb2Header;
      try {
        header = decodeSmb2Header(new BufferReader(payload, start));
      } catch (err) {
        throw new TerminateConnectionError(`bad SMB2 header: ${String(err)}`);
      }
      const next = header.nextCommand;
      if (next !== 0 && (next % 8 !== 0 || next < SMB2_HEADER_SIZE || start + next > payload.length)) {
        throw new TerminateConnectionError(`bad NextCommand ${next}`);
      }
      const end = next === 0 ? payload.length : start + next;
      const related = compound.index > 0 && (header.flags & Smb2Flags.SMB2_FLAGS_RELATED_OPERATIONS) !== 0;
      if (encryptedFor !== undefined && !related && header.sessionId !== encryptedFor.sessionId) {
        throw new TerminateConnectionError('a decrypted request names another session');
      }
      const result = await this.processMember(header, payload, start, end, compound, encryptedFor !== undefined);
      if (result !== undefined) members.push(result);
      if (next === 0 || this.state === 'closed') break;
      start = end;
    }
    if (members.length === 0) return;
    if (encryptedFor?.encryptionKeys !== undefined && this.cipher !== undefined) {
      // An encrypted request gets an encrypted, unsigned response ([MS-SMB2] 3.3.4.1.4).
      for (const m of members) m.signer = undefined;
      const plain = this.assemble(members);
      const encrypted = encryptMessage(
        this.cipher,
        encryptedFor.encryptionKeys.serverOut,
        encryptedFor.sessionId,
        plain,
      );
      // The ciphertext is a new buffer: the plain members are no longer needed.
      for (const m of members) this.responseBuffers.give(m.bytes);
      await this.send(encrypted);
      return;
    }
    const assembled = this.assemble(members);
    // A compound is a copy of its members: they can go back now (a lone member is sent as is).
    if (members.length > 1) for (const m of members) this.responseBuffers.give(m.bytes);
    await this.send(assembled);
  }

  /** Pads, chains, signs (each member with its padding, [MS-SMB2] 3.3.4.1.1) and hashes the response members. */
  private assemble(members: ResponseMember[]): Buffer {
    const parts = members.map((m, i) => {
      const last = i === members.length - 1;
      const padded =
        last || m.bytes.length % 8 === 0 ? m.bytes : Buffer.concat([m.bytes, Buffer.alloc(8 - (m.bytes.length % 8))]);
      if (!last) padded.writeUInt32LE(padded.length, NEXT_COMMAND_OFFSET);
      if (m.signer?.signingKey !== undefined && this.dialect !== undefined) {
        signSmb2Message(this.dialect, m.signer.signingKey, padded, this.signingAlgorithm);
      }
      m.afterSend?.(padded);
      return padded;
    });
    return parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts);
  }

  private async processMember(
    header: Smb2Header,
    payload: Buffer,
    start: number,
    end: number,
    compound: CompoundState,
    encrypted = false,
  ): Promise<ResponseMember | undefined> {
    const command = header.command;
    const name = smb2CommandName(command);
    this.logger.debug('request', { command: name, messageId: header.messageId.toString(), compound: compound.index });

    // [MS-SMB2] 3.3.5.2.3: every MessageId (and each id a multi-credit charge covers) must be granted and unused.
    if (command !== Smb2Command.CANCEL) {
      const charge = this.dialect === undefined || this.dialect === 0x0202 ? 1 : Math.max(1, header.creditCharge);
      if (!this.credits.consume(header.messageId, charge)) {
        throw new TerminateConnectionError(
          `MessageId ${header.messageId} (charge ${charge}) outside the granted window`,
        );
      }
    }
    const known = command in HANDLERS;
    if (known && !COMMAND_GATE[this.state].has(command))
      throw new TerminateConnectionError(`${name} not allowed in state ${this.state}`);
    if (!known && this.state !== 'negotiated')
      throw new TerminateConnectionError(`unknown command ${name} before NEGOTIATE`);

    const related = compound.index > 0 && (header.flags & Smb2Flags.SMB2_FLAGS_RELATED_OPERATIONS) !== 0;
    const sessionId = related ? compound.sessionId : header.sessionId;
    const treeId = related ? compound.treeId : header.treeId;
    const message = payload.subarray(start, end);
    const requestSigned = (header.flags & Smb2Flags.SMB2_FLAGS_SIGNED) !== 0;
    let session: Session | undefined;
    let tree: TreeConnect | undefined;
    let response: HandlerResponse | undefined;

    try {
      if (!known) throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, `unknown command ${name}`);
      session = this.lookupSession(command, sessionId);
      // An encrypted request is authenticated by its AEAD tag: no signature to check (3.3.5.2.4).
      if (session !== undefined && command !== Smb2Command.SESSION_SETUP && !encrypted) {
        this.checkSignature(session, requestSigned, message);
      }
      if (TREE_COMMANDS.has(command)) {
        tree = session?.trees.get(treeId);
        if (tree === undefined) throw new NtStatusError(NtStatus.STATUS_NETWORK_NAME_DELETED, `no tree ${treeId}`);
      }
      const log = this.logger.child({
        ...(session !== undefined && { sessionId: `0x${session.sessionId.toString(16)}` }),
        ...(tree !== undefined && { treeId: tree.treeId }),
      });
      const ctx: RequestContext = {
        connection: this,
        header,
        body: new BufferReader(payload, start + SMB2_HEADER_SIZE, end),
        base: start,
        message,
        session,
        tree,
        logger: log,
        findOpen: (fileId) => {
          const open = this.findOpen(fileId, session, tree, related ? compound : undefined);
          compound.fileId = open.fileId;
          return open;
        },
        setRelatedFileId: (fileId) => {
          compound.fileId = fileId;
        },
      };
      const handler = HANDLERS[command as Smb2Command];
      response = await handler(ctx);
      if (response === undefined) return undefined;
    } catch (err) {
      if (err instanceof TerminateConnectionError) throw err;
      const { status, expected } = statusForError(err);
      if (expected) {
        this.logger.debug('request failed', {
          command: name,
          status: ntStatusName(status),
          reason: err instanceof Error ? err.message : String(err),
        });
      } else {
        this.logger.error('request failed unexpectedly', {
          command: name,
          error: err instanceof Error ? err.stack : String(err),
        });
      }
      response = { status, encodeBody: (w) => encodeErrorResponse(w) };
    }

    compound.sessionId = response.sessionId ?? sessionId;
    compound.treeId = response.treeId ?? treeId;
    compound.failedStatus = isNtError(response.status) ? response.status : undefined;
    compound.previousHadFileId = FILE_COMMANDS.has(command);

    const w = new BufferWriter(response.message === undefined ? 256 : SMB2_HEADER_SIZE);
    encodeSmb2Header(w, {
      creditCharge: header.creditCharge,
      status: response.status,
      command,
      // Windows answers NEGOTIATE with one credit and grants what is asked afterwards.
      credits: this.credits.grant(command === Smb2Command.NEGOTIATE ? 1 : header.credits),
      flags: Smb2Flags.SMB2_FLAGS_SERVER_TO_REDIR | (related ? Smb2Flags.SMB2_FLAGS_RELATED_OPERATIONS : 0),
      messageId: header.messageId,
      treeId: response.treeId ?? treeId,
      sessionId: response.sessionId ?? sessionId,
    });
    let bytes: Buffer;
    if (response.message !== undefined) {
      // The body (READ data) is already in place: only the header is written, into its room.
      bytes = response.message;
      bytes.set(w.view(), 0);
    } else {
      response.encodeBody(w, 0);
      bytes = w.view();
    }
    this.logger.debug('response', { command: name, status: ntStatusName(response.status) });

    let signer: Session | undefined;
    if (response.signWith !== undefined) signer = response.signWith;
    else if (response.noSign !== true && session?.canSign === true && (session.signingRequired || requestSigned))
      signer = session;
    return { bytes, signer, afterSend: response.afterSend };
  }

  private lookupSession(command: number, sessionId: bigint): Session | undefined {
    if (SESSIONLESS.has(command))
      return command === Smb2Command.SESSION_SETUP ? undefined : this.sessions.get(sessionId);
    const session = this.sessions.get(sessionId);
    if (session === undefined || session.state === 'expired') {
      throw new NtStatusError(NtStatus.STATUS_USER_SESSION_DELETED, `no session 0x${sessionId.toString(16)}`);
    }
    if (session.state !== 'valid')
      throw new NtStatusError(NtStatus.STATUS_USER_SESSION_DELETED, 'session setup in progress');
    return session;
  }

  /** [MS-SMB2] 3.3.5.2.4: a signed request is verified; an unsigned one is refused when the session requires signing. */
  private checkSignature(session: Session, signed: boolean, message: Buffer): void {
    if (!session.canSign || session.signingKey === undefined || this.dialect === undefined) return;
    if (signed) {
      if (!verifySmb2Message(this.dialect, session.signingKey, message, this.signingAlgorithm)) {
        throw new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, 'bad signature');
      }
    } else if (session.signingRequired) {
      throw new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, 'unsigned request on a session that requires signing');
    }
  }

  /**
   * [MS-SMB2] 3.3.5.2.7.2: in a related compound the all-ones FileId is the previous member's;
   * if that member failed, this one fails with the same status; with no FileId before it,
   * STATUS_INVALID_HANDLE.
   */
  private findOpen(
    fileId: FileId,
    session: Session | undefined,
    tree: TreeConnect | undefined,
    related: CompoundState | undefined,
  ): Open {
    let id = fileId;
    if (id.persistent === RELATED_FILE_ID && id.volatile === RELATED_FILE_ID) {
      if (related === undefined)
        throw new NtStatusError(NtStatus.STATUS_FILE_CLOSED, 'the related FileId outside a related compound');
      if (related.previousHadFileId && related.failedStatus !== undefined) {
        throw new NtStatusError(related.failedStatus, 'the previous related request failed');
      }
      if (related.fileId === undefined)
        throw new NtStatusError(NtStatus.STATUS_INVALID_HANDLE, 'no previous FileId in the compound');
      id = related.fileId;
    }
    const entry = this.opens.get(id.volatile);
    if (
      entry === undefined ||
      entry.open.fileId.persistent !== id.persistent ||
      entry.session !== session ||
      entry.tree !== tree
    ) {
      throw new NtStatusError(NtStatus.STATUS_FILE_CLOSED, `no open ${id.volatile}`);
    }
    return entry.open;
  }
}
