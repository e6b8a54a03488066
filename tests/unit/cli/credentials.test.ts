/** -U, -N, -A and the environment, as Samba's tools read them; the prompt for a missing password. */
import { parseAuthFile, parseUserOption, resolveCredentials, explainLogonFailure } from '../../../lib/cli/credentials';
import { CliError } from '../../../lib/cli/failure';
import { AuthenticationError } from '../../../lib/common/errors';

const noPrompt = { env: {} };

describe('-U [DOMAIN\\]user[%password]', () => {
  test.each([
    ['alice%pw', { userName: 'alice', password: 'pw' }],
    ['alice%', { userName: 'alice', password: '' }],
    ['alice', { userName: 'alice' }],
    ['CORP\\alice%p%w', { userName: 'alice', password: 'p%w', domain: 'CORP' }],
    ['CORP/alice', { userName: 'alice', domain: 'CORP' }],
  ])('%s', (value, expected) => expect(parseUserOption(value)).toEqual(expected));

  test.each(['%pw', '', 'CORP\\', '\\alice'])('refuses "%s"', (value) => {
    expect(() => parseUserOption(value)).toThrow(/expected \[DOMAIN\\\]user\[%password\]/);
  });
});

describe('resolveCredentials', () => {
  test('-U with a password wins over everything', async () => {
    const r = await resolveCredentials({ user: { userName: 'alice', password: 'pw' } }, { env: { USER: 'bob%x' } });
    expect(r).toEqual({ credentials: { userName: 'alice', password: 'pw' }, source: 'option' });
  });

  test('-U without a password asks, naming the account as smbclient does', async () => {
    const prompts: string[] = [];
    const r = await resolveCredentials(
      { user: { userName: 'alice', domain: 'NTPRINT' } },
      { env: {}, readPassword: (p) => (prompts.push(p), Promise.resolve('typed')) },
    );
    expect(prompts).toEqual(['Password for [NTPRINT\\alice]:']);
    expect(r.credentials).toEqual({ userName: 'alice', password: 'typed', domain: 'NTPRINT' });
  });

  test('-U without a password takes PASSWD before asking, and -N means none', async () => {
    const never = (): Promise<string> => Promise.reject(new Error('asked'));
    expect(
      (await resolveCredentials({ user: { userName: 'alice' } }, { env: { PASSWD: 'pw' }, readPassword: never }))
        .credentials?.password,
    ).toBe('pw');
    expect(
      (await resolveCredentials({ user: { userName: 'alice' }, pass: false }, { env: {}, readPassword: never }))
        .credentials?.password,
    ).toBe('');
  });

  test('-U without a password and no terminal: a usage error that says what to give', async () => {
    const err = (await resolveCredentials({ user: { userName: 'alice' } }, noPrompt).catch(
      (e: unknown) => e,
    )) as CliError;
    expect(err).toBeInstanceOf(CliError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe('no password for alice and no terminal to ask on');
    expect(err.hint).toBe('give -U alice%password, set PASSWD, or use -N for none');
  });

  test('an smbclient authentication file', async () => {
    const text = '# credentials\nusername = alice\npassword = Pass = word!\n; old\ndomain = NTPRINT\n';
    expect(parseAuthFile(text, 'cred')).toEqual({ userName: 'alice', password: 'Pass = word!', domain: 'NTPRINT' });
    expect(() => parseAuthFile('password = x\n', 'cred')).toThrow(/no "username = \.\.\." line/);
    expect(() => parseAuthFile('username alice\n', 'cred')).toThrow(/cred:1: expected "key = value"/);
    const missing = (await resolveCredentials({ authenticationFile: '/nonexistent/cred' }, noPrompt).catch(
      (e: unknown) => e,
    )) as CliError;
    expect(missing.exitCode).toBe(2);
    expect(missing.message).toMatch(/cannot read the authentication file \/nonexistent\/cred/);
  });

  test('USER=user%password, or USER with PASSWD; a login name alone is no credentials', async () => {
    expect((await resolveCredentials({}, { env: { USER: 'alice%pw' } })).credentials).toEqual({
      userName: 'alice',
      password: 'pw',
    });
    expect((await resolveCredentials({}, { env: { USER: 'alice', PASSWD: 'pw' } })).credentials).toEqual({
      userName: 'alice',
      password: 'pw',
    });
    expect(await resolveCredentials({}, { env: { USER: 'root' } })).toEqual({ source: 'none' });
    expect(await resolveCredentials({ pass: false }, { env: { USER: 'alice%pw' } })).toEqual({ source: 'no-pass' });
  });
});

describe('a refused guest logon', () => {
  const refused = new AuthenticationError('logon failure for Guest: wrong user name or password');

  test('with no credentials given, says so and what to give', () => {
    const err = explainLogonFailure(
      new Error('wrapped', { cause: refused }),
      { source: 'none' },
      '\\\\NTPRINT',
    ) as CliError;
    expect(err).toBeInstanceOf(CliError);
    expect(err.exitCode).toBe(1);
    expect(err.message).toBe('no credentials were given, and \\\\NTPRINT refused a guest logon');
    expect(err.hint).toMatch(/-U user/);
  });

  test('with credentials (or -N), the logon failure stands', () => {
    expect(explainLogonFailure(refused, { source: 'option' }, '\\\\NTPRINT')).toBe(refused);
    expect(explainLogonFailure(refused, { source: 'no-pass' }, '\\\\NTPRINT')).toBe(refused);
  });
});
