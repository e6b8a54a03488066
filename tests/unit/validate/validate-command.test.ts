import path from 'node:path';
import { Command } from 'commander';
import fs from 'fs-extra';
import tmp from 'tmp';
import { createSilentLogger } from '../../../lib/common/logger';
import { parseUserCredentials, registerValidateCommand } from '../../../lib/cli/commands/validate';

const FIXTURES = path.resolve(__dirname, '../../fixtures/validate');
const ROOT = path.resolve(__dirname, '../../..');

async function run(...args: string[]): Promise<{ code: number | undefined; out: string; err: string }> {
  let code: number | undefined;
  let out = '';
  let err = '';
  const program = new Command('pointprint').exitOverride();
  program.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerValidateCommand(program, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    setExitCode: (c) => (code = c),
    logger: createSilentLogger(),
  });
  await program.parseAsync(['validate', ...args], { from: 'user' });
  return { code, out, err };
}

const fx = (name: string): string => path.join(FIXTURES, name);

describe('pointprint validate', () => {
  it('exit 0 on a clean file, with the preview', async () => {
    const r = await run(fx('clean.reg'), '--drivers', fx('store'));
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '\\\\SERVER\\PRINT$\\Color\\good.icm -> C:\\Windows\\System32\\spool\\drivers\\Color\\good.icm',
    );
  });

  it('exit 1 on an error finding', async () => {
    const r = await run(fx('cf003-file-leaves-directory.reg'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('ERROR   CF003 CopyFiles\\ICM Files: "..\\x.dll" leaves its directory');
  });

  it('--fail-on decides whether warnings fail', async () => {
    expect((await run(fx('cf104-policy-refuses.reg'))).code).toBe(0);
    expect((await run(fx('cf104-policy-refuses.reg'), '--fail-on', 'warning')).code).toBe(1);
    expect((await run(fx('cf104-policy-refuses.reg'), '--fail-on', 'warning', '--policy', '2')).code).toBe(0);
  });

  it('--environment picks the previews; an unknown one is a usage error', async () => {
    const r = await run(fx('clean.reg'), '--environment', 'windows arm64', '--server-name', 'PRN1');
    expect(r.out).toContain('CopyFiles\\ICM  Windows ARM64: downloads');
    expect(r.out).not.toContain('Windows x64:');
    expect(r.out).toContain('\\\\PRN1\\PRINT$\\Color');
    await expect(run(fx('clean.reg'), '--environment', 'Windows 3.1')).rejects.toThrow(/unknown environment/);
  });

  it('--json', async () => {
    const r = await run(fx('cf101-file-missing.reg'), '--drivers', fx('store'), '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { findings: { rule: string }[] };
    expect(doc.findings.map((f) => f.rule)).toEqual(['CF101']);
  });

  it('--sarif to stdout and to a file', async () => {
    const r = await run(fx('cf003-file-leaves-directory.reg'), '--sarif');
    expect((JSON.parse(r.out) as { version: string }).version).toBe('2.1.0');
    const out = path.join(tmp.dirSync({ unsafeCleanup: true }).name, 'validate.sarif');
    const r2 = await run(fx('cf003-file-leaves-directory.reg'), '--sarif', out);
    expect(r2.out).toContain('ERROR   CF003');
    expect((fs.readJsonSync(out) as { runs: { results: unknown[] }[] }).runs[0]!.results).toHaveLength(1);
  });

  it('a fixture folder with the sample modules', async () => {
    const r = await run(
      fx('fixture-folder'),
      '--modules',
      path.join(ROOT, 'examples/modules/modules.json'),
      '--policy',
      '2',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '\\\\PRNSRV01\\PRINT$\\Vendor\\x64\\vendor.dat -> C:\\Windows\\System32\\spool\\drivers\\Vendor\\x64\\vendor.dat',
    );
  });

  it.each([
    ['a missing file', [fx('nope.reg')], /cannot read/],
    ['a file that is not a .reg export', [path.join(FIXTURES, 'modules/failing.js')], /cannot parse/],
    ['a live server without a connector', ['\\\\NTPRINT\\HpColor'], /needs the remote client/],
    ['a missing drivers store', [fx('clean.reg'), '--drivers', fx('no-store')], /drivers store/],
    ['a broken module config', [fx('clean.reg'), '--modules', fx('clean.reg')], /module config/],
    ['--json with --sarif on stdout', [fx('clean.reg'), '--json', '--sarif'], /both want stdout/],
  ])('exit 2 for %s, with the reason', async (_what, args, reason) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(reason);
    expect(r.out).toBe('');
  });
});

describe('parseUserCredentials (-U)', () => {
  it.each([
    ['alice%pw', { userName: 'alice', password: 'pw' }],
    ['CORP\\alice%p%w', { userName: 'alice', password: 'p%w', domain: 'CORP' }],
    ['alice', { userName: 'alice', password: '' }],
  ])('%s', (value, expected) => expect(parseUserCredentials(value)).toEqual(expected));
  it('refuses an empty user', () => expect(() => parseUserCredentials('%pw')).toThrow());
});
