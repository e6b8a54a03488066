/**
 * What a new user of the package does, step by step, each step bounded in time: a clean clone of
 * this repository's HEAD, `npm ci` there (its `prepare` builds dist/), `npm pack`, and scratch
 * projects that install the package (the tarball, or `git+file://` of the clone) next to jest and
 * @marsaud/smb2 at the versions this repository locks, so npm finds them in its cache.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Installs come from npm's cache when it has them: the registry is reached only for what it lacks. */
const NPM_QUIET = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

export interface StepResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one step; a step that fails or outlives `timeoutMs` throws with its output. */
export async function step(
  what: string,
  file: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<StepResult> {
  try {
    const { stdout, stderr } = await execFileAsync(file, [...args], {
      cwd: options.cwd,
      timeout: options.timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: 32 * 1024 * 1024,
      env: { ...process.env, ...options.env },
    });
    return { stdout, stderr };
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string; killed?: boolean };
    const why = e.killed ? `did not finish within ${options.timeoutMs / 1000} s` : e.message;
    throw new Error(`${what}: ${why}\n--- stdout\n${e.stdout ?? ''}\n--- stderr\n${e.stderr ?? ''}`);
  }
}

/** The version this repository has installed (what its lock file pins). */
export async function installedVersion(pkg: string): Promise<string> {
  const text = await fs.readFile(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** `git clone` of HEAD into `dir`, then `npm ci` there, which builds through `prepare`. */
export async function cleanClone(dir: string): Promise<string> {
  const head = (await step('git rev-parse', 'git', ['rev-parse', 'HEAD'], { cwd: ROOT, timeoutMs: 10000 })).stdout;
  await step('git clone', 'git', ['clone', '--quiet', '--no-hardlinks', ROOT, dir], { cwd: ROOT, timeoutMs: 60000 });
  await step('git checkout', 'git', ['checkout', '--quiet', head.trim()], { cwd: dir, timeoutMs: 30000 });
  await step('npm ci in the clone', NPM, ['ci', ...NPM_QUIET], { cwd: dir, timeoutMs: 300000 });
  return dir;
}

/** `npm pack` in the clone (its `prepare` runs again); the tarball's path. */
export async function packTarball(clone: string, destination: string): Promise<string> {
  const { stdout } = await step('npm pack', NPM, ['pack', '--pack-destination', destination, '--loglevel=error'], {
    cwd: clone,
    timeoutMs: 180000,
  });
  const name = stdout.trim().split('\n').pop() ?? '';
  if (!name.endsWith('.tgz')) throw new Error(`npm pack printed no tarball name: ${stdout}`);
  return path.join(destination, name);
}

/** A new project in `dir` with `spec` (a tarball path or git+file URL), jest and @marsaud/smb2. */
export async function scratchProject(dir: string, spec: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  const dev = [`jest@${await installedVersion('jest')}`, `@marsaud/smb2@${await installedVersion('@marsaud/smb2')}`];
  await step(`npm install ${spec}`, NPM, ['install', ...NPM_QUIET, spec, ...dev], { cwd: dir, timeoutMs: 400000 });
  return dir;
}

export function npx(dir: string, args: readonly string[], timeoutMs: number, env?: NodeJS.ProcessEnv) {
  return step(`npx ${args.join(' ')}`, NPM, ['exec', '--no', '--', ...args], {
    cwd: dir,
    timeoutMs,
    ...(env && { env }),
  });
}
