import { buildPointprintProgram } from '../../../lib/cli/program';
import { parseEndpoint } from '../../../lib/cli/commands/migrate';
import { runCli } from '../../helpers/run-cli';

describe('pointprint migrate options', () => {
  it('takes //HOST[:PORT], \\\\HOST[:PORT] or HOST[:PORT]; the port goes to the address only', () => {
    expect(parseEndpoint('//oldsrv')).toEqual({ server: 'oldsrv', address: 'oldsrv' });
    expect(parseEndpoint('//127.0.0.5:4455')).toEqual({ server: '127.0.0.5', address: '127.0.0.5:4455' });
    expect(parseEndpoint('\\\\NTPRINT:445\\')).toEqual({ server: 'NTPRINT', address: 'NTPRINT:445' });
    for (const bad of ['//', '//host:0', '//host:70000', '//host/printer', 'a b'])
      expect(() => parseEndpoint(bad)).toThrow(/expected \/\/HOST or \/\/HOST:PORT/);
  });

  it('an unknown part or a missing server is a usage error that says what is expected', async () => {
    const part = await runCli(buildPointprintProgram, ['migrate', 'jobs', '--source', '//a', '--destination', '//b']);
    expect(part.code).toBe(2);
    expect(part.err).toContain('expected one of drivers, forms, printers, settings, security, all');
    const noDestination = await runCli(buildPointprintProgram, ['migrate', 'settings', '--source', '//a']);
    expect(noDestination.code).toBe(2);
    expect(noDestination.err).toContain('--destination');
  });
});
