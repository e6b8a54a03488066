/**
 * `-U alice` without a password asks for it on a terminal, as smbclient does: the build runs
 * under a pseudo-terminal (util-linux `script`), the test types the password after the prompt,
 * and the password never shows in what the terminal displays (no echo). `-N` means no password;
 * with no terminal the command says what to give instead.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { requireBuild } from '../../helpers/spawn-server';

const execFileAsync = promisify(execFile);
const SCRIPT = '/usr/bin/script';
const ROOT = path.resolve(__dirname, '..', '..', '..');

jest.setTimeout(60000);

/** Single-quoted for sh. */
const q = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

interface TerminalRun {
  readonly code: number | null;
  /** What the terminal showed: the prompt, the command's output, never a typed password. */
  readonly screen: string;
}

/** Runs `argv` under `script`; once `prompt` shows, types `typed` and Enter. */
function underTerminal(argv: string[], prompt: string, typed: string): Promise<TerminalRun> {
  const command = [process.execPath, ...argv].map(q).join(' ');
  const child = spawn(SCRIPT, ['-q', '-e', '-c', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let answered = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no end under the terminal; it showed:\n${screen}`));
    }, 30000);
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      screen += s;
      if (!answered && screen.includes(prompt)) {
        answered = true;
        child.stdin.write(`${typed}\r`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe('-U user asks for the password on a terminal', () => {
  let server: FixtureServer;
  let root: string;
  let bin: string;
  let at: string[];

  beforeAll(async () => {
    if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: install util-linux (it gives the pseudo-terminal)`);
    bin = requireBuild();
    server = await startFixtureServer();
    at = ['--address', `${server.host}:${server.port}`];
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-prompt-'));
  });
  afterAll(async () => {
    await server?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  test('pointprint printers -U alice: the prompt, no echo, then the printers', async () => {
    const r = await underTerminal(
      [bin, 'printers', '\\\\NTPRINT', ...at, '-U', 'alice'],
      'Password for [WORKGROUP\\alice]:',
      'Passw0rd!',
    );
    expect(r.code).toBe(0);
    expect(r.screen).toMatch(/^Password for \[WORKGROUP\\alice\]:\r?\n/);
    expect(r.screen).toMatch(/^HpColor\s+READY/m);
    expect(r.screen).not.toContain('Passw0rd!');
  });

  test('addprinterconnection -U NTPRINT\\alice: the prompt names the domain; a wrong password is a refused logon', async () => {
    const add = path.join(ROOT, 'dist', 'bin', 'addprinterconnection.js');
    const args = [
      add,
      '\\\\NTPRINT\\HpColor',
      ...at,
      '--epm-port',
      String(server.epmPort),
      '-U',
      'NTPRINT\\alice',
      '--client-root',
      root,
    ];
    const wrong = await underTerminal(args, 'Password for [NTPRINT\\alice]:', 'Bad#Secret9');
    expect(wrong.code).toBe(1);
    expect(wrong.screen).toMatch(/addprinterconnection: logon failed: logon failure for alice/);
    expect(wrong.screen).not.toContain('Bad#Secret9');
    const right = await underTerminal(args, 'Password for [NTPRINT\\alice]:', 'Passw0rd!');
    expect(right.code).toBe(0);
    expect(right.screen).toMatch(/Connected to \\\\NTPRINT\\HpColor/);
    expect(right.screen).not.toContain('Passw0rd!');
  });

  test('-N: no password and no prompt; without a terminal: what to give instead (exit 2)', async () => {
    const none = await execFileAsync(process.execPath, [bin, 'printers', '\\\\NTPRINT', ...at, '-U', 'alice', '-N'], {
      timeout: 30000,
      env: { PATH: process.env.PATH ?? '' },
    }).catch((e: unknown) => e as { code: number; stdout: string; stderr: string });
    expect(none).toMatchObject({ code: 1, stdout: '' });
    expect((none as { stderr: string }).stderr).toMatch(/^pointprint printers: logon failed: logon failure for alice/);
    const piped = await execFileAsync(process.execPath, [bin, 'printers', '\\\\NTPRINT', ...at, '-U', 'alice'], {
      timeout: 30000,
      env: { PATH: process.env.PATH ?? '' },
    }).catch((e: unknown) => e as { code: number; stderr: string });
    expect(piped).toMatchObject({
      code: 2,
      stderr:
        'pointprint printers: no password for alice and no terminal to ask on (give -U alice%password, set PASSWD, or use -N for none)\n',
    });
  });
});
