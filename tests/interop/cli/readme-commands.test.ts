/**
 * The README's print-server block, run as written by bash (the port 4455 replaced by a free one,
 * `pointprint` by the build): `serve`, then smbclient, rpcclient and our commands against it.
 * Every `!` in it is inside single quotes, where an interactive bash does not expand history.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describeWithTools } from '../../helpers/interop-tools';
import { freePort } from '../../helpers/samba-server';
import { requireBuild } from '../../helpers/spawn-server';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..', '..');

jest.setTimeout(120000);

/** The fenced block that starts with `pointprint serve --port 4455`, one command per line. */
async function readmeServerBlock(): Promise<string[]> {
  const readme = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8');
  const block = /```sh\n(pointprint serve --port 4455[\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no block starting with `pointprint serve --port 4455`');
  return block
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.replace(/\s+#\s.*$/, ''));
}

/** Characters of `line` outside single quotes (where bash would expand `!`). */
function unquoted(line: string): string {
  let out = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === "'") quoted = !quoted;
    else if (!quoted) out += ch;
  }
  return out;
}

describeWithTools(['smbclient', 'rpcclient'], "the README's print-server commands", () => {
  let lines: string[];
  let cwd: string;
  let port: number;
  let stopServer: (() => Promise<void>) | undefined;
  const bin = `${process.execPath} ${path.join(ROOT, 'dist', 'bin', 'pointprint.js')}`;
  const shell = (line: string): string => line.replace(/\b4455\b/g, String(port)).replace(/^pointprint /, `${bin} `);

  beforeAll(async () => {
    requireBuild();
    lines = await readmeServerBlock();
    cwd = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-readme-'));
    await fs.writeFile(path.join(cwd, 'report.txt'), 'page one\fpage two\f');
    port = await freePort();
    const serveLine = lines[0] ?? '';
    const child = spawn('bash', ['-c', `exec ${shell(serveLine)}`], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    stopServer = async () => {
      child.kill('SIGTERM');
      await exited;
    };
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening on" from: ${serveLine}\n${out}`)), 20000);
      child.stdout.setEncoding('utf8').on('data', (s: string) => {
        out += s;
        if (out.includes(`listening on 127.0.0.1:${port}`) && out.includes('state in')) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then(() => reject(new Error(`serve exited: ${out}`)));
    });
    expect(out).toContain('state in ./state: pointprint status --state ./state');
  });

  afterAll(async () => {
    await stopServer?.();
    if (cwd) await fs.rm(cwd, { recursive: true, force: true });
  });

  test('every ! is inside single quotes', () => {
    for (const line of lines) expect({ line, bang: unquoted(line).includes('!') }).toEqual({ line, bang: false });
  });

  test('each command runs as written and does what the README says', async () => {
    const outputs = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const { stdout } = await run('bash', ['-c', shell(line)], { cwd, timeout: 30000 }).catch((err: unknown) => {
        const e = err as Error & { stdout?: string; stderr?: string };
        throw new Error(`${line}\n${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
      });
      outputs.set(line.split(' ').slice(0, 2).join(' '), stdout);
    }
    expect(existsSync(path.join(cwd, 'Hpclrlsr.icm'))).toBe(true);
    expect(outputs.get('rpcclient -p')).toMatch(/SourceDir/);
    expect(outputs.get('pointprint print')).toMatch(/^printed report\.txt on \\\\127\.0\.0\.1\\HpColor \(18 bytes\)/);
    expect(outputs.get('pointprint printers')).toMatch(/^HpColor\s/m);
    expect(outputs.get('pointprint jobs')).toMatch(/^Jobs on \\\\127\.0\.0\.1\\HpColor:|^No jobs on/m);
    expect(outputs.get('pointprint status')).toContain('HpColor (shared as HpColor)');
    expect(outputs.get('pointprint device')).toMatch(/faults: paper-out/);
  });
});
