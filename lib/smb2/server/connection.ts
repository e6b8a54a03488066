/**
 * One SMB2 connection (one socket or duplex) — [MS-SMB2] 3.3.1.7, 3.3.5. It puts together:
 *
 *   FrameTransport   bytes <-> frames, back-pressure, idle timeout, receive and send budgets
 *                                                                         (transport.ts)
 *   ReadPipeline     the order frames run in; lone READs overlap           (read-pipeline.ts)
 *   Smb2Dispatcher   credits, checks, handlers, compound/signed/encrypted responses (dispatcher.ts)
 *   Smb2ConnectionContext  negotiation, session and open tables: what handlers see
 *                                                                         (connection-context.ts)
 *   ConnectionStateMachine  the logged state machine and its command gate (connection-state.ts)
 *
 * This file routes each frame by its NetBIOS type and protocol id (SMB2, SMB1 NEGOTIATE,
 * TRANSFORM_HEADER), turns a protocol violation into a close, enforces the deadlines to negotiate
 * and to log on (a connection that has not done so in time is closed, whatever bytes it trickles),
 * and closes: sessions expire, READs in flight finish unanswered, then every open is released.
 */
import type { Duplex } from 'node:stream';
import type { Logger } from '../../common/logger';
import { SMB1_PROTOCOL_ID, SMB2_PROTOCOL_ID, SMB2_TRANSFORM_PROTOCOL_ID } from '../constants';
import { NBSS_KEEP_ALIVE, NBSS_POSITIVE_RESPONSE, NBSS_SESSION_MESSAGE, NBSS_SESSION_REQUEST } from '../framing';
import type { Frame } from '../framing';
import { Smb2ConnectionContext } from './connection-context';
import type { ConnectionState } from './connection-state';
import { ConnectionStateMachine } from './connection-state';
import { Smb2Dispatcher } from './dispatcher';
import { TerminateConnectionError } from './handlers/handler';
import { MAX_READS_IN_FLIGHT, MAX_READ_BYTES_IN_FLIGHT, ReadPipeline } from './read-pipeline';
import { peerBudgetKey, userBudgetKey } from './resource-budgets';
import { ResponseBufferPool } from './response-buffer-pool';
import type { ServerContext } from './server-context';
import type { Session } from './session';
import type { DecryptedRequest } from './transform';
import { FrameTransport } from './transport';

export type { ConnectionState } from './connection-state';

/** What the server learns of a connection's life. */
export interface ConnectionHooks {
  /** The connection closed and released its opens. */
  readonly onClosed: (connection: Smb2Connection) => void;
  /** Its first session logged on. */
  readonly onAuthenticated: (connection: Smb2Connection) => void;
  /** Large buffers it held became garbage (its READ pool was trimmed). */
  readonly onBuffersDropped: () => void;
}

export class Smb2Connection {
  readonly logger: Logger;
  /** READ response buffers, reused once the transport has written them (no 8 MiB allocation per READ). */
  private readonly responseBuffers: ResponseBufferPool;

  private readonly states: ConnectionStateMachine;
  private readonly context: Smb2ConnectionContext;
  private readonly transport: FrameTransport;
  private readonly pipeline: ReadPipeline;
  private readonly dispatcher: Smb2Dispatcher;
  /** Encrypted frames the pipeline decrypted in their turn, until they run. */
  private readonly opened = new WeakMap<Frame, DecryptedRequest>();
  private readonly closed: Promise<void>;
  private resolveClosed: () => void = () => undefined;
  /** Whose budget received bytes count against: the peer until a session logs on, then its user. */
  private budgetKey: string;
  private deadline: NodeJS.Timeout | undefined;
  private loggedOn = false;

  constructor(
    readonly id: string,
    stream: Duplex,
    readonly server: ServerContext,
    readonly remoteAddress: string,
    private readonly hooks: ConnectionHooks,
  ) {
    this.logger = server.logger.child({ component: 'smb2', connId: id });
    this.responseBuffers = new ResponseBufferPool(MAX_READS_IN_FLIGHT, MAX_READ_BYTES_IN_FLIGHT, () =>
      hooks.onBuffersDropped(),
    );
    this.states = new ConnectionStateMachine(this.logger);
    this.budgetKey = peerBudgetKey(remoteAddress);
    const limits = server.limits;
    this.transport = new FrameTransport(stream, {
      // Until someone authenticates, only small frames (NEGOTIATE, SESSION_SETUP) are accepted.
      maxFrameSize: Math.min(limits.maxFrameSize, limits.maxUnauthenticatedFrameSize),
      idleTimeoutMs: limits.idleTimeoutMs,
      frameReceiveTimeoutMs: limits.frameReceiveTimeoutMs,
      maxBytesInFlight: limits.maxResponseBytesInFlight,
      receiveBudget: server.budgets.receiveBytes,
      budgetKey: () => this.budgetKey,
      responseBuffers: this.responseBuffers,
      onFrames: (frames) => this.pipeline.push(frames),
      onClose: (reason) => this.close(reason),
    });
    this.context = new Smb2ConnectionContext({
      id,
      remoteAddress,
      server,
      logger: this.logger,
      states: this.states,
      responseBuffers: this.responseBuffers,
      onSessionEstablished: (session) => this.sessionEstablished(session),
    });
    const states = this.states;
    const transport = this.transport;
    this.pipeline = new ReadPipeline(
      {
        run: (frame) => this.runFrame(frame),
        get negotiated() {
          return states.state === 'negotiated';
        },
        get closed() {
          return states.closed;
        },
        open: (frame) => this.openEncrypted(frame),
        pause: () => transport.pause(),
        resume: () => transport.resume(),
      },
      server.limits.maxQueuedFrames,
    );
    this.dispatcher = new Smb2Dispatcher({
      logger: this.logger,
      states: this.states,
      context: this.context,
      send: (payload, prefix, slices) => this.transport.send(payload, undefined, prefix, slices),
    });
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    this.startDeadlines();
  }

  get state(): ConnectionState {
    return this.states.state;
  }

  /** Reads and serves the connection (it may wait, unread, for its address's cap before logon). */
  start(): void {
    if (this.states.closed) return;
    this.logger.info('connection opened', { remoteAddress: this.remoteAddress });
    this.transport.start();
  }

  /** Deadlines to negotiate and to log on, from the connection's arrival, waiting or served. */
  private startDeadlines(): void {
    const { negotiateTimeoutMs, authenticationTimeoutMs } = this.server.limits;
    this.deadline = setTimeout(
      () => {
        if (this.states.state !== 'negotiated') this.close('no NEGOTIATE before the deadline');
        else {
          this.deadline = setTimeout(
            () => this.close('no session logged on before the deadline'),
            Math.max(0, authenticationTimeoutMs - negotiateTimeoutMs),
          );
          this.deadline.unref();
        }
      },
      Math.min(negotiateTimeoutMs, authenticationTimeoutMs),
    );
    this.deadline.unref();
  }

  /** Whether a session has logged on (the deadlines no longer apply). */
  get authenticated(): boolean {
    return this.loggedOn;
  }

  /** Bytes of received frames this connection holds in the server's budget. */
  get receiveBytesHeld(): number {
    return this.transport.reservedBytes;
  }

  private sessionEstablished(session: Session): void {
    this.transport.maxFrameSize = this.server.limits.maxFrameSize;
    if (session.user !== undefined) this.budgetKey = userBudgetKey(session.user);
    if (!this.loggedOn) {
      this.loggedOn = true;
      if (this.deadline !== undefined) clearTimeout(this.deadline);
      this.deadline = undefined;
      this.hooks.onAuthenticated(this);
    }
  }

  /** Resolves once the connection is closed and its opens are released. */
  whenClosed(): Promise<void> {
    return this.closed;
  }

  /** Resolves once no frame is waiting or being processed (a server's shutdown grace waits for it). */
  async whenIdle(): Promise<void> {
    // Polled: shutdown only, and the caller bounds the wait.
    while (!this.states.closed && !this.pipeline.idle) await new Promise<void>((resolve) => setTimeout(resolve, 10));
  }

  close(reason: string): void {
    if (this.states.closed) return;
    this.states.transitionTo('closed', reason);
    if (this.deadline !== undefined) clearTimeout(this.deadline);
    this.pipeline.clear();
    this.responseBuffers.close();
    this.transport.close();
    this.context.sessions.expireAll();
    // READs still in flight finish (unanswered) before their files are closed.
    void this.pipeline
      .afterReads(() => this.context.opens.releaseAll())
      .finally(() => {
        this.hooks.onClosed(this);
        this.resolveClosed();
      });
  }

  /** Decrypts an encrypted frame ahead of its run (undefined when it does not: its run says why). */
  private openEncrypted(frame: Frame): Buffer | undefined {
    try {
      const opened = this.dispatcher.decrypt(frame.payload);
      this.opened.set(frame, opened);
      return opened.message;
    } catch {
      return undefined;
    }
  }

  /** Processes one frame; never rejects (a failure closes the connection). */
  private async runFrame(frame: Frame): Promise<void> {
    try {
      await this.processFrame(frame);
      this.transport.frameDone(frame);
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

  private async processFrame(frame: Frame): Promise<void> {
    if (frame.type === NBSS_SESSION_REQUEST) {
      // [RFC 1002] 4.3.3: port 139 style session request; any called name is accepted.
      await this.transport.send(Buffer.alloc(0), NBSS_POSITIVE_RESPONSE);
      return;
    }
    if (frame.type === NBSS_KEEP_ALIVE) return;
    if (frame.type !== NBSS_SESSION_MESSAGE)
      throw new TerminateConnectionError(`NetBIOS packet type 0x${frame.type.toString(16)}`);
    const payload = frame.payload;
    if (payload.length < 4) throw new TerminateConnectionError('frame shorter than a protocol id');
    const protocolId = payload.readUInt32LE(0);
    if (protocolId === SMB2_PROTOCOL_ID) await this.dispatcher.dispatch(payload);
    else if (protocolId === SMB1_PROTOCOL_ID) await this.dispatcher.dispatchSmb1(payload);
    else if (protocolId === SMB2_TRANSFORM_PROTOCOL_ID) {
      const opened = this.opened.get(frame);
      if (opened === undefined) await this.dispatcher.dispatchEncrypted(payload);
      else await this.dispatcher.dispatch(opened.message, opened.session);
    } else throw new TerminateConnectionError(`protocol id 0x${protocolId.toString(16)}`);
  }
}
