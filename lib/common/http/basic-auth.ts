/**
 * HTTP Basic authentication (RFC 7617) against configured accounts: the browser sends
 * `Authorization: Basic base64(user-id ":" password)` in UTF-8 after a 401 that carries
 * `WWW-Authenticate: Basic realm="...", charset="UTF-8"`. Basic sends the password in clear,
 * so the servers using it listen on loopback by default (RFC 7617 section 4).
 *
 * Account names match case-insensitively, as Windows account names do; a `DOMAIN\` prefix is
 * accepted and ignored. Passwords are compared in constant time over their SHA-256 digests, so
 * neither the content nor the length of a stored password shows in timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { UserAccount } from '../identity';
import { HttpError } from './http-error';

export interface BasicCredentials {
  readonly userName: string;
  readonly password: string;
}

/** Longer Authorization headers are refused unread (no account name or password is that long). */
const MAX_AUTHORIZATION_LENGTH = 4096;

/** The credentials of an `Authorization: Basic ...` header; undefined for none, another scheme or bad base64. */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | undefined {
  if (header === undefined || header.length > MAX_AUTHORIZATION_LENGTH) return undefined;
  const m = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})[ ]*$/i.exec(header);
  const token = m?.[1];
  if (token === undefined || token.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // RFC 7617 section 2: the user-id cannot contain a colon; control characters are invalid in both parts.
  if (colon <= 0 || [...decoded].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')) return undefined;
  return { userName: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The `WWW-Authenticate` value of a 401. */
export function basicChallenge(realm: string): string {
  return `Basic realm="${realm.replace(/["\\]/g, '')}", charset="UTF-8"`;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** The account these credentials prove, or undefined. */
export function verifyAccount(accounts: readonly UserAccount[], given: BasicCredentials): UserAccount | undefined {
  const name = given.userName.slice(given.userName.lastIndexOf('\\') + 1).toLowerCase();
  const account = accounts.find((a) => a.name.toLowerCase() === name);
  // Compared even for an unknown name, so a wrong name and a wrong password take the same time.
  const same = timingSafeEqual(digest(given.password), digest(account?.password ?? `\0${given.password}`));
  return account !== undefined && same ? account : undefined;
}

/**
 * The account of the request's Basic credentials; otherwise an HttpError 401 with the challenge,
 * which makes a browser ask for a user name and password.
 */
export function requireBasicAccount(
  req: IncomingMessage,
  accounts: readonly UserAccount[],
  realm: string,
): UserAccount {
  const credentials = parseBasicAuthorization(req.headers.authorization);
  const account = credentials && verifyAccount(accounts, credentials);
  if (!account) {
    throw new HttpError(401, credentials ? 'logon failure' : 'authentication required', {
      'WWW-Authenticate': basicChallenge(realm),
    });
  }
  return account;
}
