/**
 * Samba's smbd as the reference server on a loopback port: a throw-away smb.conf, private/state
 * dirs and a tdbsam passdb in a temp dir, a PRINT$ share over a given directory, and printers
 * whose print commands do nothing. Stopping it ends every process carrying its smb.conf path
 * (smbd, its per-client children, samba-dcerpcd, the rpcd_* workers, samba-bgqd), by pid. The benchmarks' own launcher (bench/ imports nothing from
 * tests/); the interop tests' helper can be built on this one.
 *
 * preparePointAndPrint() then gives a printer what the NTPRINT fixture gives HpColor: its driver
 * (rpcclient adddriver + setdriver) and the CopyFiles\ICM key (SetPrinterDataEx through Samba's
 * Python bindings — rpcclient has no setprinterdataex command).
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import tmp from 'tmp';
import { processesMatching } from './memory';

export const SAMBA_TOOLS = {
  smbd: '/usr/sbin/smbd',
  smbpasswd: '/usr/bin/smbpasswd',
  smbclient: '/usr/bin/smbclient',
  rpcclient: '/usr/bin/rpcclient',
  python3: '/usr/bin/python3',
} as const;

const execFileAsync = promisify(execFile);

export interface SambaServer {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The temp dir holding smb.conf and Samba's state. */
  readonly dir: string;
  /** The smb.conf path: every smbd, samba-dcerpcd and rpcd_* process of this instance carries it. */
  readonly conf: string;
  /** The main smbd's pid. */
  readonly pid: number;
  stop(): Promise<void>;
}

export interface SambaOptions {
  /** Directory served as print$. */
  readonly printDollar: string;
  /** Printers to declare (share names). */
  readonly printers?: readonly string[];
  readonly password?: string;
  readonly extraGlobal?: readonly string[];
  /**
   * Serve a copy of printDollar: smbd creates its architecture folders in print$, which must not
   * happen in a repository's tree (the tests copy; the bench serves its own temp dir as is).
   */
  readonly copyPrintDollar?: boolean;
}

/** What is missing to run smbd here, or undefined. */
export function sambaProblem(): string | undefined {
  for (const tool of Object.values(SAMBA_TOOLS)) if (!existsSync(tool)) return `${tool} is not installed`;
  return undefined;
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

/** Samba accounts must be Unix accounts: the bench runs as root and uses root's Samba entry. */
export async function startSamba(options: SambaOptions): Promise<SambaServer> {
  const dir = tmp.dirSync({ unsafeCleanup: true, prefix: 'pointprint-smbd-' });
  const port = await freePort();
  const password = options.password ?? 'Sm6aPass!';
  const user = 'root';
  for (const d of ['private', 'state', 'cache', 'lock', 'pid', 'ncalrpc', 'spool', 'log']) mkdirSync(join(dir.name, d));
  const printDollar = options.copyPrintDollar ? join(dir.name, 'print$') : options.printDollar;
  if (options.copyPrintDollar) cpSync(options.printDollar, printDollar, { recursive: true });
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
    '  log level = 0',
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
  try {
    execFileSync(SAMBA_TOOLS.smbpasswd, ['-c', conf, '-s', '-a', user], {
      input: `${password}\n${password}\n`,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
  } catch (err) {
    dir.removeCallback(); // not root, or Samba broken: leave no temp dir behind
    throw err;
  }
  // smbd signals its whole process group when it stops: give it a group of its own (detached),
  // or it takes the bench down with it.
  const child = spawn(SAMBA_TOOLS.smbd, ['--foreground', '--no-process-group', '-s', conf], {
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
    conf,
    pid: child.pid ?? 0,
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
      // By pid, found through the conf path in their command lines.
      for (const pid of processesMatching(conf)()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // it ended on its own in the meantime
        }
      }
      dir.removeCallback();
    },
  };
}

export interface PointAndPrintSetup {
  readonly printer: string;
  readonly driverName: string;
  /** "Windows x64" and the like. */
  readonly environment: string;
  /** print$ subdirectory of the environment (x64). */
  readonly archDir: string;
  readonly driver: string;
  readonly dataFile: string;
  readonly configFile: string;
  readonly helpFile: string;
  readonly dependentFiles: readonly string[];
  /** CopyFiles\ICM: Directory and Files (REG_SZ, REG_MULTI_SZ) and Module. */
  readonly icm: { readonly directory: string; readonly files: readonly string[]; readonly module: string };
}

/**
 * Installs the driver and the CopyFiles\ICM key on a Samba printer, as an administrator would.
 * AddPrinterDriver moves the files from print$\<arch>\ into print$\<arch>\3\, so they are first
 * copied there from the version directory the tree already has.
 */
export async function preparePointAndPrint(
  samba: SambaServer,
  printDollar: string,
  s: PointAndPrintSetup,
): Promise<void> {
  const versionDir = join(printDollar, s.archDir, '3');
  const files = [s.driver, s.dataFile, s.configFile, s.helpFile, ...s.dependentFiles];
  const present = new Map(readdirSync(versionDir).map((f) => [f.toLowerCase(), f]));
  for (const f of files) {
    const actual = present.get(f.toLowerCase());
    if (actual === undefined) throw new Error(`${f} is not in ${versionDir}`);
    copyFileSync(join(versionDir, actual), join(printDollar, s.archDir, actual));
  }
  const auth = ['-p', String(samba.port), '-U', `${samba.user}%${samba.password}`];
  const driverSpec = [
    s.driverName,
    s.driver,
    s.dataFile,
    s.configFile,
    s.helpFile,
    'NULL',
    'RAW',
    s.dependentFiles.join(','),
  ].join(':');
  const rpc = async (command: string): Promise<string> => {
    const { stdout } = await execFileAsync(SAMBA_TOOLS.rpcclient, [...auth, '-c', command, '127.0.0.1'], {
      timeout: 30000,
    });
    return stdout;
  };
  await rpc(`adddriver "${s.environment}" "${driverSpec}" 3`);
  await rpc(`setdriver ${s.printer} "${s.driverName}"`);
  const script = [
    'import sys',
    'from samba import param',
    'from samba.credentials import Credentials',
    'from samba.dcerpc import spoolss, misc',
    'port, user, password, printer, key, directory, module = sys.argv[1:8]',
    'files = sys.argv[8:]',
    'lp = param.LoadParm()',
    'lp.set("smb ports", port)',
    'creds = Credentials()',
    'creds.guess(lp)',
    'creds.set_username(user)',
    'creds.set_password(password)',
    'conn = spoolss.spoolss("ncacn_np:127.0.0.1[spoolss]", lp, creds)',
    'dc = spoolss.DevmodeContainer()',
    'uc = spoolss.UserLevelCtr()',
    'uc.level = 1',
    'u1 = spoolss.UserLevel1()',
    'u1.size = 28',
    'u1.client = "BENCH"',
    'u1.user = user',
    'uc.user_info = u1',
    'h = conn.OpenPrinterEx("\\\\\\\\127.0.0.1\\\\" + printer, None, dc, 0x000f000c, uc)',
    'def put(name, t, data):',
    '    conn.SetPrinterDataEx(h, key, name, t, list(data))',
    'put("Directory", misc.REG_SZ, (directory + "\\0").encode("utf-16-le"))',
    'put("Files", misc.REG_MULTI_SZ, ("".join(f + "\\0" for f in files) + "\\0").encode("utf-16-le"))',
    'put("Module", misc.REG_SZ, (module + "\\0").encode("utf-16-le"))',
    'conn.ClosePrinter(h)',
  ].join('\n');
  await execFileAsync(
    SAMBA_TOOLS.python3,
    [
      '-c',
      script,
      String(samba.port),
      samba.user,
      samba.password,
      s.printer,
      'CopyFiles\\ICM',
      s.icm.directory,
      s.icm.module,
      ...s.icm.files,
    ],
    { timeout: 30000 },
  );
  const check = await rpc(`enumdataex ${s.printer} CopyFiles\\\\ICM`);
  if (!/Directory/.test(check) || !/Files/.test(check)) throw new Error(`CopyFiles\\ICM not stored on smbd: ${check}`);
}
