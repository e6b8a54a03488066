/**
 * The dispatcher of one SMB2 connection — [MS-SMB2] 3.3.5.2: for each message (or each member of
 * a compound, 3.3.5.2.7) it checks the MessageId against the credit window (3.3.5.2.3), the
 * command against the connection's state, the session (3.3.5.2.9), the signature (3.3.5.2.4) and
 * the tree (3.3.5.2.11), runs the command's handler, and answers with one response (compounded
 * responses for a compound, in frames of at most MaxTransactSize + 256 bytes: response-chain.ts),
 * signed, or encrypted for an encrypted request.
 *
 * Requests are answered synchronously (never STATUS_PENDING: @marsaud/smb2 cannot handle interim
 * responses). A handler's failure becomes an ERROR response with the status of statusForError; a
 * TerminateConnectionError drops the connection without an answer.
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { BufferWriter } from '../../common/binary/buffer-writer';
import { NtStatusError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { NtStatus, isNtError, ntStatusName } from '../../common/status/ntstatus';
import { SMB2_HEADER_SIZE, Smb2Command, Smb2Flags, smb2CommandName } from '../constants';
import type { Smb2Header } from '../header';
import { decodeSmb2Header, encodeSmb2Header } from '../header';
import { encodeErrorResponse } from '../messages/error-response';
import { signSmb2Message, verifySmb2Message } from '../signing/sign';
import type { CompoundState, ResponseMember } from './compound';
import { FILE_COMMANDS, assembleResponse, isRelated, memberEnd, newCompound, resolveFileId } from './compound';
import { COMPOUND_RESPONSE_SLACK, ResponseChain } from './response-chain';
import type { Smb2ConnectionContext } from './connection-context';
import type { ConnectionStateMachine } from './connection-state';
import { CreditWindow } from './credits';
import { statusForError } from './error-status';
import type { HandlerResponse, RequestContext } from './handlers/handler';
import { TerminateConnectionError } from './handlers/handler';
import { HANDLERS } from './handlers/index';
import { decodeSmb1Dialects, encodeSmb1UpgradeResponse, upgradeSmb1Negotiate } from './handlers/smb1-negotiate';
import type { Session } from './session';
import { type DecryptedRequest, decryptRequest, encryptResponse, responseEncryption, sealsIntoPool } from './transform';
import type { TreeConnect } from './tree';
import type { MessageSlice } from './streamed-read';

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

export interface DispatcherOptions {
  readonly logger: Logger;
  readonly states: ConnectionStateMachine;
  readonly context: Smb2ConnectionContext;
  /** Writes one response frame; a pooled READ buffer goes back to the pool once written. */
  /** One frame: `prefix` (a TRANSFORM_HEADER) then `payload`, or `payload` as its `slices` are read. */
  readonly send: (payload: Buffer, prefix?: Buffer, slices?: readonly MessageSlice[]) => Promise<void>;
}

/** Whether a response in `session` is signed: the session can sign and requires it, or the request was signed. */
function signs(session: Session | undefined, requestSigned: boolean): session is Session {
  return session?.canSign === true && (session.signingRequired || requestSigned);
}

export class Smb2Dispatcher {
  private readonly credits = new CreditWindow();
  private readonly logger: Logger;
  private readonly states: ConnectionStateMachine;
  private readonly context: Smb2ConnectionContext;

  constructor(private readonly options: DispatcherOptions) {
    this.logger = options.logger;
    this.states = options.states;
    this.context = options.context;
  }

  /** An SMB1 NEGOTIATE ([MS-SMB2] 3.3.5.3.1): only as the first message. */
  async dispatchSmb1(payload: Buffer): Promise<void> {
    if (this.states.state !== 'awaiting-negotiate') throw new TerminateConnectionError('SMB1 after negotiation');
    const dialects = decodeSmb1Dialects(payload);
    if (!this.credits.consume(0n, 1)) throw new TerminateConnectionError('credit window');
    const upgrade = upgradeSmb1Negotiate(dialects, this.context.server);
    if (upgrade.negotiated === undefined)
      this.states.transitionTo('awaiting-smb2-negotiate', 'SMB1 negotiate offered SMB 2.???');
    else this.context.completeNegotiate(upgrade.negotiated);
    const w = new BufferWriter(256);
    encodeSmb1UpgradeResponse(w, this.credits.grant(1), upgrade.response);
    await this.options.send(w.finish());
  }

  /** A TRANSFORM_HEADER message ([MS-SMB2] 3.3.5.2.1.1): decrypted, processed, answered encrypted. */
  async dispatchEncrypted(payload: Buffer): Promise<void> {
    const { session, message } = this.decrypt(payload);
    await this.dispatch(message, session);
  }

  /** Opens a TRANSFORM_HEADER message; one that does not decrypt throws TerminateConnectionError. */
  decrypt(payload: Buffer): DecryptedRequest {
    return decryptRequest(this.context.negotiatedParameters?.cipher, (id) => this.context.findSession(id), payload);
  }

  /** An SMB2 message or compound; `encryptedFor` when it came decrypted for that session. */
  async dispatch(payload: Buffer, encryptedFor?: Session): Promise<void> {
    const compound = newCompound();
    const chain = new ResponseChain(this.context.maxTransactSize + COMPOUND_RESPONSE_SLACK, (members) =>
      this.sendMembers(members, encryptedFor),
    );
    for (let start = 0; ; compound.index++) {
      if (payload.length - start < SMB2_HEADER_SIZE) throw new TerminateConnectionError('truncated SMB2 header');
      let header: Smb2Header;
      try {
        header = decodeSmb2Header(new BufferReader(payload, start));
      } catch (err) {
        throw new TerminateConnectionError(`bad SMB2 header: ${String(err)}`);
      }
      const next = header.nextCommand;
      const end = memberEnd(payload, start, next);
      if (end === undefined) throw new TerminateConnectionError(`bad NextCommand ${next}`);
      if (encryptedFor !== undefined && !isRelated(header) && header.sessionId !== encryptedFor.sessionId) {
        throw new TerminateConnectionError('a decrypted request names another session');
      }
      const result = await this.processMember(header, payload, start, end, compound, encryptedFor !== undefined);
      if (result !== undefined) await chain.add(result);
      if (next === 0 || this.states.closed) break;
      start = end;
    }
    await chain.flush();
  }

  /** Sends response members as one frame: compounded, signed or encrypted. */
  private async sendMembers(members: ResponseMember[], encryptedFor: Session | undefined): Promise<void> {
    const pool = this.context.responseBuffers;
    const encryption = responseEncryption(this.context.negotiatedParameters?.cipher, encryptedFor);
    const [lone] = members;
    if (lone?.slices !== undefined && members.length === 1 && lone.signer === undefined && encryption === undefined) {
      // A streamed READ response (RequestContext.streamable): written as its slices are read.
      await this.options.send(assembleResponse(members, this.sign), undefined, lone.slices);
      return;
    }
    // Never the case for a streamable request; whatever is still being read is awaited first.
    for (const m of members) if (m.slices !== undefined) await Promise.all(m.slices.map((x) => x.ready));
    if (encryption !== undefined) {
      // An encrypted request gets an encrypted, unsigned response ([MS-SMB2] 3.3.4.1.4).
      for (const m of members) m.signer = undefined;
      // One pass through node:crypto, into a pooled buffer (GCM) that the transport gives back once
      // written; the ciphertext follows its header without being copied.
      const plain = assembleResponse(members, this.sign);
      const into = sealsIntoPool(plain.length) ? pool.take(plain.length) : undefined;
      const { header, ciphertext } = await encryptResponse(encryption, plain, into);
      // The ciphertext is another buffer: the plain members are no longer needed.
      for (const m of members) pool.give(m.bytes);
      if (into !== undefined && ciphertext.buffer !== into.buffer) pool.give(into);
      await this.options.send(ciphertext, header);
      return;
    }
    const assembled = assembleResponse(members, this.sign);
    // A compound is a copy of its members: they can go back now (a lone member is sent as is).
    if (members.length > 1) for (const m of members) pool.give(m.bytes);
    await this.options.send(assembled);
  }

  private readonly sign = (session: Session, message: Buffer): void => {
    const negotiated = this.context.negotiatedParameters;
    if (session.signingKey !== undefined && negotiated !== undefined) {
      signSmb2Message(negotiated.dialect, session.signingKey, message, negotiated.signingAlgorithm);
    }
  };

  private async processMember(
    header: Smb2Header,
    payload: Buffer,
    start: number,
    end: number,
    compound: CompoundState,
    encrypted: boolean,
  ): Promise<ResponseMember | undefined> {
    const command = header.command;
    const name = smb2CommandName(command);
    this.logger.debug('request', { command: name, messageId: header.messageId.toString(), compound: compound.index });

    // [MS-SMB2] 3.3.5.2.3: every MessageId (and each id a multi-credit charge covers) must be granted and unused.
    if (command !== Smb2Command.CANCEL) {
      const dialect = this.context.dialect;
      const charge = dialect === undefined || dialect === 0x0202 ? 1 : Math.max(1, header.creditCharge);
      if (!this.credits.consume(header.messageId, charge)) {
        throw new TerminateConnectionError(
          `MessageId ${header.messageId} (charge ${charge}) outside the granted window`,
        );
      }
    }
    const known = command in HANDLERS;
    if (known && !this.states.admits(command))
      throw new TerminateConnectionError(`${name} not allowed in state ${this.states.state}`);
    if (!known && this.states.state !== 'negotiated')
      throw new TerminateConnectionError(`unknown command ${name} before NEGOTIATE`);

    const related = isRelated(header);
    const sessionId = related ? compound.sessionId : header.sessionId;
    const treeId = related ? compound.treeId : header.treeId;
    const message = payload.subarray(start, end);
    const requestSigned = (header.flags & Smb2Flags.SMB2_FLAGS_SIGNED) !== 0;
    let session: Session | undefined;
    let response: HandlerResponse | undefined;
    // What a related member after this one inherits: only a session and a tree that were found.
    let inheritSession: bigint | undefined;
    let inheritTree: number | undefined;

    try {
      if (!known) throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, `unknown command ${name}`);
      // [MS-SMB2] 3.3.5.2.7.2: a related member with no SessionId or TreeId to inherit.
      if (sessionId === undefined || (TREE_COMMANDS.has(command) && treeId === undefined)) {
        throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, 'a related request with nothing to inherit');
      }
      session = this.lookupSession(command, sessionId);
      inheritSession = sessionId;
      // An encrypted request is authenticated by its AEAD tag: no signature to check (3.3.5.2.4).
      if (session !== undefined && command !== Smb2Command.SESSION_SETUP && !encrypted) {
        this.checkSignature(session, requestSigned, message);
      }
      let tree: TreeConnect | undefined;
      if (TREE_COMMANDS.has(command)) {
        tree = treeId === undefined ? undefined : session?.trees.get(treeId);
        if (tree === undefined) throw new NtStatusError(NtStatus.STATUS_NETWORK_NAME_DELETED, `no tree ${treeId}`);
      }
      inheritTree = treeId;
      const ctx: RequestContext = {
        connection: this.context,
        header,
        body: new BufferReader(payload, start + SMB2_HEADER_SIZE, end),
        base: start,
        message,
        session,
        tree,
        logger: this.logger.child({
          ...(session !== undefined && { sessionId: `0x${session.sessionId.toString(16)}` }),
          ...(tree !== undefined && { treeId: tree.treeId }),
        }),
        findOpen: (fileId) => {
          const open = this.context.opens.find(resolveFileId(fileId, related ? compound : undefined), session, tree);
          compound.fileId = open.fileId;
          return open;
        },
        setRelatedFileId: (fileId) => {
          compound.fileId = fileId;
        },
        streamable: !encrypted && compound.index === 0 && header.nextCommand === 0 && !signs(session, requestSigned),
      };
      response = await HANDLERS[command as Smb2Command](ctx);
      if (response === undefined) return undefined;
    } catch (err) {
      if (err instanceof TerminateConnectionError) throw err;
      response = this.errorResponse(name, err);
    }

    compound.sessionId = response.sessionId ?? inheritSession;
    compound.treeId = response.treeId ?? inheritTree;
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
      treeId: response.treeId ?? treeId ?? 0,
      sessionId: response.sessionId ?? sessionId ?? 0n,
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
    else if (response.noSign !== true && signs(session, requestSigned)) signer = session;
    return { bytes, signer, afterSend: response.afterSend, ...(response.slices && { slices: response.slices }) };
  }

  /** The ERROR response for a handler's failure, logged by how expected it was. */
  private errorResponse(command: string, err: unknown): HandlerResponse {
    const { status, expected } = statusForError(err);
    if (expected) {
      this.logger.debug('request failed', {
        command,
        status: ntStatusName(status),
        reason: err instanceof Error ? err.message : String(err),
      });
    } else {
      this.logger.error('request failed unexpectedly', {
        command,
        error: err instanceof Error ? err.stack : String(err),
      });
    }
    return { status, encodeBody: (w) => encodeErrorResponse(w) };
  }

  private lookupSession(command: number, sessionId: bigint): Session | undefined {
    if (SESSIONLESS.has(command))
      return command === Smb2Command.SESSION_SETUP ? undefined : this.context.findSession(sessionId);
    const session = this.context.findSession(sessionId);
    if (session === undefined || session.state === 'expired') {
      throw new NtStatusError(NtStatus.STATUS_USER_SESSION_DELETED, `no session 0x${sessionId.toString(16)}`);
    }
    if (session.state !== 'valid')
      throw new NtStatusError(NtStatus.STATUS_USER_SESSION_DELETED, 'session setup in progress');
    return session;
  }

  /** [MS-SMB2] 3.3.5.2.4: a signed request is verified; an unsigned one is refused when the session requires signing. */
  private checkSignature(session: Session, signed: boolean, message: Buffer): void {
    const negotiated = this.context.negotiatedParameters;
    if (!session.canSign || session.signingKey === undefined || negotiated === undefined) return;
    if (signed) {
      if (!verifySmb2Message(negotiated.dialect, session.signingKey, message, negotiated.signingAlgorithm)) {
        throw new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, 'bad signature');
      }
    } else if (session.signingRequired) {
      throw new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, 'unsigned request on a session that requires signing');
    }
  }
}
