import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliDeps } from '../../../lib/cli/cli-deps';
import { buildAddPrinterConnectionProgram, buildPointprintProgram, runProgram } from '../../../lib/cli/program';
import { createSilentLogger } from '../../../lib/common/logger';
import { DEFAULT_FIXTURE_DIR } from '../../../lib/spooler/fixture';

// These tests drive the CLI against the NTPRINT fixture in process (--fixture); the network path
// is tested in tests/integration/cli.
const IN_PROCESS = ['--fixture', DEFAULT_FIXTURE_DIR];

interface Captured {
  deps: CliDeps;
  out: () => string;
  err: () => string;
  code: () => number | undefined;
}

function capture(): Captured {
  let out = '';
  let err = '';
  let code: number | undefined;
  return {
    deps: {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      setExitCode: (c) => (code = c),
      createLogger: () => createSilentLogger(),
    },
    out: () => out,
    err: () => err,
    code: () => code,
  };
}

describe('pointprint CLI', () => {
  let clientRoot: string;
  beforeEach(async () => {
    clientRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-cli-'));
  });

  it('--help lists every command with an example', async () => {
    const c = capture();
    await runProgram(buildPointprintProgram(c.deps), ['--help'], c.deps);
    expect(c.code() ?? 0).toBe(0);
    for (const cmd of ['demo', 'addprinterconnection', 'deleteprinterconnection', 'serve', 'validate']) {
      expect(c.out()).toContain(cmd);
      expect(c.out()).toMatch(new RegExp(`\\$ pointprint ${cmd}`));
    }
  });

  it('demo prints the numbered seed sequence and the client tree, exit 0', async () => {
    const c = capture();
    await runProgram(buildPointprintProgram(c.deps), ['demo', '--client-root', clientRoot], c.deps);
    expect(c.err()).toBe('');
    expect(c.code() ?? 0).toBe(0);
    const out = c.out();
    const order = [
      'COPYFILE_FLAG_SERVER_SPOOLER',
      'SourceDir = \\\\NTPRINT\\PRINT$\\Color, TargetDir = "Color"',
      'COPYFILE_FLAG_CLIENT_SPOOLER',
      'download \\\\NTPRINT\\PRINT$\\Color\\Hpclrlsr.icm',
      'event log System',
      'COPYFILE_EVENT_FILES_CHANGED',
      'PRINTER_EVENT_CACHE_REFRESH',
      'PRINTER_EVENT_ADD_CONNECTION',
      'COPYFILE_EVENT_ADD_PRINTER_CONNECTION',
      'System32/spool/drivers/color/Hpclrlsr.icm',
    ];
    let at = 0;
    for (const needle of order) {
      const i = out.indexOf(needle, at);
      expect({ needle, found: i >= 0 }).toEqual({ needle, found: true });
      at = i;
    }
    expect(out).toMatch(/^\s+1\. Connect/m);
  });

  it('addprinterconnection accepts //SERVER/printer and -U user%password; --json prints the result', async () => {
    const c = capture();
    const program = buildAddPrinterConnectionProgram(c.deps);
    await runProgram(
      program,
      ['//NTPRINT/HpColor', ...IN_PROCESS, '--client-root', clientRoot, '-U', 'alice%Passw0rd!', '--json'],
      c.deps,
    );
    expect(c.err()).toBe('');
    expect(c.code() ?? 0).toBe(0);
    const doc = JSON.parse(c.out()) as { connection: { name: string; copyFiles: { files: string[] }[] } };
    expect(doc.connection.name).toBe('\\\\NTPRINT\\HpColor');
    expect(doc.connection.copyFiles[0]?.files).toEqual(['Hpclrlsr.icm']);
    await fs.access(path.join(clientRoot, 'System32', 'spool', 'drivers', 'color', 'Hpclrlsr.icm'));
  });

  it('a name the shell mangled is an input error (2) that says how to quote', async () => {
    const c = capture();
    await runProgram(
      buildPointprintProgram(c.deps),
      ['addprinterconnection', '\\NTPRINTHpColor', '--client-root', clientRoot],
      c.deps,
    );
    expect(c.code()).toBe(2);
    expect(c.err()).toMatch(/shell probably removed the backslashes/);
    expect(c.err()).toMatch(/\/\/NTPRINT\/HpColor/);
  });

  it('usage errors exit 2: bad -U, bad environment, unknown option', async () => {
    for (const argv of [
      ['//NTPRINT/HpColor', '-U', 'alice'],
      ['//NTPRINT/HpColor', '--environment', 'Windows 3.1'],
      ['//NTPRINT/HpColor', '--bogus'],
      [],
    ]) {
      const c = capture();
      await runProgram(buildAddPrinterConnectionProgram(c.deps), [...argv, '--client-root', clientRoot], c.deps);
      expect({ argv, code: c.code() }).toEqual({ argv, code: 2 });
    }
  });

  it('a refused logon or an unknown printer is a failure (1)', async () => {
    const bad = capture();
    await runProgram(
      buildAddPrinterConnectionProgram(bad.deps),
      ['//NTPRINT/HpColor', ...IN_PROCESS, '--client-root', clientRoot, '-U', 'alice%wrong'],
      bad.deps,
    );
    expect(bad.code()).toBe(1);
    expect(bad.err()).toMatch(/logon failed/);
    const unknown = capture();
    await runProgram(
      buildAddPrinterConnectionProgram(unknown.deps),
      ['//NTPRINT/NoSuchPrinter', ...IN_PROCESS, '--client-root', clientRoot, '-U', 'alice%Passw0rd!'],
      unknown.deps,
    );
    expect(unknown.code()).toBe(1);
    expect(unknown.err()).toMatch(/ERROR_INVALID_PRINTER_NAME/);
  });

  it('a standard user cannot install the driver under the default policy (1, access denied)', async () => {
    const c = capture();
    await runProgram(
      buildAddPrinterConnectionProgram(c.deps),
      ['//NTPRINT/HpColor', ...IN_PROCESS, '--client-root', clientRoot, '-U', 'alice%Passw0rd!', '--standard-user'],
      c.deps,
    );
    expect(c.code()).toBe(1);
    expect(c.err()).toMatch(/RestrictDriverInstallationToAdministrators/);
  });

  it('deleteprinterconnection removes what addprinterconnection recorded', async () => {
    const add = capture();
    await runProgram(
      buildPointprintProgram(add.deps),
      [
        'addprinterconnection',
        '//NTPRINT/HpColor',
        ...IN_PROCESS,
        '--client-root',
        clientRoot,
        '-U',
        'alice%Passw0rd!',
      ],
      add.deps,
    );
    expect(add.code() ?? 0).toBe(0);
    const del = capture();
    await runProgram(
      buildPointprintProgram(del.deps),
      ['deleteprinterconnection', '\\\\NTPRINT\\HpColor', '--client-root', clientRoot],
      del.deps,
    );
    expect(del.code() ?? 0).toBe(0);
    expect(del.out()).toMatch(/COPYFILE_EVENT_DELETE_PRINTER_CONNECTION/);
    expect(del.out()).toMatch(/PRINTER_EVENT_CACHE_DELETE/);
  });

  it('validate --sarif - writes SARIF to stdout, not to a file named "-"', async () => {
    const c = capture();
    await runProgram(buildPointprintProgram(c.deps), ['validate', DEFAULT_FIXTURE_DIR, '--sarif', '-'], c.deps);
    expect(c.err()).toBe('');
    expect(c.code()).toBe(0);
    expect((JSON.parse(c.out()) as { version: string }).version).toBe('2.1.0');
    await expect(fs.access(path.resolve('-'))).rejects.toThrow(/ENOENT/);
    const both = capture();
    await runProgram(
      buildPointprintProgram(both.deps),
      ['validate', DEFAULT_FIXTURE_DIR, '--sarif', '-', '--json'],
      both.deps,
    );
    expect(both.code()).toBe(2);
    expect(both.err()).toMatch(/both want stdout/);
  });

  it('--version prints the version of package.json', async () => {
    const c = capture();
    await runProgram(buildPointprintProgram(c.deps), ['--version'], c.deps);
    const pkg = JSON.parse(await fs.readFile(path.join(__dirname, '../../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(c.out()).toBe(`${pkg.version}\n`);
  });
});
