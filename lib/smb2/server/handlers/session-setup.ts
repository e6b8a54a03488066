/**
 * SESSION_SETUP — [MS-SMB2] 3.3.5.5: SPNEGO/NTLMSSP (or raw NTLMSSP) through the GssAcceptor,
 * the 3.1.1 per-session preauth hash (forked from the connection's at the first request, updated
 * with every request and every STATUS_MORE_PROCESSING_REQUIRED response), the signing key
 * ([MS-SMB2] 3.3.5.5.3) and the session's signing requirement.
 */
import { NtStatusError } from '../../../common/errors';
import { NtStatus, ntStatusName } from '../../../common/status/ntstatus';
import { GssAcceptor } from '../../../auth/gss-acceptor';
import { SMB2_SESSION_FLAG_BINDING, Smb2SecurityMode, Smb2SessionFlags } from '../../constants';
import { encodeErrorResponse } from '../../messages/error-response';
import { decodeSessionSetupRequest, encodeSessionSetupResponse } from '../../messages/session-setup';
import { deriveEncryptionKeys, deriveSigningKey } from '../../signing/keys';
import type { ServerContext } from '../server-context';
import { Session } from '../session';
import type { HandlerResponse, RequestContext } from './handler';

function newAcceptor(s: ServerContext): GssAcceptor {
  return new GssAcceptor({
    serverName: s.serverName,
    domain: s.domain,
    lookupUser: (user, domain) => s.lookupUser(user, domain),
    allowNtlmV1: s.allowNtlmV1,
    allowGuest: s.allowGuest,
    allowAnonymous: s.allowAnonymous,
    ...(s.kerberos && { kerberos: s.kerberos }),
  });
}

export function handleSessionSetup(ctx: RequestContext): Promise<HandlerResponse> {
  const conn = ctx.connection;
  const negotiated = conn.negotiated();
  const dialect = negotiated.dialect;
  const request = decodeSessionSetupRequest(ctx.body, ctx.base);
  if ((request.flags & SMB2_SESSION_FLAG_BINDING) !== 0) {
    // One connection per session: no multichannel binding.
    throw new NtStatusError(NtStatus.STATUS_REQUEST_NOT_ACCEPTED, 'session binding is not supported');
  }

  let session: Session;
  if (ctx.header.sessionId === 0n) {
    session = conn.startSession(() => new Session(conn.server.allocateSessionId(), newAcceptor(conn.server)));
    session.preauth = negotiated.preauth?.fork();
  } else {
    const existing = conn.findSession(ctx.header.sessionId);
    if (existing === undefined || existing.state === 'expired')
      throw new NtStatusError(NtStatus.STATUS_USER_SESSION_DELETED);
    session = existing;
    if (session.state === 'valid') {
      // Re-authentication: a new exchange on the same session.
      session.acceptor = newAcceptor(conn.server);
      session.preauth = negotiated.preauth?.fork();
      session.state = 'in-progress';
    }
  }
  session.preauth?.update(ctx.message);

  const step = (session.acceptor ??= newAcceptor(conn.server)).step(request.securityBuffer);
  const sessionId = session.sessionId;
  const log = ctx.logger.child({ sessionId: `0x${sessionId.toString(16)}` });

  if (step.state === 'continue') {
    log[step.reason !== undefined ? 'info' : 'debug']('session setup continues', { reason: step.reason });
    return Promise.resolve({
      status: NtStatus.STATUS_MORE_PROCESSING_REQUIRED,
      encodeBody: (w, base) =>
        encodeSessionSetupResponse(w, base, { sessionFlags: 0, securityBuffer: step.responseToken }),
      sessionId,
      noSign: true,
      afterSend: (message) => session.preauth?.update(message),
    });
  }

  session.acceptor = undefined;
  if (step.state === 'failed') {
    log.info('session setup failed', { status: ntStatusName(step.status), reason: step.reason });
    session.state = 'expired';
    conn.removeSession(session);
    return Promise.resolve({ status: step.status, encodeBody: (w) => encodeErrorResponse(w), sessionId, noSign: true });
  }

  session.user = step.user;
  session.isGuest = step.isGuest;
  session.isAnonymous = step.isAnonymous;
  session.sessionKey = step.sessionKey;
  if (step.sessionKey.length > 0 && !step.isGuest && !step.isAnonymous) {
    session.signingKey = deriveSigningKey(dialect, step.sessionKey, session.preauth?.value);
    if (negotiated.cipher !== undefined)
      session.encryptionKeys = deriveEncryptionKeys(
        dialect,
        step.sessionKey,
        session.preauth?.value,
        negotiated.cipher,
      );
  }
  const clientRequires = (request.securityMode & Smb2SecurityMode.SMB2_NEGOTIATE_SIGNING_REQUIRED) !== 0;
  session.signingRequired = session.canSign && (conn.server.signingRequired || clientRequires);
  if (conn.server.signingRequired && !session.canSign && !step.isGuest && !step.isAnonymous) {
    conn.removeSession(session);
    throw new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, 'signing is required but the session has no key');
  }
  session.state = 'valid';
  conn.sessionEstablished(session);
  session.preauth = undefined;
  log.info('session established', {
    user: `${step.user.domain}\\${step.user.userName}`,
    guest: step.isGuest,
    anonymous: step.isAnonymous,
    signing: session.signingRequired,
  });
  const sessionFlags =
    (step.isGuest ? Smb2SessionFlags.SMB2_SESSION_FLAG_IS_GUEST : 0) |
    (step.isAnonymous ? Smb2SessionFlags.SMB2_SESSION_FLAG_IS_NULL : 0);
  // [MS-SMB2] 3.3.5.5.3: 3.x signs the final response of an authenticated session; 2.x when signing is required.
  const sign = session.canSign && (dialect >= 0x0300 || session.signingRequired);
  return Promise.resolve({
    status: NtStatus.STATUS_SUCCESS,
    encodeBody: (w, base) => encodeSessionSetupResponse(w, base, { sessionFlags, securityBuffer: step.responseToken }),
    sessionId,
    ...(sign ? { signWith: session } : { noSign: true }),
  });
}
