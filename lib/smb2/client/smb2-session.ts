/**
 * A client session — [MS-SMB2] 3.2.4.2.3 / 3.2.5.3 (SESSION_SETUP), 3.2.4.2.4 (TREE_CONNECT),
 * 3.2.5.5 (FSCTL_VALIDATE_NEGOTIATE_INFO after TREE_CONNECT on 3.0/3.0.2), 2.2.7 (LOGOFF).
 *
 *   SESSION_SETUP(SPNEGO NegTokenInit{NTLMSSP NEGOTIATE})        -> MORE_PROCESSING_REQUIRED, CHALLENGE, SessionId
 *   SESSION_SETUP(NegTokenResp{AUTHENTICATE, mechListMIC})      -> SUCCESS, accept-completed + mechListMIC
 *   3.1.1: every SESSION_SETUP request and non-final response extend the session's preauth hash;
 *   the signing key is derived from it, and the final response must verify with that key.
 *
 * Signing ([MS-SMB2] 3.2.5.3.1): the session signs when the server or this client requires it;
 * guest and anonymous sessions have no key and never sign. Encryption (3.2.5.3.1, 3.2.5.5): a
 * session with a key and a cipher encrypts everything when this client requires it or the server
 * set SMB2_SESSION_FLAG_ENCRYPT_DATA, else only on shares with SMB2_SHAREFLAG_ENCRYPT_DATA
 * (client-encryption.ts).
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { BufferWriter } from '../../common/binary/buffer-writer';
import { AuthenticationError, NtStatusError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { NtStatus, ntStatusName } from '../../common/status/ntstatus';
import { GssInitiator } from '../../auth/gss-initiator';
import type { ServiceTicket } from '../../auth/kerberos/kdc-client';
import {
  FsctlCode,
  SMB2_0_IOCTL_IS_FSCTL,
  Smb2Command,
  Smb2SessionFlags,
  Smb2ShareFlags,
  Smb2ShareType,
} from '../constants';
import { decodeIoctlResponse, encodeIoctlRequest } from '../messages/ioctl';
import { encodeLogoffRequest } from '../messages/logoff';
import { decodeSessionSetupResponse, encodeSessionSetupRequest } from '../messages/session-setup';
import { decodeTreeConnectResponse, encodeTreeConnectRequest } from '../messages/tree-connect';
import {
  decodeValidateNegotiateInfoResponse,
  encodeValidateNegotiateInfoRequest,
} from '../messages/validate-negotiate-info';
import { deriveSigningKey } from '../signing/keys';
import { isSmb2MessageSigned, verifySmb2Message } from '../signing/sign';
import type { Smb2ClientConnection } from './client-connection';
import { bodyReader, decodeOrThrow } from './client-messages';
import { Smb2ProtocolError, Smb2SignatureError } from './client-errors';
import { sessionEncryption } from './client-encryption';
import type { Smb2IoLimits } from './io-limits';
import type { Smb2Negotiation } from './negotiate';
import { Smb2Tree } from './smb2-tree';
import { expectStatus } from './status';

export interface Smb2Credentials {
  readonly user: string;
  readonly password: string;
  /** Kerberos instead of NTLM: a service ticket for cifs/<server> (acquireServiceTicket). */
  readonly kerberos?: { readonly ticket: ServiceTicket };
  readonly domain?: string;
  readonly workstation?: string;
}

export type { Smb2IoLimits } from './io-limits';

export interface SessionContext {
  readonly connection: Smb2ClientConnection;
  readonly negotiation: Smb2Negotiation;
  /** The server name tree connect paths carry (`\\NAME\share`). */
  readonly host: string;
  readonly requireSigning: boolean;
  /** Encrypt every request of the session; fail the logon when it cannot. */
  readonly requireEncryption?: boolean;
  readonly limits: Smb2IoLimits;
  readonly logger: Logger;
}

/** A hostile server could keep answering MORE_PROCESSING_REQUIRED: NTLM needs two legs. */
const MAX_SESSION_SETUP_ROUNDS = 4;
const ALL_ONES_FILE_ID = { persistent: 0xffffffffffffffffn, volatile: 0xffffffffffffffffn };

export async function loginSession(ctx: SessionContext, credentials: Smb2Credentials): Promise<Smb2Session> {
  const { connection, negotiation } = ctx;
  const dialect = negotiation.dialect;
  const initiator = new GssInitiator({
    user: credentials.user,
    password: credentials.password,
    domain: credentials.domain ?? '',
    workstation: credentials.workstation ?? 'POINTPRINT',
    useSpnego: true,
    ...(credentials.kerberos && { kerberos: credentials.kerberos }),
  });
  const preauth = negotiation.preauth?.fork();
  let token = initiator.step(negotiation.server.securityBuffer).token;
  let sessionId = 0n;
  for (let round = 1; ; round++) {
    if (round > MAX_SESSION_SETUP_ROUNDS)
      throw new Smb2ProtocolError(`SESSION_SETUP still not complete after ${MAX_SESSION_SETUP_ROUNDS} rounds`);
    const securityBuffer = token;
    const response = await connection.call({
      command: Smb2Command.SESSION_SETUP,
      sessionId,
      encodeBody: (w, base) =>
        encodeSessionSetupRequest(w, base, {
          flags: 0,
          securityMode: negotiation.clientSecurityMode & 0xff,
          capabilities: 0,
          channel: 0,
          previousSessionId: 0n,
          securityBuffer,
        }),
    });
    preauth?.update(response.request);
    if (response.status === NtStatus.STATUS_MORE_PROCESSING_REQUIRED) {
      if (sessionId !== 0n && response.header.sessionId !== sessionId)
        throw new Smb2ProtocolError('the server changed the SessionId mid-logon');
      sessionId = response.header.sessionId;
      preauth?.update(response.message);
      const body = decodeOrThrow('SESSION_SETUP response', () => decodeSessionSetupResponse(bodyReader(response), 0));
      token = initiator.step(body.securityBuffer).token;
      continue;
    }
    if (response.status !== NtStatus.STATUS_SUCCESS) {
      const cause = new NtStatusError(response.status);
      if (response.status === NtStatus.STATUS_LOGON_FAILURE) {
        throw new AuthenticationError(`logon failure for ${credentials.user}: wrong user name or password`, { cause });
      }
      throw new AuthenticationError(`SESSION_SETUP for ${credentials.user} failed: ${ntStatusName(response.status)}`, {
        cause,
      });
    }
    if (sessionId !== 0n && response.header.sessionId !== sessionId)
      throw new Smb2ProtocolError('the server changed the SessionId mid-logon');
    sessionId = response.header.sessionId;
    const body = decodeOrThrow('SESSION_SETUP response', () => decodeSessionSetupResponse(bodyReader(response), 0));
    initiator.finish(body.securityBuffer.length > 0 ? body.securityBuffer : undefined);

    const guest = (body.sessionFlags & Smb2SessionFlags.SMB2_SESSION_FLAG_IS_GUEST) !== 0;
    const anonymous = (body.sessionFlags & Smb2SessionFlags.SMB2_SESSION_FLAG_IS_NULL) !== 0;
    const encryptAll =
      ctx.requireEncryption === true || (body.sessionFlags & Smb2SessionFlags.SMB2_SESSION_FLAG_ENCRYPT_DATA) !== 0;
    const sessionKey = initiator.sessionKey;
    const hasKey = !guest && !anonymous && sessionKey !== undefined && sessionKey.length > 0;
    const wantSigning = negotiation.signingRequired;
    if (wantSigning && !hasKey) {
      throw new AuthenticationError(
        `signing is required but the server made ${credentials.user} a ${guest ? 'guest' : 'anonymous'} session`,
      );
    }
    let signingKey: Buffer | undefined;
    if (hasKey) {
      signingKey = deriveSigningKey(dialect, sessionKey, preauth?.value);
      // [MS-SMB2] 3.2.5.3.1: the final response is signed for 3.x (always) and whenever it says so.
      const signed = isSmb2MessageSigned(response.message);
      if (signed && !verifySmb2Message(dialect, signingKey, response.message, negotiation.signingAlgorithm)) {
        throw new Smb2SignatureError('the final SESSION_SETUP response has a bad signature');
      }
      if (!signed && dialect >= 0x0300) throw new Smb2SignatureError('the final SESSION_SETUP response is not signed');
      connection.setSessionSigning(sessionId, { key: signingKey, signAll: wantSigning });
      if (negotiation.cipher !== undefined)
        connection.setSessionEncryption(
          sessionId,
          sessionEncryption(dialect, negotiation.cipher, sessionKey, preauth?.value, encryptAll),
        );
    }
    if (encryptAll && (!hasKey || negotiation.cipher === undefined)) {
      throw new AuthenticationError(
        `encryption is required but ${hasKey ? 'the server and this client have no cipher in common' : `${credentials.user} got a session without a key`}`,
      );
    }
    ctx.logger.info('logged on', {
      user: credentials.user,
      sessionId: `0x${sessionId.toString(16)}`,
      signed: hasKey && wantSigning,
      encrypted: encryptAll,
      ...(guest && { guest }),
      ...(anonymous && { anonymous }),
    });
    return new Smb2Session(ctx, sessionId, credentials.user, hasKey && wantSigning, hasKey, encryptAll);
  }
}

export class Smb2Session {
  private validated = false;
  private loggedOff = false;
  private readonly logger: Logger;

  constructor(
    private readonly ctx: SessionContext,
    readonly sessionId: bigint,
    readonly user: string,
    /** Every request is signed and every response must be. */
    readonly signed: boolean,
    /** A key exists (not guest or anonymous): FSCTL_VALIDATE_NEGOTIATE_INFO can be signed. */
    private readonly hasKey: boolean,
    /** Every request after SESSION_SETUP goes in a TRANSFORM_HEADER. */
    readonly encrypted = false,
  ) {
    this.logger = ctx.logger.child({ sessionId: `0x${sessionId.toString(16)}` });
  }

  get connection(): Smb2ClientConnection {
    return this.ctx.connection;
  }

  /** TREE_CONNECT to `\\host\share`; an unknown share fails with NtStatusError (STATUS_BAD_NETWORK_NAME). */
  async treeConnect(share: string): Promise<Smb2Tree> {
    const path = `\\\\${this.ctx.host}\\${share}`;
    const response = await this.ctx.connection.call({
      command: Smb2Command.TREE_CONNECT,
      sessionId: this.sessionId,
      // [MS-SMB2] 3.2.4.1.1: on 3.1.1 TREE_CONNECT is always signed when the session has a key
      // (Samba refuses it unsigned with STATUS_ACCESS_DENIED).
      sign: this.hasKey && this.ctx.negotiation.dialect === 0x0311,
      encodeBody: (w, base) => encodeTreeConnectRequest(w, base, { flags: 0, path }),
    });
    expectStatus(response, path);
    const body = decodeOrThrow('TREE_CONNECT response', () => decodeTreeConnectResponse(bodyReader(response)));
    const shareType =
      body.shareType === Smb2ShareType.SMB2_SHARE_TYPE_PIPE
        ? 'pipe'
        : body.shareType === Smb2ShareType.SMB2_SHARE_TYPE_PRINT
          ? 'print'
          : body.shareType === Smb2ShareType.SMB2_SHARE_TYPE_DISK
            ? 'disk'
            : undefined;
    if (shareType === undefined)
      throw new Smb2ProtocolError(`TREE_CONNECT ${path}: unknown ShareType ${body.shareType}`);
    const treeId = response.header.treeId;
    // [MS-SMB2] 3.2.5.5: a share that requires encryption has its requests encrypted.
    const encrypt = (body.shareFlags & Smb2ShareFlags.SMB2_SHAREFLAG_ENCRYPT_DATA) !== 0;
    if (encrypt && this.ctx.negotiation.cipher === undefined)
      throw new Smb2ProtocolError(
        `${path} requires encryption, and the server and this client have no cipher in common`,
      );
    this.logger.info('tree connected', { path, treeId, shareType, ...(encrypt && { encrypt }) });
    const tree = new Smb2Tree(
      {
        connection: this.ctx.connection,
        sessionId: this.sessionId,
        treeId,
        encrypt,
        limits: this.ctx.limits,
        logger: this.logger.child({ treeId }),
      },
      share,
      shareType,
    );
    await this.validateNegotiate(treeId);
    return tree;
  }

  /**
   * [MS-SMB2] 3.2.5.5: after the first tree connect of a 3.0/3.0.2 session, Windows
   * checks that nobody tampered with NEGOTIATE — signed FSCTL_VALIDATE_NEGOTIATE_INFO whose answer
   * must repeat the server's NEGOTIATE response.
   */
  private async validateNegotiate(treeId: number): Promise<void> {
    const n = this.ctx.negotiation;
    if (this.validated || !this.hasKey || (n.dialect !== 0x0300 && n.dialect !== 0x0302)) return;
    this.validated = true;
    const input = new BufferWriter(64);
    encodeValidateNegotiateInfoRequest(input, {
      capabilities: n.clientCapabilities,
      guid: n.clientGuid,
      securityMode: n.clientSecurityMode,
      dialects: n.offeredDialects,
    });
    const inputBytes = input.finish();
    const response = await this.ctx.connection.call({
      command: Smb2Command.IOCTL,
      sessionId: this.sessionId,
      treeId,
      sign: true,
      payloadSize: inputBytes.length,
      encodeBody: (w, base) =>
        encodeIoctlRequest(w, base, {
          ctlCode: FsctlCode.FSCTL_VALIDATE_NEGOTIATE_INFO,
          fileId: ALL_ONES_FILE_ID,
          input: inputBytes,
          maxInputResponse: 0,
          maxOutputResponse: 24,
          flags: SMB2_0_IOCTL_IS_FSCTL,
        }),
    });
    // A signed "not supported" is how servers older than 3.0 semantics answer; Windows accepts it.
    if (
      response.status === NtStatus.STATUS_NOT_SUPPORTED ||
      response.status === NtStatus.STATUS_INVALID_DEVICE_REQUEST
    ) {
      this.logger.info('server does not support FSCTL_VALIDATE_NEGOTIATE_INFO');
      return;
    }
    expectStatus(response, 'FSCTL_VALIDATE_NEGOTIATE_INFO');
    const ioctl = decodeOrThrow('IOCTL response', () => decodeIoctlResponse(bodyReader(response), 0));
    const v = decodeOrThrow('VALIDATE_NEGOTIATE_INFO response', () =>
      decodeValidateNegotiateInfoResponse(new BufferReader(ioctl.output)),
    );
    const s = n.server;
    if (
      v.dialect !== n.dialect ||
      v.securityMode !== s.securityMode ||
      v.capabilities !== s.capabilities ||
      !v.guid.equals(s.serverGuid)
    ) {
      const err = new Smb2ProtocolError('FSCTL_VALIDATE_NEGOTIATE_INFO does not match NEGOTIATE: possible tampering');
      this.ctx.connection.fail(err);
      throw err;
    }
    this.logger.debug('negotiate validated');
  }

  async logoff(): Promise<void> {
    if (this.loggedOff) return;
    this.loggedOff = true;
    const response = await this.ctx.connection.call({
      command: Smb2Command.LOGOFF,
      sessionId: this.sessionId,
      encodeBody: (w) => encodeLogoffRequest(w),
    });
    this.ctx.connection.setSessionSigning(this.sessionId, undefined);
    expectStatus(response, `session 0x${this.sessionId.toString(16)}`);
    this.logger.info('logged off');
  }
}
