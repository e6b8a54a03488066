import { parseHostPort, resolveServerAddress, SMB_PORT } from '../../../lib/cli/server-address';
import { parseAuthFile, resolveCredentials } from '../../../lib/cli/credentials';
import { ConfigError } from '../../../lib/common/errors';

describe('server address resolution', () => {
  const noDns = (): Promise<{ address: string }> => Promise.reject(new Error('getaddrinfo ENOTFOUND'));

  test.each([
    ['127.0.0.1', { host: '127.0.0.1', port: SMB_PORT }],
    ['127.0.0.1:4455', { host: '127.0.0.1', port: 4455 }],
    ['printsrv.example:139', { host: 'printsrv.example', port: 139 }],
    ['[::1]:4455', { host: '::1', port: 4455 }],
    ['::1', { host: '::1', port: SMB_PORT }],
  ])('parses %s', (text, expected) => {
    expect(parseHostPort(text)).toEqual(expected);
  });

  test.each(['', 'host:0', 'host:70000', 'host:port', 'a b'])('refuses "%s"', (text) => {
    expect(() => parseHostPort(text)).toThrow(ConfigError);
  });

  test('--address wins over the hosts map and DNS', async () => {
    const found = await resolveServerAddress('NTPRINT', {
      address: '127.0.0.1:4455',
      hosts: { NTPRINT: '10.9.9.9:445' },
      dnsLookup: noDns,
    });
    expect(found).toEqual({ host: '127.0.0.1', port: 4455, source: 'address option' });
  });

  test('the hosts map is case-insensitive and comes before DNS', async () => {
    const found = await resolveServerAddress('ntprint', { hosts: { NTPRINT: '127.0.0.1:4455' }, dnsLookup: noDns });
    expect(found).toEqual({ host: '127.0.0.1', port: 4455, source: 'hosts map' });
  });

  test('DNS on port 445 last', async () => {
    const found = await resolveServerAddress('printsrv', {
      dnsLookup: () => Promise.resolve({ address: '127.0.0.7' }),
    });
    expect(found).toEqual({ host: '127.0.0.7', port: 445, source: 'DNS' });
  });

  test('an unresolved name says how to map it', async () => {
    await expect(
      resolveServerAddress('NTPRINT', { dnsLookup: noDns, hostsFile: '/c/pointprint-client.json' }),
    ).rejects.toThrow(
      /cannot resolve the server name "NTPRINT"[\s\S]*--address 127\.0\.0\.1:4455[\s\S]*\/c\/pointprint-client\.json[\s\S]*"NTPRINT": "127\.0\.0\.1:4455"/,
    );
  });
});

describe('credentials as Samba tools find them', () => {
  test('-U wins', async () => {
    const user = { userName: 'alice', password: 'pw' };
    expect(await resolveCredentials({ user, env: { USER: 'bob%x' } })).toBe(user);
  });

  test('an smbclient authentication file', () => {
    const text = '# credentials\nusername = alice\npassword = Pass = word!\n; old\ndomain = NTPRINT\n';
    expect(parseAuthFile(text, 'cred')).toEqual({ userName: 'alice', password: 'Pass = word!', domain: 'NTPRINT' });
    expect(() => parseAuthFile('password = x\n', 'cred')).toThrow(/no "username = \.\.\." line/);
    expect(() => parseAuthFile('username alice\n', 'cred')).toThrow(/cred:1: expected "key = value"/);
  });

  test('a missing authentication file is an input error naming it', async () => {
    await expect(resolveCredentials({ authFile: '/nonexistent/cred' })).rejects.toThrow(/\/nonexistent\/cred/);
  });

  test('USER=user%password, or USER with PASSWD; a login name alone logs on as guest', async () => {
    expect(await resolveCredentials({ env: { USER: 'alice%pw' } })).toEqual({ userName: 'alice', password: 'pw' });
    expect(await resolveCredentials({ env: { USER: 'alice', PASSWD: 'pw' } })).toEqual({
      userName: 'alice',
      password: 'pw',
    });
    expect(await resolveCredentials({ env: { USER: 'root' } })).toBeUndefined();
  });
});
