import { parseHostPort, resolveServerAddress, SMB_PORT } from '../../../lib/cli/server-address';
import { CliError } from '../../../lib/cli/failure';
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

  test('an unresolved name is an input error whose hint says how to map it', async () => {
    const err = (await resolveServerAddress('NTPRINT', {
      dnsLookup: noDns,
      hostsFile: '/c/pointprint-client.json',
    }).catch((e: unknown) => e)) as CliError;
    expect(err).toBeInstanceOf(CliError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe('cannot resolve the server name "NTPRINT" (DNS: getaddrinfo ENOTFOUND)');
    expect(err.hint).toMatch(
      /--address 127\.0\.0\.1:4455.*\/c\/pointprint-client\.json.*"NTPRINT": "127\.0\.0\.1:4455"/,
    );
  });

  test('without a hosts file, the hint names only --address', async () => {
    const err = (await resolveServerAddress('NTPRINT', { dnsLookup: noDns }).catch((e: unknown) => e)) as CliError;
    expect(err.hint).toBe('say where it listens with --address, e.g. --address 127.0.0.1:4455');
  });
});
