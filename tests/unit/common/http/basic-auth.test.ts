import type { IncomingMessage } from 'node:http';
import {
  basicChallenge,
  parseBasicAuthorization,
  requireBasicAccount,
  verifyAccount,
} from '../../../../lib/common/http/basic-auth';
import { HttpError } from '../../../../lib/common/http/http-error';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const ACCOUNTS = [
  { name: 'alice', password: 'Passw0rd!', groups: ['Users'] },
  { name: 'admin', password: 'pa:ss wörd', groups: ['Administrators'] },
];

describe('HTTP Basic (RFC 7617)', () => {
  it('reads the user-id and password: the first colon splits, the password may hold colons and UTF-8', () => {
    // RFC 7617 section 2's example: Aladdin / open sesame.
    expect(parseBasicAuthorization('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==')).toEqual({
      userName: 'Aladdin',
      password: 'open sesame',
    });
    expect(parseBasicAuthorization(`basic ${b64('admin:pa:ss wörd')}`)).toEqual({
      userName: 'admin',
      password: 'pa:ss wörd',
    });
  });

  it.each([
    ['no header', undefined],
    ['another scheme', `Bearer ${b64('a:b')}`],
    ['no colon', `Basic ${b64('alice')}`],
    ['an empty user-id', `Basic ${b64(':pw')}`],
    ['a control character', `Basic ${b64('alice:pw\n')}`],
    ['bad base64', 'Basic ###'],
    ['base64 of a bad length', 'Basic YWxpY2U6cHd'],
    ['an oversized header', `Basic ${'A'.repeat(5000)}`],
  ])('gives nothing for %s', (_what, header) => {
    expect(parseBasicAuthorization(header)).toBeUndefined();
  });

  it('checks accounts case-insensitively by name, ignoring a DOMAIN\\ prefix, exactly by password', () => {
    expect(verifyAccount(ACCOUNTS, { userName: 'ALICE', password: 'Passw0rd!' })?.name).toBe('alice');
    expect(verifyAccount(ACCOUNTS, { userName: 'WORKGROUP\\alice', password: 'Passw0rd!' })?.name).toBe('alice');
    expect(verifyAccount(ACCOUNTS, { userName: 'alice', password: 'passw0rd!' })).toBeUndefined();
    expect(verifyAccount(ACCOUNTS, { userName: 'alice', password: 'Passw0rd!x' })).toBeUndefined();
    expect(verifyAccount(ACCOUNTS, { userName: 'bob', password: 'Passw0rd!' })).toBeUndefined();
    expect(verifyAccount([], { userName: 'alice', password: '' })).toBeUndefined();
  });

  it('answers a missing or wrong sign-in with 401 and the challenge', () => {
    const req = (authorization?: string) => ({ headers: { authorization } }) as unknown as IncomingMessage;
    expect(requireBasicAccount(req(`Basic ${b64('alice:Passw0rd!')}`), ACCOUNTS, 'r').name).toBe('alice');
    for (const header of [undefined, `Basic ${b64('alice:nope')}`]) {
      let error: unknown;
      try {
        requireBasicAccount(req(header), ACCOUNTS, 'pointprint "NTPRINT"');
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({
        status: 401,
        code: 'ERR_HTTP',
        headers: { 'WWW-Authenticate': 'Basic realm="pointprint NTPRINT", charset="UTF-8"' },
      });
    }
    expect(basicChallenge('a\\b')).toBe('Basic realm="ab", charset="UTF-8"');
  });
});
