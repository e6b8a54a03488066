/**
 * Every failure of the CLI says, on one line, what went wrong and what to do, with exit 2 for
 * usage and input errors (a missing file included) and 1 for operational failures; under --json
 * the same failure is one JSON document on stdout. Operational cases run against a fixture server
 * on 127.0.0.1; nothing here needs a terminal (the prompt is tested under `script`, in
 * tests/interop/cli).
 */
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildAddPrinterConnectionProgram, buildPointprintProgram } from '../../../lib/cli/program';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { runCli, type CliRun } from '../../helpers/run-cli';

jest.setTimeout(60000);

/** No USER/PASSWD from the test's environment. */
const pointprint = (argv: string[]): Promise<CliRun> =>
  runCli((deps) => buildPointprintProgram({ ...deps, env: {} }), argv);
const addprinterconnection = (argv: string[]): Promise<CliRun> =>
  runCli((deps) => buildAddPrinterConnectionProgram({ ...deps, env: {} }), argv);

interface JsonFailure {
  error: { message: string; hint?: string; code: string; exitCode: number };
}

let server: FixtureServer;
let dir: string;
let at: string[];
let refused: string;

beforeAll(async () => {
  server = await startFixtureServer();
  at = ['--address', `${server.host}:${server.port}`];
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-cli-fail-'));
  // A port nobody listens on: bind one, note it, close it.
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  refused = `127.0.0.1:${(probe.address() as net.AddressInfo).port}`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  await server.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** One line on stderr, nothing on stdout, the exit code; returns the line. */
function oneLine(r: CliRun, code: number): string {
  expect({ code: r.code, out: r.out }).toEqual({ code, out: '' });
  expect(r.err.endsWith('\n')).toBe(true);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  return r.err.trimEnd();
}

describe('usage and input errors: exit 2, one line that says what to do', () => {
  const cases: [string, () => Promise<CliRun>, RegExp][] = [
    [
      'addprinterconnection with no printer',
      () => addprinterconnection(['--client-root', '/nonexistent-client']),
      /^addprinterconnection: no printer was named \(give its UNC name, quoted: addprinterconnection '\\\\SERVER\\printer'/,
    ],
    [
      'device HpColor fault with no value',
      () => pointprint(['device', 'HpColor', 'fault']),
      /^pointprint device: fault needs a value \(give one of jam, paper-out, toner-out, door-open, offline: /,
    ],
    [
      'print of a missing file',
      () =>
        pointprint(['print', path.join('/nonexistent', 'report.txt'), '--printer', 'HpColor', '--address', refused]),
      /^pointprint print: cannot read \/nonexistent\/report\.txt: no such file or directory \(check the path/,
    ],
    [
      'validate of a missing file',
      () => pointprint(['validate', '/nonexistent/HpColor.reg']),
      /^pointprint validate: cannot read \/nonexistent\/HpColor\.reg/,
    ],
    [
      'a missing authentication file',
      () => pointprint(['printers', '\\\\NTPRINT', ...at, '-A', '/nonexistent/cred']),
      /^pointprint printers: cannot read the authentication file \/nonexistent\/cred: .*\(check the path given to -A\)$/,
    ],
    [
      '-U alice with no password and no terminal to ask on',
      () => pointprint(['printers', '\\\\NTPRINT', ...at, '-U', 'alice']),
      /^pointprint printers: no password for alice and no terminal to ask on \(give -U alice%password, set PASSWD, or use -N for none\)$/,
    ],
    [
      'an unknown option',
      () => pointprint(['serve', '--bogus']),
      /^pointprint serve: unknown option '--bogus' \(run pointprint serve --help for usage\)$/,
    ],
    [
      'an unknown command',
      () => pointprint(['lpstat']),
      /^pointprint: unknown command 'lpstat' \(run pointprint --help for usage\)$/,
    ],
    [
      'a missing argument',
      () => pointprint(['jobs']),
      /^pointprint jobs: missing required argument 'printer' \(run pointprint jobs --help for usage\)$/,
    ],
    [
      'a job id that is not one',
      () => pointprint(['cancel', '\\\\NTPRINT\\HpColor', 'twelve']),
      /^pointprint cancel: .*expected a job id, a whole number from 1 \(pointprint jobs lists them\)/,
    ],
    [
      'a printer given where a server is expected',
      () => pointprint(['printers', '\\\\NTPRINT\\HpColor']),
      /^pointprint printers: "\\\\NTPRINT\\HpColor" names a printer, not a server \(give the server alone, '\\\\NTPRINT', or list the printer's jobs/,
    ],
    [
      'a name the shell mangled',
      () => pointprint(['jobs', '\\NTPRINTHpColor']),
      /^pointprint jobs: "\\NTPRINTHpColor" is not a UNC name: the shell probably removed the backslashes\. Quote the name/,
    ],
    [
      'a server name nobody knows',
      () => pointprint(['printers', '\\\\NOSUCHSERVER.invalid', '--client-root', '/nonexistent-client']),
      /^pointprint printers: cannot resolve the server name "NOSUCHSERVER\.invalid" .*\(say where it listens with --address, .*or map it in \/nonexistent-client\/pointprint-client\.json/,
    ],
    [
      'a control command without --state',
      () => pointprint(['status']),
      /^pointprint status: no state directory was given \(give --state DIR/,
    ],
    [
      'a state directory that does not exist',
      () => pointprint(['status', '--state', '/nonexistent/state']),
      /^pointprint status: the state directory \/nonexistent\/state does not exist \(check the path, or start a server there/,
    ],
    [
      'a bad log level',
      () => pointprint(['status', '--log-level', 'chatty']),
      /^pointprint status: .*expected one of error, warn, info, debug, silly/,
    ],
  ];

  test.each(cases)('%s', async (_what, run, line) => {
    expect(oneLine(await run(), 2)).toMatch(line);
  });

  test('no command at all: the help, on stderr, and exit 2', async () => {
    const r = await pointprint([]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^Usage: pointprint \[options\] \[command\]/);
  });
});

describe('operational failures: exit 1, one line that says what to do', () => {
  test('a wrong password', async () => {
    const line = oneLine(await pointprint(['printers', '\\\\NTPRINT', ...at, '-U', 'alice%Bad#Secret9']), 1);
    expect(line).toMatch(
      /^pointprint printers: logon failed: logon failure for alice.*\(check the user name and password/,
    );
    expect(line).not.toContain('Bad#Secret9');
  });

  test('no credentials at all, for addprinterconnection and print too', async () => {
    const add = await addprinterconnection(['\\\\NTPRINT\\HpColor', ...at, '--client-root', path.join(dir, 'c')]);
    expect(oneLine(add, 1)).toBe(
      'addprinterconnection: no credentials were given, and \\\\NTPRINT refused a guest logon (give -U user (the password is asked for), -U user%password or -A file)',
    );
    const file = path.join(dir, 'doc.txt');
    await fs.writeFile(file, 'x');
    const print = await pointprint(['print', file, '--printer', 'HpColor', ...at]);
    expect(oneLine(print, 1)).toMatch(
      /^pointprint print: no credentials were given, and \\\\127\.0\.0\.1 refused a guest logon/,
    );
  });

  test('nobody listening there', async () => {
    const line = oneLine(await pointprint(['jobs', '\\\\NTPRINT\\HpColor', '--address', refused, '-U', 'alice%x']), 1);
    expect(line).toMatch(
      /^pointprint jobs: cannot connect to .*ECONNREFUSED.*\(is the server running and listening there\? check --address and --port\)$/,
    );
  });

  test('a state directory where no server runs', async () => {
    const line = oneLine(await pointprint(['device', 'HpColor', 'fault', 'jam', '--state', dir]), 1);
    expect(line).toBe(
      `pointprint device: no server is running on ${dir} (start one with pointprint serve --state ${dir})`,
    );
  });

  test('serve on a port another server holds', async () => {
    const r = await runCli(
      (deps) => buildPointprintProgram({ ...deps, untilStopped: () => Promise.resolve() }),
      ['serve', '--address', server.host, '--port', String(server.port), '--state', path.join(dir, 'busy')],
    );
    expect(oneLine(r, 1)).toMatch(
      /^pointprint serve: cannot listen: .*EADDRINUSE.*\(another server listens there: choose another --port/,
    );
  });
});

describe('--json: errors are JSON on stdout too', () => {
  const cases: [string, () => Promise<CliRun>, number, RegExp][] = [
    ['addprinterconnection with no printer', () => addprinterconnection(['--json']), 2, /^no printer was named$/],
    ['status without --state', () => pointprint(['status', '--json']), 2, /^no state directory was given$/],
    ['validate of a missing file', () => pointprint(['validate', '/nonexistent/x.reg', '--json']), 2, /cannot read/],
    ['an unknown option', () => pointprint(['jobs', '--json', '--bogus']), 2, /^unknown option '--bogus'$/],
    [
      'a refused logon',
      () => pointprint(['printers', '\\\\NTPRINT', ...at, '-U', 'alice%wrong', '--json']),
      1,
      /^logon failed: /,
    ],
    [
      'a printer the server does not have',
      () => pointprint(['jobs', '\\\\NTPRINT\\Nope', ...at, '-U', 'alice%Passw0rd!', '--json']),
      1,
      /no such printer/,
    ],
  ];

  test.each(cases)('%s', async (_what, run, code, message) => {
    const r = await run();
    expect(r.code).toBe(code);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as JsonFailure;
    expect(doc.error.exitCode).toBe(code);
    expect(doc.error.message).toMatch(message);
    expect(typeof doc.error.code).toBe('string');
  });
});

describe('options every command shares', () => {
  const commands = [
    'demo',
    'addprinterconnection',
    'deleteprinterconnection',
    'serve',
    'printers',
    'jobs',
    'cancel',
    'pause',
    'resume',
    'status',
    'print',
    'printer pause',
    'printer add',
    'printer delete',
    'form list',
    'form add',
    'form delete',
    'driver delete',
    'job',
    'device',
    'validate',
  ];
  const admin = ['printer add', 'printer delete', 'form list', 'form add', 'form delete', 'driver delete'];
  const withLogFile = new Set([
    ...admin,
    'demo',
    'addprinterconnection',
    'deleteprinterconnection',
    'serve',
    'printers',
    'jobs',
    'cancel',
    'pause',
    'resume',
    'print',
    'validate',
  ]);
  const network = new Set([
    ...admin,
    'addprinterconnection',
    'printers',
    'jobs',
    'cancel',
    'pause',
    'resume',
    'print',
    'validate',
  ]);

  test.each(commands)(
    '%s: --log-level, --quiet; --log-file where it runs long or talks to a server; -p/--port on the network',
    async (name) => {
      const help = (await pointprint([...name.split(' '), '--help'])).out;
      expect(help).toContain('--log-level <level>');
      expect(help).toContain('-q, --quiet');
      expect(help.includes('--log-file <file>')).toBe(withLogFile.has(name));
      if (network.has(name) || name === 'serve') expect(help).toContain('-p, --port <port>');
      else expect(help).not.toMatch(/--port\b/);
      if (network.has(name)) {
        expect(help).toContain('-U, --user <[DOMAIN\\]user[%password]>');
        expect(help).toContain('-N, --no-pass');
      }
    },
  );

  test('the device port keeps its old spelling --port as a hidden alias of --printer-port', async () => {
    const r = await pointprint(['device', 'HpColor', 'ppm', '60', '--port', 'IP_10.0.0.15', '--state', dir]);
    // It parses (no usage error): the failure is the missing server.
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no server is running/);
  });
});
