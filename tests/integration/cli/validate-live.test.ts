/**
 * `pointprint validate \\SERVER\printer`: the live-server input reads the printer's keys over
 * SMB2 + MS-RPRN as a Point-and-Print client does, and checks the files through PRINT$.
 */
import { buildPointprintProgram } from '../../../lib/cli/program';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { runCli, type CliRun } from '../../helpers/run-cli';

const pointprint = (argv: string[]): Promise<CliRun> => runCli(buildPointprintProgram, argv);

describe('pointprint validate on a live server', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());

  test('reads HpColor over the wire and finds its CopyFiles key clean', async () => {
    const r = await pointprint([
      'validate',
      '\\\\NTPRINT\\HpColor',
      '--address',
      server.host,
      '--port',
      String(server.port),
      '-U',
      'alice%Passw0rd!',
      '--json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { findings: { rule: string; severity: string }[] };
    expect(doc.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.out).toContain('CopyFiles\\\\ICM');
  });

  test('a wrong password is an operational failure: exit 1, the reason and what to do', async () => {
    const r = await pointprint([
      'validate',
      '\\\\NTPRINT\\HpColor',
      '--address',
      server.host,
      '--port',
      String(server.port),
      '-U',
      'alice%nope',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^pointprint validate: cannot connect to \\\\NTPRINT: logon failure for alice.*\(check the user name and password/,
    );
    expect(r.err.split('\n')).toHaveLength(2);
  });
});
