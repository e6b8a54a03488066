/**
 * Samba's smbd as a reference server on a loopback port (the oracle for interop and benchmarks):
 * a throw-away smb.conf, private/state dirs and a tdbsam passdb in a temp dir, a PRINT$ share
 * over a given directory, and one printer whose print commands do nothing.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import tmp from 'tmp';
import { TOOLS } from './interop-tools';

export interface SambaServer {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly dir: string;
  stop(): Promise<void>;
}

export interface SambaOptions {
  /** Directory served as print$; smbd gets a copy, since it creates its architecture folders there. */
  readonly printDollar: string;
  /** Printers to declare (share names). */
  readonly printers?: readonly string[];
  readonly password?: string;
  readonly extraGlobal?: readonly string[];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`smbd exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1');
      c.once('connect', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`smbd did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Samba accounts must be Unix accounts: the tests run as root in CI and use root's Samba entry. */
export async function startSamba(options: SambaOptions): Promise<SambaServer> {
  const dir = tmp.dirSync({ unsafeCleanup: true, prefix: 'pointprint-smbd-' });
  const port = await freePort();
  const password = options.password ?? 'Sm6aPass!';
  const user = 'root';
  for (const d of ['private', 'state', 'cache', 'lock', 'pid', 'ncalrpc', 'spool', 'log']) mkdirSync(join(dir.name, d));
  const printDollar = join(dir.name, 'print$');
  cpSync(options.printDollar, printDollar, { recursive: true });
  const printers = options.printers ?? [];
  writeFileSync(join(dir.name, 'printcap'), printers.map((p) => `${p}:\n`).join(''));
  const conf = join(dir.name, 'smb.conf');
  const lines = [
    '[global]',
    '  workgroup = SAMBAREF',
    '  netbios name = SAMBAREF',
    `  smb ports = ${port}`,
    '  interfaces = 127.0.0.1',
    '  bind interfaces only = yes',
    `  private dir = ${join(dir.name, 'private')}`,
    `  state directory = ${join(dir.name, 'state')}`,
    `  cache directory = ${join(dir.name, 'cache')}`,
    `  lock directory = ${join(dir.name, 'lock')}`,
    `  pid directory = ${join(dir.name, 'pid')}`,
    `  ncalrpc dir = ${join(dir.name, 'ncalrpc')}`,
    `  log file = ${join(dir.name, 'log', 'log.%m')}`,
    `  passdb backend = tdbsam:${join(dir.name, 'private', 'passdb.tdb')}`,
    '  disable netbios = yes',
    '  server role = standalone server',
    '  load printers = yes',
    '  printing = bsd',
    `  printcap name = ${join(dir.name, 'printcap')}`,
    '  print command = /bin/true',
    '  lpq command = /bin/true',
    '  lprm command = /bin/true',
    ...(options.extraGlobal ?? []),
    '[printers]',
    `  path = ${join(dir.name, 'spool')}`,
    '  printable = yes',
    '  guest ok = no',
    '[print$]',
    `  path = ${printDollar}`,
    '  read only = no',
    '  write list = root',
  ];
  writeFileSync(conf, lines.join('\n') + '\n');
  execFileSync(TOOLS.smbpasswd, ['-c', conf, '-s', '-a', user], {
    input: `${password}\n${password}\n`,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  // smbd signals its whole process group when it stops: give it a group of its own (detached),
  // or it takes the test runner down with it.
  const child = spawn(TOOLS.smbd, ['--foreground', '--no-process-group', '-s', conf], {
    stdio: 'ignore',
    detached: true,
  });
  try {
    await waitForPort(port, child, 15000);
  } catch (err) {
    child.kill('SIGKILL');
    dir.removeCallback();
    throw err;
  }
  return {
    port,
    user,
    password,
    dir: dir.name,
    stop: async () => {
      // smbd starts samba-dcerpcd and the rpcd_* workers in their own sessions: stop them all by
      // the config file they were given, then remove the temp dir.
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(resolve, 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      try {
        execFileSync('pkill', ['-KILL', '-f', conf], { stdio: 'ignore' });
      } catch {
        // pkill exits 1 when nothing matched: everything had already stopped.
      }
      dir.removeCallback();
    },
  };
}
