/**
 * What a handler sees of its connection — [MS-SMB2] 3.3.1.7: the server's configuration, what
 * NEGOTIATE settled, and the connection's session and open tables (3.3.1.7 SessionTable, 3.3.1.10),
 * behind a narrow interface. A handler never holds the connection, its transport or its
 * dispatcher, and assigns none of their fields: it calls the operations below.
 */
import { InvalidStateError, NtStatusError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { NtStatus } from '../../common/status/ntstatus';
import type { Smb2DialectValue } from '../constants';
import type { FileId } from '../messages/common';
import { smb2CipherName, type Smb2Cipher } from '../signing/encryption';
import type { PreauthIntegrity } from '../signing/keys';
import type { SigningAlgorithm } from '../signing/sign';
import type { ConnectionStateMachine } from './connection-state';
import type { Open } from './open';
import { OpenTable, type OpenSlot } from './open-table';
import type { ResponseBufferPool } from './response-buffer-pool';
import type { ServerContext } from './server-context';
import type { Session } from './session';
import { SessionTable } from './session-table';
import type { TreeConnect } from './tree';

/** What NEGOTIATE settled ([MS-SMB2] 3.3.5.4), for the connection's lifetime. */
export interface NegotiatedParameters {
  readonly dialect: Smb2DialectValue;
  readonly clientGuid: Buffer;
  readonly clientSecurityMode: number;
  readonly clientCapabilities: number;
  readonly clientDialects: readonly number[];
  readonly serverCapabilities: number;
  readonly serverSecurityMode: number;
  /** 3.1.1: the connection's preauth hash (NEGOTIATE request, then response). */
  readonly preauth: PreauthIntegrity | undefined;
  /** 3.1.1 SIGNING_CAPABILITIES choice; undefined means the dialect's default. */
  readonly signingAlgorithm: SigningAlgorithm | undefined;
  /** 3.0/3.0.2: AES-128-CCM when both support encryption; 3.1.1: the ENCRYPTION_CAPABILITIES choice. */
  readonly cipher: Smb2Cipher | undefined;
}

/** The READ response buffers of a connection: taken by READ, given back once written. */
export type ResponseBuffers = Pick<ResponseBufferPool, 'take' | 'give'>;

export interface ConnectionContext {
  readonly id: string;
  readonly remoteAddress: string;
  readonly server: ServerContext;
  /** The negotiated dialect; undefined before NEGOTIATE. */
  readonly dialect: Smb2DialectValue | undefined;
  readonly maxTransactSize: number;
  readonly maxReadSize: number;
  readonly maxWriteSize: number;
  readonly responseBuffers: ResponseBuffers;
  /** What NEGOTIATE settled; InvalidStateError before it. */
  negotiated(): NegotiatedParameters;
  /** NEGOTIATE succeeded: the connection records it and becomes `negotiated`. */
  completeNegotiate(p: NegotiatedParameters): void;

  findSession(sessionId: bigint): Session | undefined;
  /** A new session from `create`, unless the table is full (STATUS_INSUFFICIENT_RESOURCES). */
  startSession(create: () => Session): Session;
  /** A failed authentication: the session leaves the table. */
  removeSession(session: Session): void;
  /**
   * A session became valid: frames up to MaxTransactSize (plus headers) are now accepted, the
   * deadline to log on no longer applies, and received bytes count against the session's user.
   */
  sessionEstablished(session: Session): void;
  /** LOGOFF: the session expires; its trees and opens go. */
  logoff(session: Session): Promise<void>;
  /** TREE_DISCONNECT: the tree and its opens go. */
  disconnectTree(session: Session, tree: TreeConnect): Promise<void>;

  /**
   * CREATE, before the share opens anything: a place in the open table and in the user's and the
   * server's budgets (STATUS_TOO_MANY_OPENED_FILES, STATUS_INSUFFICIENT_RESOURCES).
   */
  reserveOpen(session: Session, tree: TreeConnect): OpenSlot;
  /** The share refused the open: its place goes back. */
  cancelOpen(slot: OpenSlot): void;
  /** CREATE: the open gets its FileId, in `slot` (or a place taken now). */
  registerOpen(open: Open, session: Session, tree: TreeConnect, slot?: OpenSlot): Promise<FileId>;
  /** CLOSE. */
  closeOpen(open: Open): Promise<void>;
}

export interface ConnectionContextOptions {
  readonly id: string;
  readonly remoteAddress: string;
  readonly server: ServerContext;
  readonly logger: Logger;
  readonly states: ConnectionStateMachine;
  readonly responseBuffers: ResponseBuffers;
  /** Called once a session is established (the transport accepts larger frames). */
  readonly onSessionEstablished: (session: Session) => void;
}

/** The connection's protocol state: negotiation, sessions and opens. The dispatcher sees all of it. */
export class Smb2ConnectionContext implements ConnectionContext {
  readonly id: string;
  readonly remoteAddress: string;
  readonly server: ServerContext;
  readonly responseBuffers: ResponseBuffers;
  readonly sessions: SessionTable;
  readonly opens: OpenTable;
  private negotiation: NegotiatedParameters | undefined;

  constructor(private readonly options: ConnectionContextOptions) {
    this.id = options.id;
    this.remoteAddress = options.remoteAddress;
    this.server = options.server;
    this.responseBuffers = options.responseBuffers;
    this.sessions = new SessionTable(options.server.limits.maxSessions);
    this.opens = new OpenTable(options.server.limits.maxOpens, options.logger, options.server.budgets);
  }

  /** What NEGOTIATE settled, or undefined before it. */
  get negotiatedParameters(): NegotiatedParameters | undefined {
    return this.negotiation;
  }

  get dialect(): Smb2DialectValue | undefined {
    return this.negotiation?.dialect;
  }

  // 2.0.2 has no multi-credit requests: 64 KiB, as Windows announces it.
  get maxTransactSize(): number {
    return this.dialect === 0x0202 ? 65536 : this.server.limits.maxTransactSize;
  }

  get maxReadSize(): number {
    return this.dialect === 0x0202 ? 65536 : this.server.limits.maxReadSize;
  }

  get maxWriteSize(): number {
    return this.dialect === 0x0202 ? 65536 : this.server.limits.maxWriteSize;
  }

  negotiated(): NegotiatedParameters {
    if (this.negotiation === undefined) throw new InvalidStateError('no dialect negotiated');
    return this.negotiation;
  }

  completeNegotiate(p: NegotiatedParameters): void {
    this.negotiation = p;
    this.options.logger.info('dialect negotiated', {
      dialect: `0x${p.dialect.toString(16).padStart(4, '0')}`,
      cipher: p.cipher === undefined ? 'none' : smb2CipherName(p.cipher),
    });
    this.options.states.transitionTo('negotiated');
  }

  findSession(sessionId: bigint): Session | undefined {
    return this.sessions.find(sessionId);
  }

  startSession(create: () => Session): Session {
    if (this.sessions.isFull) throw new NtStatusError(NtStatus.STATUS_INSUFFICIENT_RESOURCES, 'too many sessions');
    const session = create();
    this.sessions.add(session);
    return session;
  }

  removeSession(session: Session): void {
    this.sessions.remove(session);
  }

  sessionEstablished(session: Session): void {
    this.options.onSessionEstablished(session);
  }

  async logoff(session: Session): Promise<void> {
    this.sessions.logoff(session);
    await this.opens.releaseSession(session);
  }

  async disconnectTree(session: Session, tree: TreeConnect): Promise<void> {
    session.trees.delete(tree.treeId);
    await this.opens.releaseTree(tree);
  }

  reserveOpen(session: Session, tree: TreeConnect): OpenSlot {
    return this.opens.reserve(session, tree);
  }

  cancelOpen(slot: OpenSlot): void {
    this.opens.cancel(slot);
  }

  registerOpen(open: Open, session: Session, tree: TreeConnect, slot?: OpenSlot): Promise<FileId> {
    return this.opens.register(open, session, tree, slot);
  }

  closeOpen(open: Open): Promise<void> {
    return this.opens.close(open);
  }
}
