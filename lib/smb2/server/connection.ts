/**
 * One SMB2 connection (one socket or duplex) — [MS-SMB2] 3.3.1.7, 3.3.5. It puts together:
 *
 *   FrameTransport   bytes <-> frames, back-pressure, idle timeout          (transport.ts)
 *   ReadPipeline     the order frames run in; lone READs overlap           (read-pipeline.ts)
 *   Smb2Dispatcher   credits, checks, handlers, compound/signed/encrypted responses (dispatcher.ts)
 *   Smb2ConnectionContext  negotiation, session and open tables: what handlers see
 *                                                                         (connection-context.ts)
 *   ConnectionStateMachine  the logged state machine and its command gate (connection-state.ts)
 *
 * This file routes each frame by its NetBIOS type and protocol id (SMB2, SMB1 NEGOTIATE,
 * TRANSFORM_HEADER), turns a protocol violation into a close, and closes: sessions expire, READs
 * in flight finish unanswered, then every open is released.
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
import { ResponseBufferPool } from './response-buffer-pool';
import type { ServerContext } from './server-context';
import { FrameTransport } from './transport';

export type { ConnectionState } from './connection-state';

export class Smb2Connection {
  readonly logger: Logger;
  /** READ response buffers, reused once the transport has written them (no 8 MiB allocation per READ). */
  private readonly responseBuffers = new ResponseBufferPool(MAX_READS_IN_FLIGHT, MAX_READ_BYTES_IN_FLIGHT);

  private readonly states: ConnectionStateMachine;
  private readonly context: Smb2ConnectionContext;
  private readonly transport: FrameTransport;
  private readonly pipeline: ReadPipeline;
  private readonly dispatcher: Smb2Dispatcher;
  private readonly closed: Promise<void>;
  private resolveClosed: () => void = () => undefined;

  constructor(
    readonly id: string,
    stream: Duplex,
    readonly server: ServerContext,
    readonly remoteAddress: string,
    private readonly onClosed: (connection: Smb2Connection) => void,
  ) {
    this.logger = server.logger.child({ component: 'smb2', connId: id });
    this.states = new ConnectionStateMachine(this.logger);
    this.transport = new FrameTransport(stream, {
      // Until someone authenticates, only small frames (NEGOTIATE, SESSION_SETUP) are accepted.
      maxFrameSize: Math.min(server.limits.maxFrameSize, server.limits.maxUnauthenticatedFrameSize),
      idleTimeoutMs: server.limits.idleTimeoutMs,
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
      onSessionEstablished: () => {
        this.transport.maxFrameSize = server.limits.maxFrameSize;
      },
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
        pause: () => transport.pause(),
        resume: () => transport.resume(),
      },
      server.limits.maxQueuedFrames,
    );
    this.dispatcher = new Smb2Dispatcher({
      logger: this.logger,
      states: this.states,
      context: this.context,
      send: (payload) => this.transport.send(payload),
    });
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  get state(): ConnectionState {
    return this.states.state;
  }

  start(): void {
    this.logger.info('connection opened', { remoteAddress: this.remoteAddress });
    this.transport.start();
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
    this.pipeline.clear();
    this.responseBuffers.close();
    this.transport.close();
    this.context.sessions.expireAll();
    // READs still in flight finish (unanswered) before their files are closed.
    void this.pipeline
      .afterReads(() => this.context.opens.releaseAll())
      .finally(() => {
        this.onClosed(this);
        this.resolveClosed();
      });
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
    else if (protocolId === SMB2_TRANSFORM_PROTOCOL_ID) await this.dispatcher.dispatchEncrypted(payload);
    else throw new TerminateConnectionError(`protocol id 0x${protocolId.toString(16)}`);
  }
}
